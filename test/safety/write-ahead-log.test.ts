import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DrillError } from '../../src/errors/drill-error.js';
import { readRunLog } from '../../src/safety/run-log-reader.js';
import { nodeFileSystem, WriteAheadLog, type SyncFileSystem } from '../../src/safety/write-ahead-log.js';
import { startRunLog } from '../../src/safety/write-ahead-recorder.js';
import { resolveRunsDir } from '../../src/safety/run-directory.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { undoOf } from '../../src/targets/target.js';
import { crash, started } from './run-log-fixtures.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-wal-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const target = { name: 'sim', driver: 'simulated', path: '/t/sim.yaml' } as const;

describe('write-ahead log', () => {
  it('records a run in order, each line on disk when append returns', () => {
    const clock = new VirtualClock();
    const recorder = startRunLog({ runsDir: dir, clock, target, runbooks: ['/r/a.yaml'], runId: 'run-1' });
    const fault = crash('HV01');
    recorder.faultIntended(fault, undoOf(fault));
    // Before the fault is made, the intent is already readable by another reader.
    expect(readRunLog(recorder.run.logPath).records.map((r) => r.type)).toEqual(['run-started', 'fault-intended']);
    clock.advanceTo(1_500);
    recorder.faultMade(fault, undoOf(fault), { changed: true, message: 'crashed' });
    recorder.faultUndone(undoOf(fault), 'started');
    recorder.finished('pass', 0);
    const records = readRunLog(path.join(dir, 'run-1', 'write-ahead.jsonl')).records;
    expect(records.map((r) => r.type)).toEqual(['run-started', 'fault-intended', 'fault-made', 'fault-undone', 'run-finished']);
    expect(records[0]).toMatchObject({ runId: 'run-1', pid: process.pid, host: os.hostname(), target, runbooks: ['/r/a.yaml'] });
    expect(records[2]).toMatchObject({ at: 1_500, fault, undo: { undo: 'start-cluster-service', node: 'HV01' } });
    expect(records[4]).toMatchObject({ verdict: 'pass', exitStatus: 0 });
  });

  it('does not advance a virtual clock while writing', () => {
    const clock = new VirtualClock(42);
    let fired = false;
    clock.setTimeout(() => (fired = true), 0);
    const recorder = startRunLog({ runsDir: dir, clock, target, runbooks: [], runId: 'run-2' });
    recorder.faultIntended(crash('HV02'), undoOf(crash('HV02')));
    expect(clock.now()).toBe(42);
    expect(fired).toBe(false);
  });

  it('refuses a run id that already has a log', () => {
    const clock = new VirtualClock();
    startRunLog({ runsDir: dir, clock, target, runbooks: [], runId: 'twice' });
    expect(() => startRunLog({ runsDir: dir, clock, target, runbooks: [], runId: 'twice' })).toThrow(DrillError);
  });

  it('stops with journal-unwritable when the runs directory cannot be created', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'not a directory');
    const attempt = () => startRunLog({ runsDir: path.join(blocker, 'runs'), clock: new VirtualClock(), target, runbooks: [] });
    expect(attempt).toThrow(DrillError);
    try {
      attempt();
    } catch (error) {
      expect(error).toMatchObject({ code: 'journal-unwritable', exitStatus: 3 });
      expect((error as Error).message).toContain(path.join(blocker, 'runs'));
      expect((error as Error).message).toContain('nothing more was injected');
    }
  });

  it('stops before the fault when the disk is full, and refuses every later record', () => {
    let full = false;
    const fsWithQuota: SyncFileSystem = {
      ...nodeFileSystem,
      writeSync: (fd, buffer, offset, length) => {
        if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        return nodeFileSystem.writeSync(fd, buffer, offset, length);
      },
    };
    const recorder = startRunLog({ runsDir: dir, clock: new VirtualClock(), target, runbooks: [], runId: 'full', fileSystem: fsWithQuota });
    full = true;
    let injected = false;
    const inject = () => {
      recorder.faultIntended(crash('HV01'), undoOf(crash('HV01')));
      injected = true;
    };
    expect(inject).toThrow(/disk is full/);
    expect(injected).toBe(false);
    full = false;
    // The tail may be partial now: the log refuses to append after it rather than corrupt the file.
    expect(() => recorder.faultUndone(undoOf(crash('HV01')), 'x')).toThrow(/journal|write-ahead/);
    try {
      inject();
    } catch (error) {
      expect(error).toMatchObject({ code: 'journal-unwritable', exitStatus: 3 });
    }
  });

  it('writes the whole record even when the file system takes it in pieces', () => {
    const chunky: SyncFileSystem = { ...nodeFileSystem, writeSync: (fd, b, o, l) => nodeFileSystem.writeSync(fd, b, o, Math.min(l, 7)) };
    const file = path.join(dir, 'chunky.jsonl');
    const log = WriteAheadLog.create(file, chunky);
    log.append(started('chunky'));
    log.close();
    expect(readRunLog(file)).toMatchObject({ records: [{ runId: 'chunky' }], problems: [], truncatedTail: null });
  });

  it('fails loudly when fsync fails', () => {
    const noSync: SyncFileSystem = { ...nodeFileSystem, fsyncSync: () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); } };
    const log = WriteAheadLog.create(path.join(dir, 'eio.jsonl'), noSync);
    expect(() => log.append(started('eio'))).toThrow(/cannot write the run's write-ahead log/);
  });
});

describe('runs directory', () => {
  it('takes the option, then DRILL_RUNS_DIR, then .drill/runs under the working directory', () => {
    expect(resolveRunsDir('x', { DRILL_RUNS_DIR: '/env' }, '/cwd')).toBe('/cwd/x');
    expect(resolveRunsDir(undefined, { DRILL_RUNS_DIR: '/env' }, '/cwd')).toBe('/env');
    expect(resolveRunsDir(undefined, {}, '/cwd')).toBe('/cwd/.drill/runs');
  });
});
