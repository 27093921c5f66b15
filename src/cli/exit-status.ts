// One exit status for several runbooks: interrupted wins, then a failure, then inconclusive, then pass.
import { ExitStatus } from '../errors/drill-error.js';

export function combinedExitStatus(statuses: readonly number[]): number {
  const order = [ExitStatus.interrupted, ExitStatus.invalidInput, ExitStatus.failed, ExitStatus.inconclusive];
  for (const status of order) if (statuses.includes(status)) return status;
  return statuses.find((s) => s !== ExitStatus.passed) ?? ExitStatus.passed;
}
