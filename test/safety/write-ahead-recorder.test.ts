import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failed, ok, type Outcome } from '../../src/errors/drill-error.js';
import { RunLog } from '../../src/engine/run-log.js';
import { pendingUndos } from '../../src/safety/pending-undos.js';
import { readRunLog } from '../../src/safety/run-log-reader.js';
import { withUndoRetry } from '../../src/safety/undo-retrying-target.js';
import { startRunLog } from '../../src/safety/write-ahead-recorder.js';
import { nodeFileSystem } from '../../src/safety/write-ahead-log.js';
import { undoOf, type Effect, type Target } from '../../src/targets/target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { crash, partition } from './run-log-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-rec-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});
const target = { name: 'sim', driver: 'simulated', path: '/t/sim.yaml' } as const;

describe("the engine's recorder over the write-ahead log", () => {
  it('turns journal events into safety records and leaves observations to the JSON journal', async () => {
    const clock = new VirtualClock();
    const recorder = startRunLog({ runsDir: dir, clock, target, runbooks: [], runId: 'r' });
    const log = new RunLog(recorder);
    const a = crash('HV01');
    const b = partition('HV02');
    log.append({ at: 0, kind: 'phase', phase: 'steps', text: 'phase: steps' });
    await log.appendDurably({ at: 0, kind: 'inject', stage: 'intent', fault: a, undo: undoOf(a), text: 'about to' });
    log.append({ at: 0, kind: 'inject', stage: 'done', fault: a, undo: undoOf(a), text: 'injected' });
    log.append({ at: 1, kind: 'node', node: 'HV01', field: 'state', from: 'Up', to: 'Down', text: 'HV01 Down' });
    await log.appendDurably({ at: 2, kind: 'inject', stage: 'intent', fault: b, undo: undoOf(b), text: 'about to' });
    log.append({ at: 2, kind: 'inject', stage: 'failed', fault: b, undo: undoOf(b), text: 'refused' });
    log.append({ at: 3, kind: 'undo', undo: undoOf(a), ok: true, text: 'started' });
    log.append({ at: 3, kind: 'undo', undo: undoOf(b), ok: false, text: 'no answer' });
    await log.flush();
    recorder.finished('fail', 1);
    const records = readRunLog(recorder.run.logPath).records;
    expect(records.map((r) => r.type)).toEqual([
      'run-started',
      'phase',
      'fault-intended',
      'fault-made',
      'fault-intended',
      'fault-undone',
      'undo-failed',
      'run-finished',
    ]);
    // The failed partition may have half-happened: its undo stays pending.
    expect(pendingUndos(records)).toEqual([{ undo: 'lift-partition', node: 'HV02' }]);
  });

  it('a write that fails makes appendDurably throw, so the engine does not inject', async () => {
    let full = false;
    const recorder = startRunLog({
      runsDir: dir,
      clock: new VirtualClock(),
      target,
      runbooks: [],
      runId: 'full',
      fileSystem: { ...nodeFileSystem, writeSync: (...args) => (full ? (() => { throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); })() : nodeFileSystem.writeSync(...args)) },
    });
    const log = new RunLog(recorder);
    full = true;
    const a = crash('HV01');
    await expect(log.appendDurably({ at: 0, kind: 'inject', stage: 'intent', fault: a, undo: undoOf(a), text: 'about to' })).rejects.toMatchObject({
      code: 'journal-unwritable',
      exitStatus: 3,
    });
    expect(recorder.failure).toMatchObject({ code: 'journal-unwritable', message: expect.stringContaining('disk is full') });
  });
});

describe('undo retries around a target', () => {
  it("retries the wrapped target's undo and leaves everything else alone", async () => {
    const clock = new VirtualClock();
    let undos = 0;
    const inner = {
      driver: 'simulated',
      name: 'x',
      undo: async (): Promise<Outcome<Effect>> => (++undos < 3 ? failed({ code: 'timeout', message: 'slow', retryable: true }) : ok({ changed: true, message: 'ok' })),
      close: async () => undefined,
    } as unknown as Target;
    const wrapped = withUndoRetry(inner, { clock, attempts: 5, baseMs: 100, factor: 2 });
    expect(wrapped.name).toBe('x');
    const result = await clock.run(wrapped.undo({ undo: 'lift-partition', node: 'HV01' }));
    expect(result).toMatchObject({ ok: true, value: { message: 'ok' } });
    expect(undos).toBe(3);
    expect(clock.now()).toBe(300);
  });
});
