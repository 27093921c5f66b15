// Key timings of a run, read from its journal: for each expectation that was reached, how long after
// its window opened (firstTrueAt - window.from). Named stably so the same timing lines up across runs.
import type { ExpectationRecord, RunJournal, StepRecord } from '../engine/journal.js';

/** What an operator calls a timing; null for a timing that is none of these. */
export type TimingLabel = 'time to isolation' | 'time to quarantine' | 'drain duration' | 'time to clear' | 'time to recover' | null;

/** One key timing of one run. */
export interface Timing {
  /** Stable name: `<step name> › <expectation text>` (with `#<n>` for repetitions after the first). */
  readonly name: string;
  /** Id of the expectation in its journal (`s<step>.r<rep>.e<i>`, `steady.after.<i>`). */
  readonly expectationId: string;
  /** Time from the window's start to the first observation where it held. */
  readonly ms: number;
  /** Length of the window (`within`, or the max of `between`), to show how close the timing came. */
  readonly windowMs: number;
  readonly verdict: 'pass' | 'fail';
  readonly label: TimingLabel;
}

/** Predicates whose first-true time is a recovery time (for `stays`/`never` it means nothing). */
const timedPredicates = new Set<ExpectationRecord['predicate']>(['becomes', 'drained']);

export const steadyAfterPrefix = 'steady state after rollback';

/** Recognises the key timings an operator asks for first, from the expectation and its step. */
export function timingLabel(e: ExpectationRecord, step: StepRecord | null): TimingLabel {
  if (step === null) return 'time to recover';
  if (e.predicate === 'drained') return 'drain duration';
  if (/quarantined:?\s*false/.test(e.text) || (step.action?.action === 'clear-quarantine' && e.predicate === 'becomes')) return 'time to clear';
  if (/\bQuarantined\b|quarantined:?\s*true/.test(e.text)) return 'time to quarantine';
  if (/\bIsolated\b|isolated:?\s*true/.test(e.text)) return 'time to isolation';
  return null;
}

/** The stable name of an expectation's timing within its step. */
export function timingName(stepName: string, repetition: number, text: string): string {
  return `${stepName}${repetition > 0 ? ` #${repetition + 1}` : ''} › ${text}`;
}

/** Every key timing of a journal, in journal order. */
export function timingsOf(journal: RunJournal): Timing[] {
  const out: Timing[] = [];
  const seen = new Set<string>();
  const add = (name: string, e: ExpectationRecord, step: StepRecord | null) => {
    if (e.firstTrueAt === null || (e.verdict !== 'pass' && e.verdict !== 'fail')) return;
    // Two identical expectations in one step would collide: keep the name unique with its id.
    const unique = seen.has(name) ? `${name} (${e.id})` : name;
    seen.add(unique);
    out.push({ name: unique, expectationId: e.id, ms: e.firstTrueAt - e.window.from, windowMs: e.window.to - e.window.from, verdict: e.verdict, label: timingLabel(e, step) });
  };
  for (const step of journal.steps) {
    for (const e of step.expectations) {
      if (timedPredicates.has(e.predicate)) add(timingName(step.name, step.repetition, e.text), e, step);
    }
  }
  for (const e of journal.steadyState.after) add(`${steadyAfterPrefix} › ${e.text}`, e, null);
  return out;
}
