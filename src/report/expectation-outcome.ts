// What every report says about one expectation: its window, when its condition was seen, and by how
// much it met or missed the window. JUnit, HTML and the terminal summary all read these, so they agree.
import type { ExpectationRecord, RunJournal, StepRecord } from '../engine/journal.js';
import { formatDuration, formatOffset } from './run-time-text.js';

export type OutcomeGroup = 'steady-before' | 'step' | 'steady-after';

export interface ExpectationOutcome {
  readonly record: ExpectationRecord;
  readonly group: OutcomeGroup;
  /** The step, or null for steady-state checks. */
  readonly step: StepRecord | null;
  /** `<step name> › <expectation>` (with the repetition when the step repeats), as JUnit names it. */
  readonly caseName: string;
  /** Short label for narrow places: `3 › vms {...} drained: live` */
  readonly shortLabel: string;
  readonly windowMs: number;
  /** When the condition was reached, from the window's start (becomes, drained, is); null if never. */
  readonly reachedAfterMs: number | null;
  /** How far past the window's end it was reached (or, if never, how long past the end it was watched). */
  readonly lateByMs: number | null;
  /** `between` only: how long before the window opened it was reached. */
  readonly earlyByMs: number | null;
  /** It was never seen to hold; `lateByMs` then counts how long past the window it was still watched. */
  readonly neverReached: boolean;
  /** Where a failure shows on a timeline: when it was late, early or violated. */
  readonly failedAt: number | null;
  /** One sentence: the window and what was observed when. */
  readonly summary: string;
}

/** Every expectation of the run in the order it ran: steady state before, steps, steady state after. */
export function expectationOutcomes(journal: RunJournal): ExpectationOutcome[] {
  const repeated = repeatedSteps(journal.steps);
  const outcomes: ExpectationOutcome[] = [];
  for (const r of journal.steadyState.before) outcomes.push(outcomeOf(journal, r, 'steady-before', null, 'steady state before'));
  for (const step of journal.steps) {
    const name = repeated.has(step.index) ? `${step.name} (repetition ${step.repetition})` : step.name;
    for (const r of step.expectations) outcomes.push(outcomeOf(journal, r, 'step', step, name));
  }
  for (const r of journal.steadyState.after) outcomes.push(outcomeOf(journal, r, 'steady-after', null, 'steady state after rollback'));
  return outcomes;
}

/** Indexes of steps that ran more than once, whose case names need the repetition to stay unique. */
function repeatedSteps(steps: readonly StepRecord[]): Set<number> {
  const seen = new Map<number, number>();
  for (const s of steps) seen.set(s.index, (seen.get(s.index) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([i]) => i));
}

function outcomeOf(
  journal: RunJournal,
  record: ExpectationRecord,
  group: OutcomeGroup,
  step: StepRecord | null,
  stepName: string,
): ExpectationOutcome {
  const { window: w } = record;
  const windowMs = w.to - w.from;
  const reachesCondition = record.predicate === 'becomes' || record.predicate === 'drained' || record.predicate === 'is';
  const reachedAfterMs = reachesCondition && record.firstTrueAt !== null ? record.firstTrueAt - w.from : null;
  const lateByMs = lateness(journal, record, reachesCondition);
  const opensAt = w.from + (w.min ?? 0);
  const earlyByMs =
    record.verdict === 'fail' && w.min !== undefined && record.firstTrueAt !== null && record.firstTrueAt < opensAt
      ? opensAt - record.firstTrueAt
      : null;
  const neverReached = reachesCondition && record.firstTrueAt === null && !failedBeforeWindowEnd(record);
  const prefix = group === 'step' && step !== null ? `${step.index}` : group === 'steady-before' ? 'before' : 'after';
  return {
    record,
    group,
    step,
    caseName: `${stepName} › ${record.text}`,
    shortLabel: `${prefix} › ${record.text}`,
    windowMs,
    reachedAfterMs,
    lateByMs,
    earlyByMs,
    neverReached,
    failedAt: failureMoment(record, reachesCondition, earlyByMs),
    summary: summarise(journal, record, windowMs, reachedAfterMs, lateByMs, earlyByMs),
  };
}

