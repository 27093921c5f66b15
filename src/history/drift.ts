// The one rule that says a timing got slower than usual, shared by `drill history` and `--baseline`.
import { median } from './statistics.js';

export interface DriftRule {
  /** Slower when last > median of the earlier runs x threshold (1.25: 25 % slower). */
  readonly threshold: number;
  /** ...and by at least this much (ms), so 40 ms becoming 60 ms is not a regression. */
  readonly minDriftMs: number;
  /** Fewer earlier samples than this: no verdict on drift. */
  readonly minSamples: number;
}

export const defaultDriftRule: DriftRule = { threshold: 1.25, minDriftMs: 1000, minSamples: 3 };

/** How one value compares with earlier values of the same timing. */
export interface DriftJudgement {
  readonly baselineMedianMs: number | null;
  readonly samples: number;
  /** value / baseline median; null when there is no baseline. */
  readonly ratio: number | null;
  readonly slower: boolean;
}

/** Judges `value` against `earlier` values of the same timing with `rule`. */
export function judgeDrift(value: number, earlier: readonly number[], rule: DriftRule): DriftJudgement {
  if (earlier.length === 0) return { baselineMedianMs: null, samples: 0, ratio: null, slower: false };
  const base = median(earlier);
  const ratio = base > 0 ? value / base : value > 0 ? Number.POSITIVE_INFINITY : 1;
  const slower = earlier.length >= rule.minSamples && value > base * rule.threshold && value - base >= rule.minDriftMs;
  return { baselineMedianMs: base, samples: earlier.length, ratio, slower };
}
