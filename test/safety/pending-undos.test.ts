import { describe, expect, it } from 'vitest';
import { pendingUndos, undoKey } from '../../src/safety/pending-undos.js';
import { runStatus } from '../../src/safety/run-status.js';
import { undoOf } from '../../src/targets/target.js';
import { crash, finished, intended, made, partition, started, undoFailed, undone } from './run-log-fixtures.js';

describe('pending undos', () => {
  it('lists faults intended or made and not undone, newest first', () => {
    const records = [started('r'), intended(crash('HV01')), made(crash('HV01')), intended(partition('HV02'))];
    expect(pendingUndos(records)).toEqual([
      { undo: 'lift-partition', node: 'HV02' },
      { undo: 'start-cluster-service', node: 'HV01' },
    ]);
  });

  it('drops faults undone by the run', () => {
    const records = [intended(crash('HV01')), made(crash('HV01')), intended(partition('HV02')), made(partition('HV02')), undone(undoOf(partition('HV02')))];
    expect(pendingUndos(records)).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
  });

  it('keeps an undo that failed', () => {
    const records = [intended(crash('HV01')), made(crash('HV01')), undoFailed(undoOf(crash('HV01')))];
    expect(pendingUndos(records)).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
  });

  it('needs one undo for a fault repeated on one node, ordered by its latest injection', () => {
    const records = [intended(crash('HV01')), intended(partition('HV02')), intended(crash('HV01'))];
    expect(pendingUndos(records)).toEqual([
      { undo: 'start-cluster-service', node: 'HV01' },
      { undo: 'lift-partition', node: 'HV02' },
    ]);
  });

  it('identifies an undo whatever the order of its fields', () => {
    expect(undoKey({ undo: 'enable-nic', node: 'HV01', nic: 'NIC1' })).toBe(undoKey({ nic: 'NIC1', node: 'HV01', undo: 'enable-nic' } as never));
    expect(undoKey({ undo: 'enable-nic', node: 'HV01', nic: 'NIC1' })).not.toBe(undoKey({ undo: 'enable-nic', node: 'HV01', nic: 'NIC2' }));
  });
});

describe('run status', () => {
  it('a run that finished with nothing pending needs no cleanup', () => {
    const s = runStatus([started('r'), intended(crash('HV01')), made(crash('HV01')), undone(undoOf(crash('HV01'))), finished()]);
    expect(s).toMatchObject({ needsCleanup: false, pending: [], cleaned: false });
  });

  it('a killed run needs cleanup even before its first injection', () => {
    expect(runStatus([started('r')]).needsCleanup).toBe(true);
  });

  it('a finished run whose undo failed needs cleanup until a cleanup completes', () => {
    const failedRun = [started('r'), intended(crash('HV01')), undoFailed(undoOf(crash('HV01'))), finished('fail')];
    expect(runStatus(failedRun).needsCleanup).toBe(true);
    const cleaned = [...failedRun, { type: 'run-cleaned', message: 'ok', wallTime: 'x' } as const];
    expect(runStatus(cleaned)).toMatchObject({ needsCleanup: false, pending: [], cleaned: true });
  });
});
