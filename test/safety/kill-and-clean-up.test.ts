// A drill killed with SIGKILL at any moment leaves a write-ahead log from which `drill cleanup` puts
// the cluster back. The cluster is the fake pwsh's simulator persisted to a state file, so it
// outlives every process, like a real one. Needs dist/ (npm run build).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import type { SimulatedTargetConfig } from '../../src/targets/target-config.js';
import { readRunLog } from '../../src/safety/run-log-reader.js';
import { listRunIds } from '../../src/safety/run-directory.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const drillBin = path.join(repo, 'bin', 'drill.js');
const fakePwsh = path.join(repo, 'test', 'fixtures', 'fake-pwsh', 'pwsh');
const killable = path.join(repo, 'test', 'safety', 'fixtures', 'killable-drill.mjs');

/** A small, fast cluster: a crashed service stays down until undone (no service restart). */
function fastCluster(): SimulatedTargetConfig {
  const base = defaultSimulatedConfig();
  return {
    ...base,
    name: 'killable',
    cluster: { ...base.cluster, heartbeatDelayMs: 100, heartbeatThreshold: 3, resiliencyDefaultPeriodMs: 3_000 },
    behaviour: { ...base.behaviour, serviceRestartMs: undefined, joinMs: 200, failoverStartMs: 300 },
  };
}

let work: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(repo, 'dist', 'safety', 'clean-up-run.js'))) throw new Error('build first: npm run build');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-kill-'));
  fs.writeFileSync(path.join(work, 'cluster.json'), JSON.stringify(fastCluster()));
  fs.writeFileSync(
    path.join(work, 'target.yaml'),
    [
      'target: lab-killable',
      'driver: powershell',
      'cluster: hvc-kill.lab.example.com',
      'lab: true',
      'transport: { kind: winrm }',
      `pwsh: ${JSON.stringify(fakePwsh)}`,
      'settings: { observe: 200ms }',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(work, 'runbook.yaml'),
    [
      'runbook: crash-and-hold',
      'vars:',
      '  victim: { node: most-vms }',
      'steadyState:',
      '  - nodes: all',
      '    is: [Up, Normal]',
      'steps:',
      '  - name: crash',
      '    inject: crash-cluster-service',
      '    node: $victim',
      '    expect:',
      '      - node: $victim',
      '        becomes: Isolated',
      '        within: 2s',
      '  - name: hold',
      '    wait: 2s',
      '',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Trial {
  readonly runsDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stateFile: string;
}

function newTrial(name: string): Trial {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  const stateFile = path.join(dir, 'cluster-state.json');
  const env = {
    ...process.env,
    FAKE_PWSH_CONFIG: path.join(work, 'cluster.json'),
    FAKE_PWSH_STATE_FILE: stateFile,
    DRILL_LOCK_DIR: path.join(dir, 'locks'),
    DRILL_RUNS_DIR: path.join(dir, 'runs'),
  };
  return { runsDir: path.join(dir, 'runs'), env, stateFile };
}

/** Runs a process to its end: exit code, stdout, stderr. */
function finish(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
}

const drill = (args: string[], env: NodeJS.ProcessEnv) => finish(spawn(process.execPath, [drillBin, ...args], { env, cwd: work }));

/** The hidden truth of the persisted cluster: what is still changed on each node. */
function leftovers(stateFile: string): string[] {
  if (!fs.existsSync(stateFile)) return [];
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {
    model: { nodes: { name: string; state: string; isolated: boolean; quarantined: boolean; service: string; failedNics: string[]; partitioned: boolean; powered: boolean }[] };
  };
  return state.model.nodes.flatMap((n) => {
    const wrong: string[] = [];
    if (n.service !== 'running') wrong.push(`${n.name} service ${n.service}`);
    if (n.failedNics.length > 0) wrong.push(`${n.name} NICs down: ${n.failedNics.join(',')}`);
    if (n.partitioned) wrong.push(`${n.name} partitioned`);
    if (!n.powered) wrong.push(`${n.name} powered off`);
    if (n.state !== 'Up' || n.isolated || n.quarantined) wrong.push(`${n.name} ${n.state}${n.isolated ? ' isolated' : ''}${n.quarantined ? ' quarantined' : ''}`);
    return wrong;
  });
}

/** Starts a drill and SIGKILLs it `afterMs` after its first line (or lets it finish). */
async function killDrillAt(trial: Trial, afterMs: number, drillArgs: readonly string[]): Promise<string> {
  const child = spawn(process.execPath, drillArgs, { env: trial.env, cwd: work });
  const done = finish(child);
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, afterMs));
  child.kill('SIGKILL');
  const result = await done;
  return result.out;
}

const killableArgs = (trial: Trial) => [killable, path.join(work, 'target.yaml'), trial.runsDir, '400'];
const drillRunArgs = (trial: Trial) => [drillBin, 'run', 'runbook.yaml', '--target', 'target.yaml', '--runs-dir', trial.runsDir, '--no-history'];

describe('SIGKILL at any moment, then drill cleanup', () => {
  for (const [name, args, maxMs] of [
    ['a drill-shaped process (three faults, held, then undone)', killableArgs, 3_200],
    ['drill run (a crash held 2 s, windows in real time)', drillRunArgs, 4_500],
  ] as const) {
    it(`restores the cluster whatever moment ${name} was killed at`, async () => {
      let trialNo = 0;
      const dirtyBeforeCleanup: number[] = [];
      await fc.assert(
        fc.asyncProperty(fc.noBias(fc.integer({ min: 0, max: maxMs })), async (afterMs) => {
          const trial = newTrial(`t${name.length}-${trialNo++}`);
          const out = await killDrillAt(trial, afterMs, args(trial));
          if (leftovers(trial.stateFile).length > 0) dirtyBeforeCleanup.push(afterMs);
          const cleanup = await drill(['cleanup', '--all', '--settle', '30', '--attempts', '3'], trial.env);
          const context = `killed ${afterMs} ms after start; drill printed:\n${out}\ncleanup printed:\n${cleanup.out}${cleanup.err}`;
          expect(cleanup.code, context).toBe(0);
          expect(leftovers(trial.stateFile), context).toEqual([]);
          for (const runId of listRunIds(trial.runsDir)) {
            const records = readRunLog(path.join(trial.runsDir, runId, 'write-ahead.jsonl')).records;
            const last = records.at(-1)?.type;
            expect(['run-cleaned', 'run-finished'], context).toContain(last);
          }
          // Nothing is left for a second cleanup: the next drill may start.
          const again = await drill(['cleanup', '--all'], trial.env);
          expect(again.out, context).toContain('no unfinished runs');
        }),
        { numRuns: 7, seed: 7, endOnFailure: true },
      );
      // The property means something only if some kills left the cluster changed.
      expect(dirtyBeforeCleanup.length).toBeGreaterThan(1);
    }, 300_000);
  }
});
