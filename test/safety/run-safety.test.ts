import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileClusterLock } from '../../src/safety/lock-file.js';
import { readRunLog } from '../../src/safety/run-log-reader.js';
import { openRunSafety } from '../../src/safety/run-safety.js';
import { findUnfinishedRuns } from '../../src/safety/unfinished-runs.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import type { LoadedTarget } from '../../src/targets/target-config.js';
import { undoOf } from '../../src/targets/target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { crash } from './run-log-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-safety-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const loaded: LoadedTarget = { path: '/t/sim.yaml', config: defaultSimulatedConfig() };
const options = (over = {}) => ({
  runsDir: path.join(dir, 'runs'),
  target: loaded,
  runbooks: ['/r/a.yaml'],
  clock: new VirtualClock(),
  lock: new FileClusterLock({ key: 'sim', dir: path.join(dir, 'locks') }),
  ...over,
});

describe('run safety around the engine', () => {
  it('a clean run: log opened, lock held during the run, verdict recorded, lock released', async () => {
    const safety = await openRunSafety(options());
    const rival = new FileClusterLock({ key: 'sim', dir: path.join(dir, 'locks'), pid: process.pid + 1 });
    expect(await rival.acquire({ runId: 'other', owner: 'x', expiresAt: new Date(Date.now() + 60_000).toISOString() })).toMatchObject({
      acquired: false,
      holder: { runId: safety.runId },
    });
    await safety.finish('pass', 0);
    const log = path.join(dir, 'runs', safety.runId, 'write-ahead.jsonl');
    expect(readRunLog(log).records.map((r) => r.type)).toEqual(['run-started', 'run-finished']);
    expect((await rival.acquire({ runId: 'other', owner: 'x', expiresAt: new Date(Date.now() + 60_000).toISOString() })).acquired).toBe(true);
    await rival.release();
  });

  it('a second run while the first holds the cluster is refused naming the holder', async () => {
    const first = await openRunSafety(options());
    await expect(openRunSafety(options({ lock: new FileClusterLock({ key: 'sim', dir: path.join(dir, 'locks'), pid: process.pid + 1 }) }))).rejects.toMatchObject({
      code: 'run-locked',
      exitStatus: 3,
      message: expect.stringContaining(`run ${first.runId}`),
    });
    await first.finish('pass', 0);
  });

  it('a run that left a fault blocks the next run until cleanup, unless --force', async () => {
    const first = await openRunSafety(options());
    first.recorder.faultIntended(crash('HV01'), undoOf(crash('HV01')));
    first.recorder.undoFailed(undoOf(crash('HV01')), 'refused', 5);
    await first.finish('fail', 3);
    expect(findUnfinishedRuns(path.join(dir, 'runs'), 'simulated').map((r) => r.runId)).toEqual([first.runId]);
    await expect(openRunSafety(options())).rejects.toMatchObject({ code: 'preflight-failed', hint: expect.stringContaining(`drill cleanup ${first.runId}`) });
    const forced = await openRunSafety(options({ force: true }));
    await forced.finish('pass', 0);
  });

  it('an unwritable runs directory stops the run and gives the lock back', async () => {
    fs.writeFileSync(path.join(dir, 'runs'), 'a file');
    await expect(openRunSafety(options())).rejects.toMatchObject({ code: 'journal-unwritable', exitStatus: 3 });
    expect(fs.readdirSync(path.join(dir, 'locks'))).toEqual([]);
  });
});
