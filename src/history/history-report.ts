// What `drill history` shows: the last runs matching the filters, and the trend of each key timing
// per runbook and target. Built from the store once, then printed as text or rendered as HTML.
import type { RecordedRun } from './run-record.js';
import type { HistoryStore } from './store.js';
import { defaultTrendOptions, trendsOf, type PairTrend, type TrendOptions } from './trends.js';

export interface HistoryQuery {
  readonly runbook?: string;
  readonly target?: string;
}

export interface HistoryReport {
  readonly query: HistoryQuery;
  readonly options: TrendOptions;
  /** The last N runs of any outcome, oldest first. */
  readonly runs: readonly RecordedRun[];
  readonly trends: readonly PairTrend[];
  /** Timings flagged as regressions, with their runbook and target. */
  readonly regressions: ReadonlyArray<{ readonly runbook: string; readonly target: string; readonly timing: string }>;
}

/** Reads the history and computes the report. */
export function historyReport(store: HistoryStore, query: HistoryQuery, options: TrendOptions = defaultTrendOptions): HistoryReport {
  const filters = { ...(query.runbook ? { runbook: query.runbook } : {}), ...(query.target ? { target: query.target } : {}) };
  const runs = store.runs({ ...filters, last: options.last });
  const trends = trendsOf(store.runs({ ...filters, outcome: 'completed' }), options);
  const regressions = trends.flatMap((pair) =>
    pair.timings.filter((t) => t.regression).map((t) => ({ runbook: pair.runbook, target: pair.target, timing: t.name })),
  );
  return { query, options, runs, trends, regressions };
}