/** How much a failed reaching missed its window's end by; if never reached, how long it was watched past it. */
function lateness(journal: RunJournal, r: ExpectationRecord, reachesCondition: boolean): number | null {
  if (r.verdict !== 'fail' || !reachesCondition || failedBeforeWindowEnd(r)) return null;
  if (r.firstTrueAt !== null) return r.firstTrueAt > r.window.to ? r.firstTrueAt - r.window.to : null;
  const watchedUntil = Math.max(r.decidedAt ?? r.window.to, r.lastFalseAt ?? 0, journal.clock.end);
  return Math.max(0, watchedUntil - r.window.to);
}

/**
 * A failure decided before its window closed without the condition ever holding: not lateness but a
 * decisive event (a VM restarted on the way of a live drain, a stop condition). Its reason says what.
 */
function failedBeforeWindowEnd(r: ExpectationRecord): boolean {
  return r.verdict === 'fail' && r.firstTrueAt === null && r.decidedAt !== null && r.decidedAt < r.window.to;
}

/** The moment a timeline marks a failure at. */
function failureMoment(r: ExpectationRecord, reachesCondition: boolean, earlyByMs: number | null): number | null {
  if (r.verdict !== 'fail') return null;
  if (earlyByMs !== null) return r.firstTrueAt;
  if (reachesCondition) return r.firstTrueAt ?? r.decidedAt ?? r.window.to;
  if (r.predicate === 'never') return r.firstTrueAt ?? r.decidedAt;
  return r.decidedAt ?? r.lastFalseAt;
}

/** The sentence JUnit puts in a failure message and the other reports show beside the verdict. */
function summarise(
  journal: RunJournal,
  r: ExpectationRecord,
  windowMs: number,
  reachedAfterMs: number | null,
  lateByMs: number | null,
  earlyByMs: number | null,
): string {
  const start = journal.clock.start;
  const window = `window ${r.window.text} (${formatOffset(r.window.from, start)} to ${formatOffset(r.window.to, start)} of the run)`;
  const seen = seenText(r, start);
  if (r.verdict === 'skipped') return skippedText(r.reason);
  if (r.verdict === 'inconclusive') return `inconclusive: ${r.reason}; ${window}${seen}`;
  if (earlyByMs !== null && reachedAfterMs !== null)
    return `reached after ${formatDuration(reachedAfterMs)}, ${formatDuration(earlyByMs)} before the window opened; ${window}${seen}`;
  if (r.verdict === 'fail' && lateByMs !== null) {
    if (reachedAfterMs !== null)
      return `reached after ${formatDuration(reachedAfterMs)}, ${formatDuration(lateByMs)} late; ${window}${seen}`;
    return `never reached (watched ${formatDuration(lateByMs)} past the window); ${window}${seen}`;
  }
  if (r.verdict === 'fail') return `${r.reason}; ${window}${seen}`;
  if (r.predicate === 'is' && reachedAfterMs !== null)
    return reachedAfterMs === 0 ? `held at ${formatOffset(r.window.from, start)}` : `reached after ${formatDuration(reachedAfterMs)} of ${formatDuration(windowMs)}; ${window}${seen}`;
  if (reachedAfterMs !== null)
    return `reached after ${formatDuration(reachedAfterMs)}, ${formatDuration(Math.max(0, windowMs - reachedAfterMs))} to spare; ${window}${seen}`;
  return `held throughout; ${window}${seen}`;
}

/** "; last seen false at +1m, first seen true at +2m" (only the times that exist). */
function seenText(r: ExpectationRecord, start: number): string {
  const parts: string[] = [];
  if (r.lastFalseAt !== null) parts.push(`last seen false at ${formatOffset(r.lastFalseAt, start)}`);
  if (r.firstTrueAt !== null) parts.push(`first seen true at ${formatOffset(r.firstTrueAt, start)}`);
  return parts.length === 0 ? '' : `; ${parts.join(', ')}`;
}

/** "skipped: <why>", once: the engine's reasons for skipped expectations may already say "skipped". */
export function skippedText(reason: string): string {
  return reason.startsWith('skipped') ? reason : `skipped: ${reason}`;
}
