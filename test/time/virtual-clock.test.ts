import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/time/virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers in deadline order, ties in the order they were set', () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push('b@20'), 20);
    clock.setTimeout(() => fired.push('a@10'), 10);
    clock.setTimeout(() => fired.push('c@20'), 20);
    clock.advanceTo(100);
    expect(fired).toEqual(['a@10', 'b@20', 'c@20']);
    expect(clock.now()).toBe(100);
  });

  it('fires timers created by timers within the same advance', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    clock.setTimeout(() => {
      times.push(clock.now());
      clock.setTimeout(() => times.push(clock.now()), 5);
    }, 10);
    clock.advanceTo(20);
    expect(times).toEqual([10, 15]);
  });

  it('does not fire cleared timers', () => {
    const clock = new VirtualClock();
    let fired = false;
    const id = clock.setTimeout(() => (fired = true), 10);
    clock.clearTimeout(id);
    clock.advanceTo(50);
    expect(fired).toBe(false);
    expect(clock.nextDue()).toBeUndefined();
  });

  it('runs async work over two virtual hours in a moment, letting promises settle between deadlines', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const work = (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(3_600_000);
        await Promise.resolve();
        seen.push(clock.now());
      }
      return 'done';
    })();
    await expect(clock.run(work)).resolves.toBe('done');
    expect(seen).toEqual([3_600_000, 7_200_000, 10_800_000]);
  });

  it('rejects a sleep when its signal aborts', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(1000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});
