// Retry with exponential backoff on the injected Clock, for undos: an undo that fails because a node is
// busy or a session dropped often succeeds a little later, and every undo is idempotent, so trying it
// again is always safe. A thrown exception counts as a failure like a failed Outcome.
import type { Outcome, TargetFailure } from '../errors/drill-error.js';
import type { Clock } from '../time/clock.js';

export interface RetryOptions {
  /** Tries in all (at least 1). */
  readonly attempts: number;
  /** Wait after the first failure; each later wait is `factor` times the previous one. */
  readonly baseMs: number;
  readonly factor: number;
  /** Cap of one wait. */
  readonly maxDelayMs?: number;
  readonly clock: Clock;
  /** Stops waiting and trying when aborted (the last failure is returned). */
  readonly signal?: AbortSignal;
  /** Told of each failure before the wait that follows it (for progress lines). */
  readonly onFailure?: (failure: TargetFailure, attempt: number, nextDelayMs: number | null) => void;
}

/** Defaults for undos: 5 tries over about 15 s (1 s, 2 s, 4 s, 8 s between them). */
export const undoRetryDefaults = { attempts: 5, baseMs: 1_000, factor: 2, maxDelayMs: 30_000 } as const;

export type RetryOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly error: TargetFailure; readonly attempts: number; readonly failures: readonly TargetFailure[] };

/** An exception from a target call, as the failure it stands for. */
export function failureOf(error: unknown): TargetFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'crashed', message, retryable: true };
}

/** The wait before try `attempt + 1` (1-based attempt that just failed). */
export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseMs' | 'factor' | 'maxDelayMs'>): number {
  const delay = options.baseMs * options.factor ** (attempt - 1);
  return Math.min(delay, options.maxDelayMs ?? Number.POSITIVE_INFINITY);
}

/** Calls `fn` until it succeeds or the tries run out, waiting on the clock between tries. */
export async function retryWithBackoff<T>(fn: (attempt: number) => Promise<Outcome<T>>, options: RetryOptions): Promise<RetryOutcome<T>> {
  const attempts = Math.max(1, Math.floor(options.attempts));
  const failures: TargetFailure[] = [];
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let outcome: Outcome<T>;
    try {
      outcome = await fn(attempt);
    } catch (error) {
      outcome = { ok: false, error: failureOf(error) };
    }
    if (outcome.ok) return { ok: true, value: outcome.value, attempts: attempt };
    failures.push(outcome.error);
    const last = attempt === attempts || options.signal?.aborted === true;
    const delay = last ? null : backoffDelay(attempt, options);
    options.onFailure?.(outcome.error, attempt, delay);
    if (delay === null) break;
    try {
      await options.clock.sleep(delay, options.signal);
    } catch {
      break;
    }
  }
  return { ok: false, error: failures[failures.length - 1]!, attempts: failures.length, failures };
}
