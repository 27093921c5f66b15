// The PowerShell target's cluster lock through the fake pwsh: two targets, two fake pwsh processes and
// one marker file (the "CSV") — one drill per cluster, the holder named to the refused one, a stale
// marker taken over, a lost lock noticed on renewal, and still exactly one pwsh per run.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LockHolder } from '../../../src/safety/cluster-lock.js';
import { takeClusterLock } from '../../../src/safety/hold-cluster-lock.js';
import type { PowerShellTarget } from '../../../src/targets/powershell/powershell-target.js';
import { RealClock } from '../../../src/time/real-clock.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { fakeTarget, scratch } from './fake-pwsh.js';

const open: PowerShellTarget[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((t) => t.close()));
});

const wall = new RealClock();
const inMinutes = (minutes: number): string => new Date(Date.parse(wall.wallTime()) + minutes * 60_000).toISOString();

// A target over its own fake pwsh, sharing the marker in `dir` with every other target of the test.
function target(dir: string, env: Record<string, string> = {}, onAgentStart?: () => void): PowerShellTarget {
  const t = fakeTarget(new VirtualClock(), { FAKE_PWSH_LOCK_FILE: join(dir, 'drill-lock.json'), ...env }, {
    lockWallClock: wall,
    ...(onAgentStart ? { onAgentStart } : {}),
  });
  open.push(t);
  return t;
}

const marker = (dir: string): LockHolder => JSON.parse(readFileSync(join(dir, 'drill-lock.json'), 'utf8')) as LockHolder;

