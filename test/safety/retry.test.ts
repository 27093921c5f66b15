import { describe, expect, it } from 'vitest';
import { failed, ok, type Outcome } from '../../src/errors/drill-error.js';
import { backoffDelay, retryWithBackoff } from '../../src/safety/retry.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

const refused = failed({ code: 'refused', message: 'node busy', retryable: true });

describe('retry with backoff', () => {
  it('an undo that fails twice then succeeds passes on the third try, after backing off 1 s then 2 s', async () => {
    const clock = new VirtualClock();
    const triedAt: number[] = [];
    const undo = async (): Promise<Outcome<string>> => {
      triedAt.push(clock.now());
      return triedAt.length <= 2 ? refused : ok('started');
    };
    const result = await clock.run(retryWithBackoff(undo, { attempts: 5, baseMs: 1_000, factor: 2, clock }));
    expect(result).toEqual({ ok: true, value: 'started', attempts: 3 });
    expect(triedAt).toEqual([0, 1_000, 3_000]);
  });

  it('an exception counts as a failure and is retried', async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const undo = async (): Promise<Outcome<number>> => {
      calls++;
      if (calls < 3) throw new Error('session dropped');
      return ok(calls);
    };
    const result = await clock.run(retryWithBackoff(undo, { attempts: 3, baseMs: 500, factor: 2, clock }));
    expect(result).toEqual({ ok: true, value: 3, attempts: 3 });
  });

  it('an undo that always fails is tried `attempts` times and returns every failure', async () => {
    const clock = new VirtualClock();
    const told: (number | null)[] = [];
    const result = await clock.run(
      retryWithBackoff(async () => refused, { attempts: 4, baseMs: 1_000, factor: 3, clock, onFailure: (_f, _a, next) => told.push(next) }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.attempts).toBe(4);
    expect(result.failures).toHaveLength(4);
    expect(result.error.message).toBe('node busy');
    expect(told).toEqual([1_000, 3_000, 9_000, null]);
    expect(clock.now()).toBe(13_000);
  });

  it('stops early when aborted', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    let calls = 0;
    const undo = async (): Promise<Outcome<never>> => {
      calls++;
      if (calls === 2) controller.abort();
      return refused;
    };
    const result = await clock.run(retryWithBackoff(undo, { attempts: 10, baseMs: 100, factor: 2, clock, signal: controller.signal }));
    expect(result).toMatchObject({ ok: false, attempts: 2 });
  });

  it('caps one wait at maxDelayMs', () => {
    expect(backoffDelay(1, { baseMs: 1_000, factor: 2 })).toBe(1_000);
    expect(backoffDelay(4, { baseMs: 1_000, factor: 2 })).toBe(8_000);
    expect(backoffDelay(10, { baseMs: 1_000, factor: 2, maxDelayMs: 30_000 })).toBe(30_000);
  });
});
