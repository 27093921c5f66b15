// Structured logging of the scheduler: one JSON object per line (to stderr in the CLI), so journald,
// Windows event forwarding and Kubernetes log collectors can parse it. Time comes from the Clock.
import type { Clock } from '../time/clock.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

/** Writes `{"time":…,"level":…,"event":…,…fields}` lines; fields never overwrite time, level or event. */
export function jsonLinesLogger(write: (line: string) => void, clock: Clock, minLevel: LogLevel = 'info'): Logger {
  const order: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
  return {
    log(level, event, fields = {}) {
      if (order[level] < order[minLevel]) return;
      write(`${JSON.stringify({ ...fields, time: clock.wallTime(), level, event })}\n`);
    },
  };
}

/** A logger that keeps records in memory, for tests and for summaries. */
export function memoryLogger(): Logger & { readonly records: Array<{ level: LogLevel; event: string } & LogFields> } {
  const records: Array<{ level: LogLevel; event: string } & LogFields> = [];
  return {
    records,
    log(level, event, fields = {}) {
      records.push({ ...fields, level, event });
    },
  };
}
