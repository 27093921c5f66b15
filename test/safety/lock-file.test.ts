import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileClusterLock, lockFileName } from '../../src/safety/lock-file.js';
import { takeClusterLock } from '../../src/safety/hold-cluster-lock.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-locks-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A wall clock the test moves: VirtualClock's wall time follows its virtual now. */
const wall = () => new VirtualClock(0, Date.UTC(2026, 0, 1));
const at = (clock: VirtualClock, ms: number) => new Date(Date.parse(clock.wallTime()) + ms).toISOString();

function lockFor(pid: number, clock: VirtualClock, alive: (pid: number) => boolean = () => true) {
  return new FileClusterLock({ key: 'HVC01', dir, wallClock: clock, host: 'this-host', pid, isAlive: alive });
}

describe('file cluster lock', () => {
  it('two acquirers: exactly one wins, the other is told the holder', async () => {
    const clock = wall();
    const a = lockFor(101, clock);
    const b = lockFor(202, clock);
    const [ra, rb] = await Promise.all([
      a.acquire({ runId: 'run-a', owner: 'ann@this-host', expiresAt: at(clock, 60_000) }),
      b.acquire({ runId: 'run-b', owner: 'bob@this-host', expiresAt: at(clock, 60_000) }),
    ]);
    expect(ra).toEqual({ acquired: true });
    expect(rb).toEqual({
      acquired: false,
      holder: { runId: 'run-a', owner: 'ann@this-host', expiresAt: at(clock, 60_000), pid: 101, host: 'this-host' },
    });
  });

  it('is released for the next run, and only by its holder', async () => {
    const clock = wall();
    const a = lockFor(101, clock);
    const b = lockFor(202, clock);
    await a.acquire({ runId: 'run-a', owner: 'ann', expiresAt: at(clock, 60_000) });
    await b.release();
    expect(a.holder()?.runId).toBe('run-a');
    await a.release();
    expect(fs.existsSync(path.join(dir, lockFileName('HVC01')))).toBe(false);
    expect(await b.acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).toEqual({ acquired: true });
  });

  it('a lock whose lease expired is stale and taken over', async () => {
    const clock = wall();
    const a = lockFor(101, clock);
    const b = lockFor(202, clock);
    await a.acquire({ runId: 'run-a', owner: 'ann', expiresAt: at(clock, 60_000) });
    clock.advanceTo(59_999);
    expect((await b.acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).acquired).toBe(false);
    clock.advanceTo(60_000);
    expect(await b.acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).toEqual({ acquired: true });
    // The old holder learns it lost the lock when it renews.
    expect(await a.renew()).toMatchObject({ acquired: false, holder: { runId: 'run-b' } });
  });

  it('renewing pushes the expiry out by the lease it was taken with', async () => {
    const clock = wall();
    const a = lockFor(101, clock);
    const b = lockFor(202, clock);
    await a.acquire({ runId: 'run-a', owner: 'ann', expiresAt: at(clock, 60_000) });
    clock.advanceTo(50_000);
    expect(await a.renew()).toEqual({ acquired: true });
    clock.advanceTo(100_000);
    expect(await b.acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).toMatchObject({ acquired: false });
    expect(a.holder()?.expiresAt).toBe(new Date(Date.UTC(2026, 0, 1) + 110_000).toISOString());
  });

  it('a lock whose process died on this host is stale at once', async () => {
    const clock = wall();
    const a = lockFor(101, clock);
    await a.acquire({ runId: 'run-a', owner: 'ann', expiresAt: at(clock, 600_000) });
    const b = lockFor(202, clock, (pid) => pid !== 101);
    expect(await b.acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).toEqual({ acquired: true });
  });

  it('a holder on another host is not judged by pids here', async () => {
    const clock = wall();
    const remote = new FileClusterLock({ key: 'HVC01', dir, wallClock: clock, host: 'other-host', pid: 101 });
    await remote.acquire({ runId: 'run-a', owner: 'ann@other-host', expiresAt: at(clock, 60_000) });
    const b = lockFor(202, clock, () => false);
    expect(await b.acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).toMatchObject({ acquired: false });
  });

  it('a damaged lock file is stale', async () => {
    fs.writeFileSync(path.join(dir, lockFileName('HVC01')), '{"runId": "x", ');
    const clock = wall();
    expect(await lockFor(202, clock).acquire({ runId: 'run-b', owner: 'bob', expiresAt: at(clock, 60_000) })).toEqual({ acquired: true });
  });

  it('takeClusterLock refuses with the holder named (exit 3) and releases cleanly', async () => {
    const first = new FileClusterLock({ key: 'sim', dir });
    const held = await takeClusterLock(first, { runId: 'run-1', owner: 'ann@host', leaseMs: 60_000 });
    const second = new FileClusterLock({ key: 'sim', dir, pid: process.pid + 1 });
    await expect(takeClusterLock(second, { runId: 'run-2', owner: 'bob@host' })).rejects.toMatchObject({
      code: 'run-locked',
      exitStatus: 3,
      message: expect.stringContaining('run run-1 by ann@host'),
    });
    await held.release();
    const again = await takeClusterLock(second, { runId: 'run-2', owner: 'bob@host' });
    await again.release();
  });
});

