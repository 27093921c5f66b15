import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUnfinishedRuns, guardUnfinishedRuns } from '../../src/safety/unfinished-runs.js';
import type { RunRecord } from '../../src/safety/run-record.js';
import { undoOf } from '../../src/targets/target.js';
import { crash, finished, intended, logText, made, started, undone } from './run-log-fixtures.js';

let runsDir: string;
beforeEach(() => {
  runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-runs-'));
});
afterEach(() => {
  fs.rmSync(runsDir, { recursive: true, force: true });
});

function writeRun(runId: string, records: readonly RunRecord[]): void {
  fs.mkdirSync(path.join(runsDir, runId));
  fs.writeFileSync(path.join(runsDir, runId, 'write-ahead.jsonl'), logText(records));
}

const dead = { host: 'test-host', isAlive: () => false };

describe('unfinished runs', () => {
  it('finds killed runs and runs that left faults, for the named target only', () => {
    writeRun('20260101T000001Z-aaaaaa', [started('20260101T000001Z-aaaaaa'), intended(crash('HV01')), made(crash('HV01'))]);
    writeRun('20260101T000002Z-bbbbbb', [started('20260101T000002Z-bbbbbb'), intended(crash('HV01')), undone(undoOf(crash('HV01'))), finished()]);
    writeRun('20260101T000003Z-cccccc', [started('20260101T000003Z-cccccc', { target: { name: 'other', driver: 'simulated', path: 'x' } })]);
    const found = findUnfinishedRuns(runsDir, 'lab', dead);
    expect(found.map((r) => r.runId)).toEqual(['20260101T000001Z-aaaaaa']);
    expect(found[0]).toMatchObject({ dead: true, verdict: null, pending: [{ undo: 'start-cluster-service', node: 'HV01' }] });
    expect(findUnfinishedRuns(runsDir, undefined, dead).map((r) => r.runId)).toEqual(['20260101T000001Z-aaaaaa', '20260101T000003Z-cccccc']);
  });

  it('a finished run with a damaged line still needs an operator', () => {
    writeRun('20260101T000004Z-dddddd', [started('20260101T000004Z-dddddd'), finished()]);
    const file = path.join(runsDir, '20260101T000004Z-dddddd', 'write-ahead.jsonl');
    const [first, ...rest] = fs.readFileSync(file, 'utf8').split('\n');
    fs.writeFileSync(file, [first, '{"type":"fault-inten', ...rest].join('\n'));
    expect(findUnfinishedRuns(runsDir, 'lab', dead).map((r) => r.runId)).toEqual(['20260101T000004Z-dddddd']);
  });

  it('an empty or missing runs directory has none', () => {
    expect(findUnfinishedRuns(path.join(runsDir, 'nope'), 'lab')).toEqual([]);
  });

  it('the guard names the run and the cleanup command, and --force passes', () => {
    writeRun('20260101T000001Z-aaaaaa', [started('20260101T000001Z-aaaaaa'), intended(crash('HV01'))]);
    const error = guardUnfinishedRuns(runsDir, 'lab', dead);
    expect(error).toMatchObject({ code: 'preflight-failed', exitStatus: 3 });
    expect(error?.message).toContain('20260101T000001Z-aaaaaa');
    expect(error?.message).toContain('1 fault may still be in effect');
    expect(error?.hint).toContain('drill cleanup 20260101T000001Z-aaaaaa');
    expect(guardUnfinishedRuns(runsDir, 'lab', { ...dead, force: true })).toBeUndefined();
    expect(guardUnfinishedRuns(runsDir, 'other', dead)).toBeUndefined();
  });

  it('leaves a run that is still alive on this host to the cluster lock', () => {
    writeRun('20260101T000001Z-aaaaaa', [started('20260101T000001Z-aaaaaa'), intended(crash('HV01'))]);
    const alive = { host: 'test-host', isAlive: (pid: number) => pid === 999_999 };
    expect(findUnfinishedRuns(runsDir, 'lab', alive)[0]?.dead).toBe(false);
    expect(guardUnfinishedRuns(runsDir, 'lab', alive)).toBeUndefined();
    // The same pid on another host says nothing about liveness: that run counts as dead here.
    expect(guardUnfinishedRuns(runsDir, 'lab', { host: 'elsewhere', isAlive: alive.isAlive })).toBeDefined();
  });
});
