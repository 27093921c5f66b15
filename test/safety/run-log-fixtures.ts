// Small builders of run-log records for the safety tests.
import type { Fault, Undo } from '../../src/targets/target.js';
import { undoOf } from '../../src/targets/target.js';
import type { RunRecord, RunStarted } from '../../src/safety/run-record.js';

export const crash = (node: string): Fault => ({ fault: 'crash-cluster-service', node });
export const partition = (node: string, forMs = 60_000): Fault => ({ fault: 'partition-node', node, forMs });

export function started(runId: string, overrides: Partial<RunStarted> = {}): RunStarted {
  return {
    type: 'run-started',
    version: 1,
    runId,
    pid: 999_999,
    host: 'test-host',
    owner: 'tester@test-host',
    target: { name: 'lab', driver: 'powershell', path: '/targets/lab.yaml' },
    runbooks: ['/runbooks/a.yaml'],
    wallTime: '2026-01-01T00:00:00.000Z',
    at: 0,
    ...overrides,
  };
}

const when = { at: 0, wallTime: '2026-01-01T00:00:00.000Z' };
export const intended = (fault: Fault): RunRecord => ({ type: 'fault-intended', fault, undo: undoOf(fault), ...when });
export const made = (fault: Fault): RunRecord => ({ type: 'fault-made', fault, undo: undoOf(fault), message: 'done', ...when });
export const undone = (undo: Undo): RunRecord => ({ type: 'fault-undone', undo, by: 'run', message: 'undone', ...when });
export const undoFailed = (undo: Undo): RunRecord => ({ type: 'undo-failed', undo, by: 'run', message: 'refused', attempts: 5, ...when });
export const finished = (verdict: 'pass' | 'fail' | 'interrupted' = 'pass'): RunRecord => ({ type: 'run-finished', verdict, exitStatus: 0, ...when });

/** A log file's text from records, one JSON line each. */
export const logText = (records: readonly RunRecord[]): string => records.map((r) => `${JSON.stringify(r)}\n`).join('');
