// A Target whose undos retry with backoff: the engine's rollback (and `restore`) call target.undo()
// once; wrapping the target gives every undo of a run the same retries as `drill cleanup` without the
// engine knowing. Undos are idempotent at the target, so a retry after a lost answer is safe.
import { failed, type Outcome } from '../errors/drill-error.js';
import type { Effect, Target, Undo } from '../targets/target.js';
import type { Clock } from '../time/clock.js';
import { retryWithBackoff, undoRetryDefaults, type RetryOptions } from './retry.js';

export interface UndoRetryOptions extends Partial<Pick<RetryOptions, 'attempts' | 'baseMs' | 'factor' | 'maxDelayMs' | 'signal'>> {
  readonly clock: Clock;
  /** Told of each failed try (progress lines: "undo X failed, retrying in 2 s"). */
  readonly onRetry?: (undo: Undo, message: string, attempt: number, nextDelayMs: number | null) => void;
}

/** Retries one undo; the final failure says how many tries were made. */
export async function undoWithRetry(target: Target, undo: Undo, options: UndoRetryOptions): Promise<Outcome<Effect> & { attempts: number }> {
  const result = await retryWithBackoff(() => target.undo(undo), {
    ...undoRetryDefaults,
    ...options,
    onFailure: (f, attempt, next) => options.onRetry?.(undo, f.message, attempt, next),
  });
  if (result.ok) return { ok: true, value: result.value, attempts: result.attempts };
  const message = `${result.error.message} (after ${result.attempts} ${result.attempts === 1 ? 'try' : 'tries'})`;
  return { ...failed({ ...result.error, message }), attempts: result.attempts };
}

/** The same target, with undo() retried with backoff. */
export function withUndoRetry<T extends Target>(target: T, options: UndoRetryOptions): T {
  return new Proxy(target, {
    get(t, property, receiver) {
      if (property === 'undo') return (undo: Undo) => undoWithRetry(t, undo, options);
      const value: unknown = Reflect.get(t, property, receiver);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}
