import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failed, type Outcome } from '../../src/errors/drill-error.js';
import { cleanUpRun, type CleanupDeps } from '../../src/safety/clean-up-run.js';
import { FileClusterLock } from '../../src/safety/lock-file.js';
import { readRunLog } from '../../src/safety/run-log-reader.js';
import type { RunRecord } from '../../src/safety/run-record.js';
import { findUnfinishedRuns } from '../../src/safety/unfinished-runs.js';
import { startRunLog } from '../../src/safety/write-ahead-recorder.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import { createSimulatedTarget, type SimulatedTarget } from '../../src/targets/simulated/simulated-target.js';
import type { LoadedTarget, PowerShellTargetConfig } from '../../src/targets/target-config.js';
import { undoOf, type Effect, type Target, type Undo } from '../../src/targets/target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { crash, logText, started } from './run-log-fixtures.js';

let runsDir: string;
let lockDir: string;
beforeEach(() => {
  runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-cleanup-'));
  lockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-cleanup-locks-'));
});
afterEach(() => {
  fs.rmSync(runsDir, { recursive: true, force: true });
  fs.rmSync(lockDir, { recursive: true, force: true });
});

/** A real cluster stand-in: a PowerShell target file whose cluster (a simulator) outlives the run. */
const labTarget: LoadedTarget = {
  path: '/targets/lab.yaml',
  config: {
    driver: 'powershell',
    name: 'lab',
    cluster: 'hvc01.lab',
    nodes: undefined,
    lab: true,
    transport: { kind: 'winrm' },
    credential: undefined,
    pwsh: 'pwsh',
    observeMs: 2_000,
  } satisfies PowerShellTargetConfig,
};

/** Records a run that injected `faults` on the surviving cluster and was then killed (no end record). */
function killedRun(clock: VirtualClock, sim: SimulatedTarget, runId: string): void {
  const recorder = startRunLog({ runsDir, clock, target: { name: 'lab', driver: 'powershell', path: labTarget.path }, runbooks: ['/r.yaml'], runId });
  const fault = crash('HV01');
  recorder.faultIntended(fault, undoOf(fault));
  void sim.inject(fault);
  recorder.faultMade(fault, undoOf(fault), { changed: true, message: 'crashed' });
  recorder.close();
  // Killed: the process is gone with its lock; the pid recorded is ours, so the tests say it died.
}

function deps(clock: VirtualClock, target: Target, lines: string[], over: Partial<CleanupDeps> = {}): CleanupDeps {
  return {
    runsDir,
    clock,
    loadTarget: async () => labTarget,
    openTarget: async () => target,
    lockFor: () => new FileClusterLock({ key: 'hvc01', dir: lockDir }),
    say: (line) => lines.push(line),
    isAlive: () => false,
    settleMs: 10 * 60_000,
    pollMs: 2_000,
    ...over,
  };
}

/** A target that keeps a cluster alive across "processes": close() does not end it. */
const surviving = (sim: SimulatedTarget): Target => new Proxy(sim, { get: (t, p) => (p === 'close' ? async () => undefined : (Reflect.get(t, p) as unknown as (...a: unknown[]) => unknown)?.bind?.(t) ?? Reflect.get(t, p)) });

const types = (runId: string): RunRecord['type'][] => readRunLog(path.join(runsDir, runId, 'write-ahead.jsonl')).records.map((r) => r.type);

