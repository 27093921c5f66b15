// The run's verdict from everything that happened, and the exit status of the contract for it.
import { ExitStatus } from '../errors/drill-error.js';
import type { ExpectationRecord, RunVerdict, StepRecord } from './journal.js';

/** Exit status of a verdict: 0 pass, 1 fail, 2 invalid input, 3 inconclusive / aborted / target error, 130 interrupted. */
export function exitStatusOf(verdict: RunVerdict): ExitStatus {
  switch (verdict) {
    case 'pass':
      return ExitStatus.passed;
    case 'fail':
      return ExitStatus.failed;
    case 'invalid':
      return ExitStatus.invalidInput;
    case 'interrupted':
      return ExitStatus.interrupted;
    case 'inconclusive':
    case 'aborted':
      return ExitStatus.inconclusive;
  }
}

export interface VerdictFacts {
  readonly preflightError: { readonly invalid: boolean; readonly message: string } | null;
  readonly steadyBefore: readonly ExpectationRecord[];
  /** Why nothing was injected although preflight passed (steady state not met, first injection refused). */
  readonly notStarted: string | null;
  readonly steps: readonly StepRecord[];
  readonly steadyAfter: readonly ExpectationRecord[];
  readonly interrupted: boolean;
  readonly aborted: string | null;
  readonly targetError: string | null;
  readonly rollbackFailures: readonly string[];
}

/**
 * Interrupted beats everything (130, after the rollback); then a rollback that left faults in effect,
 * a stop condition, nothing run; then any failed expectation (1); then a target error or an
 * inconclusive expectation (3); else pass.
 */
export function decideVerdict(f: VerdictFacts): { verdict: RunVerdict; reason: string } {
  if (f.preflightError) return { verdict: f.preflightError.invalid ? 'invalid' : 'inconclusive', reason: f.preflightError.message };
  if (f.interrupted) return { verdict: 'interrupted', reason: 'interrupted; the rollback ran' };
  if (f.rollbackFailures.length > 0) {
    return { verdict: 'inconclusive', reason: `ROLLBACK FAILED, faults may still be in effect: ${f.rollbackFailures.join('; ')} (run drill cleanup)` };
  }
  if (f.aborted) return { verdict: 'aborted', reason: `aborted: ${f.aborted}` };
  if (f.notStarted) return { verdict: 'inconclusive', reason: f.notStarted };
  const expectations = [...f.steps.flatMap((s) => s.expectations), ...f.steadyAfter];
  const failed = expectations.filter((e) => e.verdict === 'fail');
  if (failed.length > 0) return { verdict: 'fail', reason: `${failed.length} expectation${failed.length === 1 ? '' : 's'} failed: ${failed.map((e) => e.text).join('; ')}` };
  if (f.targetError) return { verdict: 'inconclusive', reason: `target error: ${f.targetError}` };
  const unsure = expectations.filter((e) => e.verdict === 'inconclusive');
  if (unsure.length > 0) return { verdict: 'inconclusive', reason: `${unsure.length} expectation${unsure.length === 1 ? '' : 's'} inconclusive: ${unsure.map((e) => e.text).join('; ')}` };
  return { verdict: 'pass', reason: `every expectation passed (${expectations.length})` };
}
