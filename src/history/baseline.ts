// `drill run --baseline N`: which expectations passed, but slower than usual on this target.
// A pure function of the run's journal and the history's earlier runs of the same runbook and target.
import type { RunJournal } from '../engine/journal.js';
import type { RecordedRun } from './run-record.js';
import { defaultDriftRule, judgeDrift, type DriftJudgement, type DriftRule } from './drift.js';
import { timingsOf } from './timings.js';

/** One timed expectation of the run against its baseline. */
export interface BaselineMark extends DriftJudgement {
  readonly expectationId: string;
  readonly name: string;
  readonly ms: number;
  readonly windowMs: number;
  readonly verdict: 'pass' | 'fail';
}

export interface BaselineComparison {
  readonly runbook: string;
  readonly target: string;
  /** Earlier runs the baseline was drawn from (at most N). */
  readonly baselineRuns: number;
  readonly marks: readonly BaselineMark[];
  /** Expectations that passed but slower than usual. */
  readonly slower: readonly BaselineMark[];
}

/**
 * Compares a finished run with the last `n` earlier completed runs of its runbook on its target.
 * `pastRuns` may hold anything (other runbooks, the run itself): it is filtered here.
 */
export function compareWithBaseline(
  journal: RunJournal,
  pastRuns: readonly RecordedRun[],
  n: number,
  rule: Partial<DriftRule> = {},
): BaselineComparison {
  const judged: DriftRule = { ...defaultDriftRule, minSamples: Math.min(defaultDriftRule.minSamples, Math.max(1, n)), ...rule };
  const earlier = pastRuns
    .filter((r) => r.outcome === 'completed' && r.runId !== journal.runId && r.runbook === journal.runbook.name && r.target === journal.target.name)
    .filter((r) => r.startedAt <= journal.startedAt)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id - b.id)
    .slice(n > 0 ? -n : pastRuns.length);
  const marks = timingsOf(journal).map((t): BaselineMark => {
    const values = earlier.flatMap((r) => r.timings.filter((x) => x.name === t.name).map((x) => x.ms));
    const drift = judgeDrift(t.ms, values, judged);
    return { expectationId: t.expectationId, name: t.name, ms: t.ms, windowMs: t.windowMs, verdict: t.verdict, ...drift, slower: drift.slower && t.verdict === 'pass' };
  });
  return { runbook: journal.runbook.name, target: journal.target.name, baselineRuns: earlier.length, marks, slower: marks.filter((m) => m.slower) };
}
