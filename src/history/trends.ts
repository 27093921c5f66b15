// How each key timing of a runbook on a target trends over its last N runs: last, median, p95, and a
// regression flag when the last run drifted past the threshold of the earlier ones, even while it is
// still inside its window (the point is to see the cluster slowing down before a drill fails).
import type { RecordedRun } from './run-record.js';
import { defaultDriftRule, judgeDrift, type DriftRule } from './drift.js';
import { median, percentile } from './statistics.js';
import type { TimingLabel } from './timings.js';

export interface TrendOptions extends DriftRule {
  /** Runs per runbook and target the trend is computed over. */
  readonly last: number;
}

export const defaultTrendOptions: TrendOptions = { ...defaultDriftRule, last: 20 };

/** One point of a timing's series. */
export interface TimingSample {
  readonly runId: string;
  readonly startedAt: string;
  readonly ms: number;
  readonly windowMs: number;
  readonly verdict: 'pass' | 'fail';
}

export interface TimingTrend {
  readonly name: string;
  /** What an operator calls it (time to isolation, drain duration...), from its latest run. */
  readonly label: TimingLabel;
  readonly series: readonly TimingSample[];
  readonly lastMs: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  /** Median of the runs before the last one, which the last is judged against. */
  readonly baselineMedianMs: number | null;
  readonly ratio: number | null;
  /** The last value is inside its window (a regression may still be flagged). */
  readonly insideWindow: boolean;
  readonly regression: boolean;
}

/** The trends of one runbook on one target. */
export interface PairTrend {
  readonly runbook: string;
  readonly target: string;
  /** Completed runs the trend covers. */
  readonly runs: number;
  readonly timings: readonly TimingTrend[];
}

/** Groups completed runs by runbook and target and computes each timing's trend over the last N. */
export function trendsOf(runs: readonly RecordedRun[], options: TrendOptions = defaultTrendOptions): PairTrend[] {
  const groups = new Map<string, RecordedRun[]>();
  for (const run of runs) {
    if (run.outcome !== 'completed') continue;
    const key = JSON.stringify([run.runbook, run.target]);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return [...groups.values()]
    .map((group) => {
      const ordered = [...group].sort(byStart).slice(-Math.max(1, options.last));
      return { runbook: ordered[0]!.runbook, target: ordered[0]!.target, runs: ordered.length, timings: timingTrends(ordered, options) };
    })
    .sort((a, b) => a.runbook.localeCompare(b.runbook) || a.target.localeCompare(b.target));
}

/** Runs in start order; ties keep insertion order. */
const byStart = (a: RecordedRun, b: RecordedRun): number => a.startedAt.localeCompare(b.startedAt) || a.id - b.id;

/** Each timing name's series over the runs, in the order the timings first appear. */
function timingTrends(runs: readonly RecordedRun[], rule: DriftRule): TimingTrend[] {
  const series = new Map<string, TimingSample[]>();
  const labels = new Map<string, TimingLabel>();
  for (const run of runs) {
    for (const t of run.timings) {
      labels.set(t.name, t.label);
      const sample = { runId: run.runId, startedAt: run.startedAt, ms: t.ms, windowMs: t.windowMs, verdict: t.verdict };
      series.set(t.name, [...(series.get(t.name) ?? []), sample]);
    }
  }
  return [...series.entries()].map(([name, samples]) => {
    const values = samples.map((s) => s.ms);
    const last = samples[samples.length - 1]!;
    const drift = judgeDrift(last.ms, values.slice(0, -1), rule);
    return {
      name,
      label: labels.get(name) ?? null,
      series: samples,
      lastMs: last.ms,
      medianMs: median(values),
      p95Ms: percentile(values, 95),
      baselineMedianMs: drift.baselineMedianMs,
      ratio: drift.ratio,
      insideWindow: last.ms <= last.windowMs,
      regression: drift.slower,
    };
  });
}
