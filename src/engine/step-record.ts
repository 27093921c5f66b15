// Step records for the journal: a finished step from its judges, and the record of a skipped step.
import type { ExpectationRecord, StepRecord } from './journal.js';
import { judgeRecord, type Judge } from './expectation-judge.js';
import type { PlannedStep } from './plan-model.js';

/** `s<step>.r<repetition>.e<index>`, all 1-based. */
export const expectationId = (step: number, repetition: number, index: number): string => `s${step}.r${repetition}.e${index}`;

/** The status of a step from its expectations: any fail fails it, else any inconclusive. */
export function stepStatus(records: readonly ExpectationRecord[]): StepRecord['status'] {
  if (records.some((r) => r.verdict === 'fail')) return 'failed';
  if (records.some((r) => r.verdict === 'inconclusive')) return 'inconclusive';
  return 'passed';
}

/** What the act of a step adds to its record. */
function actFields(step: PlannedStep): Pick<StepRecord, 'kind' | 'fault' | 'action' | 'actText'> {
  const act = step.act;
  switch (act.kind) {
    case 'inject':
      return { kind: 'inject', fault: act.fault, actText: act.text };
    case 'do':
      return { kind: 'do', action: act.action, actText: act.text };
    case 'restore':
      return { kind: 'do', actText: act.text };
    case 'wait':
      return { kind: 'wait', actText: act.text };
  }
}

/** The record of a step that ran (possibly cut short). */
export function finishedStepRecord(
  step: PlannedStep,
  repetition: number,
  judges: readonly Judge[],
  startedAt: number | null,
  endedAt: number,
  note?: string,
): StepRecord {
  const expectations = judges.map(judgeRecord);
  const status = note !== undefined && expectations.length === 0 ? 'inconclusive' : stepStatus(expectations);
  return {
    index: step.index,
    repetition,
    name: step.name,
    ...actFields(step),
    status: note !== undefined && status === 'passed' ? 'inconclusive' : status,
    startedAt,
    endedAt,
    expectations,
    ...(note === undefined ? {} : { note }),
  };
}

/** The record of a step that did not run: its expectations are skipped. */
export function skippedStepRecord(step: PlannedStep, repetition: number, at: number, why: string): StepRecord {
  return {
    index: step.index,
    repetition,
    name: step.name,
    ...actFields(step),
    status: 'skipped',
    startedAt: null,
    endedAt: null,
    note: why,
    expectations: step.expectations.map((e) => ({
      id: expectationId(step.index, repetition, e.index),
      text: e.text,
      predicate: e.predicate.kind,
      window:
        e.window.minMs === null
          ? { from: at, to: at + e.window.maxMs, text: e.window.text }
          : { from: at, to: at + e.window.maxMs, min: at + e.window.minMs, text: e.window.text },
      verdict: 'skipped',
      reason: why,
      lastFalseAt: null,
      firstTrueAt: null,
      decidedAt: null,
    })),
  };
}
