// Durations of the contract: literals (`1500ms`, `1h30m`) and expressions over the target's cluster
// settings, kept symbolic in the model and evaluated once the settings are known (at preflight).
import type { SourcePosition } from '../errors/drill-error.js';
import { heartbeatTimeoutMs, unreadClusterSettings, type ClusterSettings } from '../targets/cluster-state.js';
import { parseDurationExpression, type ExpressionError } from './duration-expression.js';
import type { ClusterSettingName, Duration, DurationExpr } from './model.js';

export { parseDurationExpression, type ExpressionError } from './duration-expression.js';

export type ParsedDuration = { readonly ok: true; readonly duration: Duration } | { readonly ok: false; readonly error: ExpressionError };

/** Parses a duration as written in a file at `at`. */
export function parseDuration(text: string, at: SourcePosition): ParsedDuration {
  const parsed = parseDurationExpression(text);
  return parsed.ok ? { ok: true, duration: { text, expr: parsed.expr, at } } : parsed;
}

/** A literal duration that needs no settings (defaults, target files). */
export function literalDuration(ms: number, at: SourcePosition): Duration {
  return { text: formatDuration(ms), expr: { kind: 'literal', ms }, at };
}

/** The value a `cluster.<name>` reads as: ms for durations, the plain number for counts. */
export function clusterSettingValue(name: ClusterSettingName, settings: ClusterSettings): number {
  switch (name) {
    case 'resiliencyDefaultPeriod':
      return settings.resiliencyDefaultPeriodMs;
    case 'quarantineDuration':
      return settings.quarantineDurationMs;
    case 'heartbeatTimeout':
      return heartbeatTimeoutMs(settings);
    case 'heartbeatDelay':
      return settings.heartbeatDelayMs;
    case 'heartbeatThreshold':
      return settings.heartbeatThreshold;
    case 'quarantineThreshold':
      return settings.quarantineThreshold;
    case 'liveMigrationConcurrent':
      return settings.liveMigrationConcurrent;
  }
}

/** Evaluates an expression against the cluster's settings (ms; may be negative or infinite, see `evaluateDurationChecked`). */
export function evaluateExpr(expr: DurationExpr, settings: ClusterSettings): number {
  switch (expr.kind) {
    case 'literal':
      return expr.ms;
    case 'number':
      return expr.value;
    case 'setting':
      return clusterSettingValue(expr.name, settings);
    case 'binary': {
      const left = evaluateExpr(expr.left, settings);
      const right = evaluateExpr(expr.right, settings);
      switch (expr.op) {
        case '+':
          return left + right;
        case '-':
          return left - right;
        case '*':
          return left * right;
        case '/':
          return left / right;
      }
    }
  }
}

/** A duration in ms on this cluster, rounded to whole ms. */
export function evaluateDuration(d: Duration, settings: ClusterSettings): number {
  return Math.round(evaluateExpr(d.expr, settings));
}

export type EvaluatedDuration = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly message: string };

/** Like `evaluateDuration`, but a negative or non-finite result is a user error with a message. */
export function evaluateDurationChecked(d: Duration, settings: ClusterSettings): EvaluatedDuration {
  const ms = evaluateDuration(d, settings);
  if (!Number.isFinite(ms)) return { ok: false, message: `'${d.text}' does not evaluate to a finite duration on this cluster` };
  if (ms < 0) return { ok: false, message: `'${d.text}' is negative on this cluster (${ms} ms)` };
  return { ok: true, ms };
}

/** `true` when the expression names no cluster setting, so it can be compared before a target is known. */
export function isSettingFree(expr: DurationExpr): boolean {
  return expr.kind === 'binary' ? isSettingFree(expr.left) && isSettingFree(expr.right) : expr.kind !== 'setting';
}

/** Evaluates a setting-free expression (throws on one that names a setting: check `isSettingFree` first). */
export function evaluateLiteral(expr: DurationExpr): number {
  if (!isSettingFree(expr)) throw new Error('evaluateLiteral needs a setting-free expression');
  return evaluateExpr(expr, literalOnlySettings);
}

// Never read: `evaluateLiteral` only evaluates expressions without settings.
const literalOnlySettings: ClusterSettings = unreadClusterSettings();

/** Formats ms the way a user writes it: `1h30m`, `2m30s`, `1500ms`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms % 1000 !== 0) return `${ms}ms`;
  let rest = ms / 1000;
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3600], ['m', 60], ['s', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * size;
  }
  return parts.join('');
}