describe('holding the lock through a run', () => {
  it('renews every third of the lease, so a rival never finds it stale while the run lives', async () => {
    const clock = wall();
    const mine = new FileClusterLock({ key: 'HVC01', dir, wallClock: clock });
    const held = await takeClusterLock(mine, { runId: 'long-run', owner: 'ann', leaseMs: 60_000, wallClock: clock });
    const rival = lockFor(202, clock);
    for (const t of [50_000, 100_000, 150_000]) {
      await clock.run(clock.sleep(t - clock.now()));
      expect(await rival.acquire({ runId: 'rival', owner: 'bob', expiresAt: at(clock, 60_000) })).toMatchObject({ acquired: false, holder: { runId: 'long-run' } });
    }
    await held.release();
    expect(await rival.acquire({ runId: 'rival', owner: 'bob', expiresAt: at(clock, 60_000) })).toEqual({ acquired: true });
  });

  it('says so when the lock was taken over after its lease ran out', async () => {
    const clock = wall();
    const mine = new FileClusterLock({ key: 'HVC01', dir, wallClock: clock });
    const lost: string[] = [];
    const held = await takeClusterLock(mine, { runId: 'stalled', owner: 'ann', leaseMs: 60_000, wallClock: clock, onLost: (m) => lost.push(m) });
    // A rival whose clock is past the lease (as if this process had hung) takes it before the renewal fires.
    const late = new VirtualClock(0, Date.UTC(2026, 0, 1) + 61_000);
    const lateRival = new FileClusterLock({ key: 'HVC01', dir, wallClock: late, host: 'this-host', pid: 202 });
    expect(await lateRival.acquire({ runId: 'rival', owner: 'bob', expiresAt: at(late, 60_000) })).toEqual({ acquired: true });
    await clock.run(clock.sleep(20_001));
    expect(lost).toEqual([expect.stringContaining('taken over by run rival by bob')]);
    await held.release();
    expect(lateRival.holder()?.runId).toBe('rival');
  });
});

describe('two processes racing for one lock', () => {
  let compiled: string;
  beforeAll(async () => {
    compiled = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-lock-build-'));
    fs.writeFileSync(path.join(compiled, 'package.json'), '{"type":"module"}');
    await promisify(execFile)(
      process.execPath,
      [path.resolve('node_modules/typescript/bin/tsc'), '--outDir', compiled, '--rootDir', 'src', '--module', 'nodenext', '--moduleResolution', 'nodenext',
        '--target', 'es2022', '--types', 'node', '--skipLibCheck', 'src/safety/lock-file.ts'],
      { cwd: path.resolve('.') },
    );
  });
  afterAll(() => fs.rmSync(compiled, { recursive: true, force: true }));

  // Starts one racer process and collects its JSON line.
  const racer = (runId: string, startFile: string): Promise<{ acquired: boolean; holder?: { runId: string } }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [
        path.resolve('test/safety/fixtures/lock-racer.mjs'),
        path.join(compiled, 'safety', 'lock-file.js'),
        dir,
        'race',
        runId,
        startFile,
      ]);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`racer exited ${code}`))));
    });

  it('exactly one wins each round; the losers name the winner', async () => {
    for (let round = 0; round < 3; round++) {
      const startFile = path.join(dir, `go-${round}`);
      const racing = [racer(`r${round}-a`, startFile), racer(`r${round}-b`, startFile), racer(`r${round}-c`, startFile)];
      // Let every racer reach its wait loop, then start them together.
      await new Promise((r) => setTimeout(r, 300));
      fs.writeFileSync(startFile, 'go');
      const results = await Promise.all(racing);
      const winners = results.filter((r) => r.acquired);
      expect(winners).toHaveLength(1);
      const winnerIndex = results.findIndex((r) => r.acquired);
      for (const loser of results.filter((r) => !r.acquired)) expect(loser.holder?.runId).toBe(`r${round}-${'abc'[winnerIndex]}`);
    }
  });
});
