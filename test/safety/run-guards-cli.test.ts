// `drill run` at the safety edges, through the built CLI (npm run build first): an unfinished run
// blocks the target until `drill cleanup` (or --force); a target whose pwsh is missing fails cleanly.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUnfinishedRuns } from '../../src/safety/unfinished-runs.js';
import { crash, intended, logText, made, started } from './run-log-fixtures.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const drillBin = path.join(repo, 'bin', 'drill.js');
const runbook = path.join(repo, 'runbooks', 'isolation-recovery.yaml');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-run-guards-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function drill(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const env = { ...process.env, DRILL_LOCK_DIR: path.join(dir, 'locks'), DRILL_RUNS_DIR: path.join(dir, 'runs'), NO_COLOR: '1' };
  const child = spawn(process.execPath, [drillBin, ...args], { cwd: dir, env });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('drill run against a target with an unfinished run', () => {
  it('refuses (exit 3) naming the run and the cleanup command; cleanup unblocks it; --force overrides', async () => {
    const runId = '20260101T000000Z-dead01';
    fs.mkdirSync(path.join(dir, 'runs', runId), { recursive: true });
    const records = [
      started(runId, { target: { name: 'simulated', driver: 'simulated', path: path.join(repo, 'targets', 'simulated.yaml') }, host: 'another-host' }),
      intended(crash('HV01')),
      made(crash('HV01')),
    ];
    fs.writeFileSync(path.join(dir, 'runs', runId, 'write-ahead.jsonl'), logText(records));

    const refused = await drill(['run', runbook, '--no-history']);
    expect(refused.code).toBe(3);
    expect(refused.err).toContain(`unfinished run ${runId}`);
    expect(refused.err).toContain(`drill cleanup ${runId}`);
    expect(refused.out).not.toMatch(/preflight/);

    const forced = await drill(['run', runbook, '--no-history', '--force']);
    expect(forced.code, forced.out + forced.err).toBe(0);

    const cleanup = await drill(['cleanup', runId]);
    expect(cleanup.code, cleanup.out + cleanup.err).toBe(0);
    expect(findUnfinishedRuns(path.join(dir, 'runs'), 'simulated')).toEqual([]);
    const after = await drill(['run', runbook, '--no-history']);
    expect(after.code, after.out + after.err).toBe(0);
  }, 60_000);
});

describe('drill run against a target whose pwsh is missing', () => {
  it('exits 3 saying so, injects nothing, and leaves nothing to clean', async () => {
    fs.writeFileSync(
      path.join(dir, 'lab.yaml'),
      ['target: lab-nopwsh', 'driver: powershell', 'cluster: hvc.lab.example.com', 'nodes: [HV01, HV02, HV03, HV04]', 'lab: true', 'transport: { kind: winrm }', 'pwsh: /no/such/pwsh', ''].join('\n'),
    );
    fs.writeFileSync(path.join(dir, 'crash.yaml'), ['runbook: crash', 'steps:', '  - inject: crash-cluster-service', '    node: HV01', ''].join('\n'));
    const r = await drill(['run', 'crash.yaml', '--target', 'lab.yaml', '--no-history']);
    expect(r.code).toBe(3);
    expect(r.out + r.err).toContain('PowerShell was not found: "/no/such/pwsh"');
    expect(findUnfinishedRuns(path.join(dir, 'runs'), 'lab-nopwsh')).toEqual([]);
  }, 60_000);
});
