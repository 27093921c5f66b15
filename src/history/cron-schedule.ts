// Cron arithmetic, delegated to croner: the next occurrence of a schedule after a given instant, in
// the schedule's time zone. Croner only computes dates here; waiting is the Clock's job.
import { Cron } from 'croner';

/** A checked cron schedule in its time zone. */
export interface CronSchedule {
  readonly expression: string;
  readonly timezone: string;
  /** The first occurrence strictly after `afterMs` (epoch ms), or null when there is none. */
  next(afterMs: number): number | null;
}

/** Why a schedule was refused, in words for a diagnostic. */
export type ScheduleCheck = { readonly ok: true; readonly schedule: CronSchedule } | { readonly ok: false; readonly message: string };

/** Croner also accepts an ISO date as a one-shot "pattern"; a drill schedule must be a cron expression. */
const looksLikeCron = (expression: string): boolean => {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) return true;
  const fields = trimmed.split(/\s+/).length;
  return fields >= 5 && fields <= 7;
};

/** Checks an IANA time zone name the way Intl (and croner) will read it. */
export function isTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Parses a cron expression in a time zone with croner; errors come back as data. */
export function cronSchedule(expression: string, timezone: string): ScheduleCheck {
  if (!looksLikeCron(expression)) {
    return { ok: false, message: `"${expression}" is not a cron expression (five fields "minute hour day-of-month month day-of-week", or @daily, @hourly...)` };
  }
  if (!isTimeZone(timezone)) return { ok: false, message: `unknown time zone "${timezone}" (use an IANA name such as Europe/Paris or UTC)` };
  let cron: Cron;
  try {
    cron = new Cron(expression, { timezone, paused: true, legacyMode: true });
  } catch (error) {
    return { ok: false, message: `invalid cron expression "${expression}": ${error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error)}` };
  }
  return {
    ok: true,
    schedule: {
      expression,
      timezone,
      next: (afterMs) => cron.nextRun(new Date(afterMs))?.getTime() ?? null,
    },
  };
}

/** The latest occurrence in (fromMs, toMs], walking forward with croner; null when there is none. */
export function latestOccurrence(schedule: CronSchedule, fromMs: number, toMs: number): number | null {
  let latest: number | null = null;
  let cursor = fromMs;
  for (;;) {
    const next = schedule.next(cursor);
    if (next === null || next > toMs) return latest;
    latest = next;
    cursor = next;
  }
}