describe('drill cleanup of one run', () => {
  it('undoes what a killed run left, waits for steady state, marks the run cleaned; a second cleanup is a no-op', async () => {
    const clock = new VirtualClock();
    const sim = createSimulatedTarget({ ...defaultSimulatedConfig(), behaviour: { ...defaultSimulatedConfig().behaviour, serviceRestartMs: undefined } }, clock);
    killedRun(clock, sim, 'run-1');
    await clock.run(clock.sleep(30_000)); // the cluster has noticed: HV01 is isolated and its service stays down
    expect(sim.snapshot().nodes.find((n) => n.name === 'HV01')).toMatchObject({ isolated: true });
    const lines: string[] = [];
    const result = await clock.run(cleanUpRun('run-1', deps(clock, surviving(sim), lines)));
    expect(result).toMatchObject({ status: 'cleaned', undone: [{ undo: 'start-cluster-service', node: 'HV01' }], failed: [], problems: [] });
    const hv01 = sim.snapshot().nodes.find((n) => n.name === 'HV01');
    expect(hv01).toMatchObject({ state: 'Up', isolated: false, quarantined: false });
    expect(types('run-1')).toEqual(['run-started', 'fault-intended', 'fault-made', 'cleanup-started', 'fault-undone', 'run-cleaned']);
    expect(findUnfinishedRuns(runsDir, 'lab', { isAlive: () => false })).toEqual([]);
    const again = await clock.run(cleanUpRun('run-1', deps(clock, surviving(sim), lines)));
    expect(again.status).toBe('already-clean');
    // The cluster lock was given back.
    expect(fs.readdirSync(lockDir)).toEqual([]);
  });

  it('retries an undo that fails twice, then succeeds', async () => {
    const clock = new VirtualClock();
    const sim = createSimulatedTarget(defaultSimulatedConfig(), clock);
    killedRun(clock, sim, 'run-2');
    let tries = 0;
    const flaky = new Proxy(surviving(sim), {
      get: (t, p) =>
        p === 'undo'
          ? async (u: Undo): Promise<Outcome<Effect>> => (++tries <= 2 ? failed({ code: 'timeout', message: 'WinRM timed out', retryable: true }) : t.undo(u))
          : Reflect.get(t, p),
    });
    const lines: string[] = [];
    const result = await clock.run(cleanUpRun('run-2', deps(clock, flaky, lines, { retry: { attempts: 4, baseMs: 1_000, factor: 2 } })));
    expect(result.status).toBe('cleaned');
    expect(tries).toBe(3);
    expect(lines.filter((l) => l.includes('retrying in'))).toHaveLength(2);
  });

  it('an undo that always fails leaves the run unfinished and says what failed', async () => {
    const clock = new VirtualClock();
    const sim = createSimulatedTarget(defaultSimulatedConfig(), clock);
    killedRun(clock, sim, 'run-3');
    const broken = new Proxy(surviving(sim), {
      get: (t, p) => (p === 'undo' ? async () => failed({ code: 'unreachable', message: 'HV01 does not answer', retryable: true }) : Reflect.get(t, p)),
    });
    const lines: string[] = [];
    const result = await clock.run(cleanUpRun('run-3', deps(clock, broken, lines, { retry: { attempts: 3, baseMs: 1_000, factor: 2 } })));
    expect(result.status).toBe('undo-failed');
    expect(result.problems[0]).toBe('start-cluster-service on HV01 failed: HV01 does not answer (after 3 tries)');
    const last = readRunLog(path.join(runsDir, 'run-3', 'write-ahead.jsonl')).records.at(-1);
    expect(last).toMatchObject({ type: 'undo-failed', by: 'cleanup', attempts: 3 });
    expect(findUnfinishedRuns(runsDir, 'lab', { isAlive: () => false }).map((r) => r.runId)).toEqual(['run-3']);
  });

  it('refuses to clean a run whose process is still alive here', async () => {
    const clock = new VirtualClock();
    const sim = createSimulatedTarget(defaultSimulatedConfig(), clock);
    killedRun(clock, sim, 'run-4');
    await expect(cleanUpRun('run-4', deps(clock, sim, [], { isAlive: () => true }))).rejects.toMatchObject({
      code: 'run-locked',
      message: expect.stringContaining('still running'),
    });
  });

  it('a simulated run needs nothing undone: its cluster ended with its process', async () => {
    fs.mkdirSync(path.join(runsDir, 'run-5'));
    const records = [started('run-5', { target: { name: 'sim', driver: 'simulated', path: '/t/sim.yaml' } })];
    fs.writeFileSync(path.join(runsDir, 'run-5', 'write-ahead.jsonl'), logText(records));
    const clock = new VirtualClock();
    const simLoaded: LoadedTarget = { path: '/t/sim.yaml', config: defaultSimulatedConfig() };
    const opened: string[] = [];
    const result = await cleanUpRun('run-5', deps(clock, undefined as never, [], { loadTarget: async () => simLoaded, openTarget: async () => (opened.push('x'), undefined as never) }));
    expect(result.status).toBe('cleaned');
    expect(opened).toEqual([]);
    expect(types('run-5')).toEqual(['run-started', 'cleanup-started', 'run-cleaned']);
  });

  it('a damaged log is cleaned as far as it can be read and reported, never marked clean', async () => {
    const clock = new VirtualClock();
    const sim = createSimulatedTarget(defaultSimulatedConfig(), clock);
    killedRun(clock, sim, 'run-6');
    const file = path.join(runsDir, 'run-6', 'write-ahead.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, [lines[0], '{"type":"fault-intended","fau', ...lines.slice(1)].join('\n'));
    const result = await clock.run(cleanUpRun('run-6', deps(clock, surviving(sim), [])));
    expect(result.status).toBe('damaged-log');
    expect(result.undone).toHaveLength(1);
    expect(result.problems.join('\n')).toContain(`${file}:2:1: damaged run log record`);
  });

  it('an unknown run id is invalid input', async () => {
    const clock = new VirtualClock();
    await expect(cleanUpRun('nope', deps(clock, undefined as never, []))).rejects.toMatchObject({ code: 'invalid-input', exitStatus: 2 });
    await expect(cleanUpRun('../etc', deps(clock, undefined as never, []))).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