describe('cluster lock of a PowerShell target (through the fake pwsh)', () => {
  it('acquires, renews and releases the marker on the cluster', async () => {
    const dir = scratch();
    const lock = target(dir).clusterLock();
    expect(await lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) })).toEqual({ acquired: true });
    const taken = marker(dir);
    expect(taken).toMatchObject({ runId: 'run-a', owner: 'ann@box', pid: process.pid });
    expect(Date.parse(taken.expiresAt)).toBeGreaterThan(Date.parse(inMinutes(4)));
    expect(lock.where).toBe(join(dir, 'drill-lock.json'));
    writeFileSync(join(dir, 'drill-lock.json'), JSON.stringify({ ...taken, expiresAt: inMinutes(1) }));
    expect(await lock.renew()).toEqual({ acquired: true });
    expect(Date.parse(marker(dir).expiresAt)).toBeGreaterThan(Date.parse(inMinutes(4)));
    await lock.release();
    expect(existsSync(join(dir, 'drill-lock.json'))).toBe(false);
  });

  it('taking it again for the same run succeeds', async () => {
    const dir = scratch();
    const lock = target(dir).clusterLock();
    await lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) });
    expect(await lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) })).toEqual({ acquired: true });
  });

  it('refuses a second drill (another target, another pwsh) and names the holder', async () => {
    const dir = scratch();
    const first = target(dir).clusterLock();
    const second = target(dir).clusterLock();
    await first.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) });
    const refused = await second.acquire({ runId: 'run-b', owner: 'bob@other', expiresAt: inMinutes(5) });
    expect(refused.acquired).toBe(false);
    if (refused.acquired) return;
    expect(refused.holder).toMatchObject({ runId: 'run-a', owner: 'ann@box', pid: process.pid });
    expect(refused.holder.expiresAt).toBe(marker(dir).expiresAt);
    await second.release();
    expect(marker(dir).runId).toBe('run-a');
  });

  it('gives exactly one winner to drills racing for a free cluster', async () => {
    const dir = scratch();
    const locks = [0, 1, 2, 3].map(() => target(dir).clusterLock());
    const results = await Promise.all(locks.map((l, i) => l.acquire({ runId: `run-${i}`, owner: `op${i}@box`, expiresAt: inMinutes(5) })));
    const winners = results.flatMap((r, i) => (r.acquired ? [`run-${i}`] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) if (!r.acquired) expect(r.holder.runId).toBe(winners[0]);
    expect(marker(dir).runId).toBe(winners[0]);
  });

  it('takes over a marker whose lease has run out, moving it aside', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'drill-lock.json'), JSON.stringify({ runId: 'run-dead', owner: 'gone@box', pid: 1, host: 'box', expiresAt: inMinutes(-1) }));
    const lock = target(dir).clusterLock();
    expect(await lock.acquire({ runId: 'run-b', owner: 'bob@box', expiresAt: inMinutes(5) })).toEqual({ acquired: true });
    expect(marker(dir).runId).toBe('run-b');
    expect(readdirSync(dir).filter((f) => f.startsWith('drill-lock.run-dead.') && f.endsWith('.stale'))).toHaveLength(1);
  });

  it('takes over early from a drill that died on this machine, never from a live one or one elsewhere', async () => {
    // Above the kernel's largest pid (2^22): no process can have it.
    const deadPid = 4_194_304 + 4_321;
    const holders = [
      { runId: 'run-dead', pid: deadPid, host: hostname(), taken: true },
      { runId: 'run-alive', pid: process.pid, host: hostname(), taken: false },
      { runId: 'run-elsewhere', pid: deadPid, host: 'another-box', taken: false },
    ];
    for (const h of holders) {
      const dir = scratch();
      writeFileSync(join(dir, 'drill-lock.json'), JSON.stringify({ runId: h.runId, owner: 'x@y', pid: h.pid, host: h.host, expiresAt: inMinutes(4) }));
      const result = await target(dir).clusterLock().acquire({ runId: 'run-new', owner: 'bob@box', expiresAt: inMinutes(5) });
      expect(result.acquired, h.runId).toBe(h.taken);
      expect(marker(dir).runId).toBe(h.taken ? 'run-new' : h.runId);
    }
  });

  it('a renewal after the lock was lost says so and names the new holder; release then leaves it alone', async () => {
    const dir = scratch();
    const first = target(dir).clusterLock();
    const second = target(dir).clusterLock();
    await first.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) });
    // The first drill stalls past its lease: the marker expires and the second drill takes it over.
    writeFileSync(join(dir, 'drill-lock.json'), JSON.stringify({ ...marker(dir), expiresAt: inMinutes(-1) }));
    expect(await second.acquire({ runId: 'run-b', owner: 'bob@box', expiresAt: inMinutes(5) })).toEqual({ acquired: true });
    const renewed = await first.renew();
    expect(renewed).toMatchObject({ acquired: false, holder: { runId: 'run-b', owner: 'bob@box' } });
    await first.release();
    expect(marker(dir).runId).toBe('run-b');
  });

  it('a renewal finding no marker at all is refused', async () => {
    const dir = scratch();
    const t = target(dir);
    const lock = t.clusterLock();
    await lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) });
    writeFileSync(join(dir, 'drill-lock.json'), 'not json');
    const renewed = await lock.renew();
    expect(renewed.acquired).toBe(false);
  });

  it('uses the target\'s own agent: one pwsh for the lock and the run; close gives the lock back', async () => {
    const dir = scratch();
    let starts = 0;
    const t = target(dir, {}, () => starts++);
    const lock = t.clusterLock();
    expect(t.clusterLock()).toBe(lock);
    await lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) });
    expect((await t.observe()).ok).toBe(true);
    expect(await lock.renew()).toEqual({ acquired: true });
    await t.close();
    expect(starts).toBe(1);
    expect(existsSync(join(dir, 'drill-lock.json'))).toBe(false);
  });

  it('keeps the marker beside the fake state file when no lock file is named', async () => {
    const dir = scratch();
    const t = fakeTarget(new VirtualClock(), { FAKE_PWSH_STATE_FILE: join(dir, 'state.json') }, { lockWallClock: wall });
    open.push(t);
    await t.clusterLock().acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) });
    expect(marker(dir).runId).toBe('run-a');
  });

  it('through the safety layer: the second drill is refused naming the first (run-locked)', async () => {
    const dir = scratch();
    const held = await takeClusterLock(target(dir).clusterLock(), { runId: 'run-a', owner: 'ann@box', wallClock: wall });
    try {
      await expect(takeClusterLock(target(dir).clusterLock(), { runId: 'run-b', owner: 'bob@box', wallClock: wall })).rejects.toMatchObject({
        code: 'run-locked',
        message: expect.stringContaining('run run-a by ann@box'),
      });
    } finally {
      await held.release();
    }
    expect(existsSync(join(dir, 'drill-lock.json'))).toBe(false);
  });

  it('survives an agent restart: the marker stays on the cluster, and the observation gap still reaches the run', async () => {
    const dir = scratch();
    const t = target(dir, { FAKE_PWSH_CRASH_AFTER: '3', FAKE_PWSH_STARTS_FILE: join(dir, 'starts') });
    const lock = t.clusterLock();
    await lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) }); // hello, connect, acquire
    expect(await t.observe()).toMatchObject({ ok: false, error: { code: 'crashed' } });
    expect(await lock.renew()).toEqual({ acquired: true });
    const after = await t.observe();
    expect(after).toMatchObject({ ok: true });
    expect(after.ok && after.note).toMatch(/^observation gap: the PowerShell agent was restarted/);
    expect(marker(dir).runId).toBe('run-a');
  });

  it('throws a target error when the agent cannot be reached', async () => {
    const dir = scratch();
    const lock = target(dir, { FAKE_PWSH_EXIT_ON_START: '1' }).clusterLock();
    await expect(lock.acquire({ runId: 'run-a', owner: 'ann@box', expiresAt: inMinutes(5) })).rejects.toMatchObject({ code: 'target-unreachable' });
  });
});
