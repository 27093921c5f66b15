// One drill per cluster, across machines: two `drill run` processes that share nothing on this machine
// (own runs and lock directories) but drill the same cluster (one fake pwsh state file) — exactly one
// runs; the other exits 3 naming the holder. The lock is the marker on the cluster, not a local file.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const drillBin = path.join(repo, 'bin', 'drill.js');
const fakePwsh = path.join(repo, 'test', 'fixtures', 'fake-pwsh', 'pwsh');

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-two-machines-'));
  const base = defaultSimulatedConfig();
  const cluster = { ...base, name: 'shared', cluster: { ...base.cluster, heartbeatDelayMs: 100, heartbeatThreshold: 3 }, behaviour: { ...base.behaviour, serviceRestartMs: 1_000, joinMs: 200 } };
  fs.writeFileSync(path.join(work, 'cluster.json'), JSON.stringify(cluster));
  fs.writeFileSync(
    path.join(work, 'target.yaml'),
    ['target: lab-shared', 'driver: powershell', 'cluster: hvc-shared.lab.example.com', 'lab: true', 'transport: { kind: winrm }', `pwsh: ${JSON.stringify(fakePwsh)}`, 'settings: { observe: 200ms }', ''].join('\n'),
  );
  fs.writeFileSync(
    path.join(work, 'runbook.yaml'),
    ['runbook: crash-and-recover', 'vars:', '  victim: { node: most-vms }', 'steps:', '  - inject: crash-cluster-service', '    node: $victim', '    expect:', '      - node: $victim', '        becomes: [Up, Normal]', '        within: 10s', ''].join('\n'),
  );
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** `drill run` as if on its own machine: its own runs and lock directories, the shared cluster. */
function drillOnMachine(machine: string): Promise<{ code: number | null; out: string; err: string }> {
  const dir = path.join(work, machine);
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(process.execPath, [drillBin, 'run', path.join(work, 'runbook.yaml'), '--target', path.join(work, 'target.yaml'), '--no-history'], {
    cwd: dir,
    env: {
      ...process.env,
      CI: 'true',
      FAKE_PWSH_CONFIG: path.join(work, 'cluster.json'),
      FAKE_PWSH_STATE_FILE: path.join(work, 'cluster-state.json'),
      DRILL_RUNS_DIR: path.join(dir, 'runs'),
      DRILL_LOCK_DIR: path.join(dir, 'locks'),
    },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('the cluster lock across machines', () => {
  it('two drills from two machines at once: exactly one runs, the other exits 3 naming the holder', async () => {
    const results = await Promise.all([drillOnMachine('ops01'), drillOnMachine('ops02')]);
    const codes = results.map((r) => r.code).sort();
    expect(codes, results.map((r) => r.out + r.err).join('\n---\n')).toEqual([0, 3]);
    const loser = results.find((r) => r.code === 3)!;
    expect(loser.err).toMatch(/another drill holds this cluster: run \S+/);
    expect(loser.out).not.toContain('preflight');
  }, 90_000);
});
