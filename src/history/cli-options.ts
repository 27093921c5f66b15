// Command-line values of `drill schedule` and `drill history`, checked once: a bad value is invalid
// input (exit 2) with a message naming the option, before anything runs.
import { DrillError } from '../errors/drill-error.js';
import { evaluateLiteral, isSettingFree, parseDurationExpression } from '../runbook/duration.js';

/** A duration option (`1h`, `90s`), in the runbook's duration syntax. */
export function durationOption(text: string, option: string): number {
  const parsed = parseDurationExpression(text);
  if (!parsed.ok) throw new DrillError('invalid-input', `${option} ${text}: ${parsed.error.message}`);
  if (!isSettingFree(parsed.expr)) throw new DrillError('invalid-input', `${option} ${text}: cluster settings are not known here; write a duration such as 1h`);
  return evaluateLiteral(parsed.expr);
}

/** A whole number of at least `min`. */
export function countOption(text: string, option: string, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new DrillError('invalid-input', `${option} ${text}: expected a whole number of at least ${min}`);
  return n;
}

/** A ratio above 1 (`1.25`: 25 % slower). */
export function ratioOption(text: string, option: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 1) throw new DrillError('invalid-input', `${option} ${text}: expected a ratio above 1, such as 1.25 (25 % slower)`);
  return n;
}
