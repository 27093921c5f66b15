// `drill cleanup` at the edges, through the built CLI (npm run build first).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRunLog } from '../../src/safety/run-log-reader.js';
import { crash, intended, logText, made, started } from './run-log-fixtures.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const drillBin = path.join(repo, 'bin', 'drill.js');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-cleanup-cli-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function drill(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [drillBin, ...args], { cwd: dir, env: { ...process.env, DRILL_LOCK_DIR: path.join(dir, 'locks') } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** A killed run against a PowerShell target file whose pwsh does not exist. */
function killedRunAgainstMissingPwsh(runId: string): string {
  const targetFile = path.join(dir, 'lab.yaml');
  fs.writeFileSync(
    targetFile,
    ['target: lab-gone', 'driver: powershell', 'cluster: hvc.lab.example.com', 'lab: true', 'transport: { kind: winrm }', `pwsh: ${JSON.stringify(path.join(dir, 'no-such-pwsh'))}`, ''].join('\n'),
  );
  const runDir = path.join(dir, '.drill', 'runs', runId);
  fs.mkdirSync(runDir, { recursive: true });
  const records = [started(runId, { target: { name: 'lab-gone', driver: 'powershell', path: targetFile }, host: 'elsewhere' }), intended(crash('HV01')), made(crash('HV01'))];
  fs.writeFileSync(path.join(runDir, 'write-ahead.jsonl'), logText(records));
  return path.join(runDir, 'write-ahead.jsonl');
}

describe('drill cleanup (CLI)', () => {
  it('with nothing unfinished: exit 0', async () => {
    const r = await drill(['cleanup', '--all']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('no unfinished runs');
  });

  it('without a run id or --all: exit 2, listing the unfinished runs', async () => {
    killedRunAgainstMissingPwsh('20260101T000000Z-abcdef');
    const r = await drill(['cleanup']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('name a run id or pass --all');
    expect(r.err).toContain('drill cleanup 20260101T000000Z-abcdef');
  });

  it('an unknown run: exit 2', async () => {
    const r = await drill(['cleanup', 'no-such-run']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('no run no-such-run');
  });

  it('a target whose pwsh is missing: the undo fails loudly, exit 3 with what to do, and the run stays unfinished', async () => {
    const log = killedRunAgainstMissingPwsh('20260101T000000Z-abcdef');
    const r = await drill(['cleanup', '20260101T000000Z-abcdef', '--attempts', '2']);
    expect(r.code).toBe(3);
    expect(r.err).toContain('the cluster may still be changed by drill');
    // The cluster's lock is taken through the agent before any undo: an unreachable cluster fails there, once.
    expect(r.err).toMatch(/start-cluster-service on HV01 failed: the cluster could not be reached: .*PowerShell was not found/);
    expect(r.err).toContain('then run `drill cleanup 20260101T000000Z-abcdef` again');
    expect(readRunLog(log).records.map((x) => x.type)).toEqual(['run-started', 'fault-intended', 'fault-made', 'cleanup-started', 'undo-failed']);
  }, 60_000);
});
