// The engine's view of the write-ahead log: it calls faultIntended BEFORE each injection and the rest
// after. Each call returns only once its record is on disk; a record that cannot be written throws
// DrillError('journal-unwritable'), which stops the run before the fault is made (exit 3).
import * as os from 'node:os';
import type { JournalEvent, RunVerdict } from '../engine/journal.js';
import type { RunRecorder } from '../engine/run-log.js';
import type { Clock } from '../time/clock.js';
import { RealClock } from '../time/real-clock.js';
import type { DriverName } from '../targets/catalogue.js';
import type { Effect, Fault, Undo } from '../targets/target.js';
import { createRunDirectory, newRunId, type RunDirectory } from './run-directory.js';
import { DrillError } from '../errors/drill-error.js';
import { runLogVersion, type RunRecord, type RunStarted, type UndoneBy } from './run-record.js';
import { nodeFileSystem, WriteAheadLog, type SyncFileSystem } from './write-ahead-log.js';

/** What the engine tells the safety layer about faults, in order. */
export interface WriteAheadRecorder {
  /** Before the fault is made; throws (and the fault must not be made) when the record cannot be written. */
  faultIntended(fault: Fault, undo: Undo): void;
  faultMade(fault: Fault, undo: Undo, effect: Effect): void;
  /** After an undo succeeded (rollback, a `restore` action). */
  faultUndone(undo: Undo, message: string): void;
  /** After an undo still failed when its retries ran out. */
  undoFailed(undo: Undo, message: string, attempts: number): void;
  finished(verdict: RunVerdict, exitStatus: number): void;
}

/** `user@host`: how locks and logs name whoever runs drill. */
export function currentOwner(): string {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry (some containers): the host still tells people where to look.
  }
  return `${user}@${os.hostname()}`;
}

export interface StartRunLogOptions {
  readonly runsDir: string;
  readonly clock: Clock;
  readonly target: { readonly name: string; readonly driver: DriverName; readonly path: string };
  readonly runbooks: readonly string[];
  readonly steadyState?: RunStarted['steadyState'];
  readonly runId?: string;
  /** Where `wallTime` of records comes from: real time even when the run's clock is virtual. */
  readonly wallClock?: Clock;
  /** Tests inject failing writes (a full disk). */
  readonly fileSystem?: SyncFileSystem;
}

/**
 * The write-ahead log of one run, as the engine records into it: either through the engine's
 * RunRecorder (`append` of journal events: an inject `intent` becomes fault-intended, `done`
 * fault-made, an undo fault-undone or undo-failed, a phase a phase record; observations are left to
 * the JSON journal) or through the WriteAheadRecorder methods directly.
 */
export class RunLogRecorder implements WriteAheadRecorder, RunRecorder {
  readonly run: RunDirectory;
  readonly #log: WriteAheadLog;
  readonly #clock: Clock;
  readonly #wall: Clock;
  readonly #by: UndoneBy;
  #failure: DrillError | undefined;

  constructor(run: RunDirectory, log: WriteAheadLog, clocks: { clock: Clock; wallClock?: Clock }, by: UndoneBy = 'run') {
    this.run = run;
    this.#log = log;
    this.#clock = clocks.clock;
    this.#wall = clocks.wallClock ?? new RealClock();
    this.#by = by;
  }

  get runId(): string {
    return this.run.runId;
  }

  /** The first write that failed: the run must end with it (exit 3) even if the engine carried on to its rollback. */
  get failure(): DrillError | undefined {
    return this.#failure;
  }

  append(event: JournalEvent): void {
    switch (event.kind) {
      case 'phase':
        // Only the phase changes themselves, not the notes the engine files under a phase.
        if (event.text === `phase: ${event.phase}`) this.#write({ type: 'phase', phase: event.phase, ...this.#when() });
        return;
      case 'inject':
        if (event.stage === 'intent') this.faultIntended(event.fault, event.undo);
        // A failed inject stays pending (its intent is on disk): it may have half-happened.
        else if (event.stage !== 'failed') this.faultMade(event.fault, event.undo, { changed: true, message: event.text });
        return;
      case 'undo':
        if (event.ok) this.faultUndone(event.undo, event.text);
        else this.undoFailed(event.undo, event.text, 1);
        return;
      default:
        return;
    }
  }

  faultIntended(fault: Fault, undo: Undo): void {
    this.#write({ type: 'fault-intended', fault, undo, ...this.#when() });
  }

  faultMade(fault: Fault, undo: Undo, effect: Effect): void {
    this.#write({ type: 'fault-made', fault, undo, message: effect.message, ...this.#when() });
  }

  faultUndone(undo: Undo, message: string): void {
    this.#write({ type: 'fault-undone', undo, by: this.#by, message, ...this.#when() });
  }

  undoFailed(undo: Undo, message: string, attempts: number): void {
    this.#write({ type: 'undo-failed', undo, by: this.#by, message, attempts, ...this.#when() });
  }

  finished(verdict: RunVerdict, exitStatus: number): void {
    this.#write({ type: 'run-finished', verdict, exitStatus, ...this.#when() });
    this.#log.close();
  }

  close(): void {
    this.#log.close();
  }

  // Appends one record, remembering the first failure for the run's exit status.
  #write(record: RunRecord): void {
    try {
      this.#log.append(record);
    } catch (error) {
      if (error instanceof DrillError) this.#failure ??= error;
      throw error;
    }
  }

  // Every record carries both clocks: the run's (for the journal) and the wall (for people).
  #when(): { at: number; wallTime: string } {
    return { at: this.#clock.now(), wallTime: this.#wall.wallTime() };
  }
}

/** Creates the run's directory and log and records who runs what; throws DrillError before anything is injected. */
export function startRunLog(options: StartRunLogOptions): RunLogRecorder {
  const wallClock = options.wallClock ?? new RealClock();
  const runId = options.runId ?? newRunId(wallClock);
  const run = createRunDirectory(options.runsDir, runId);
  const log = WriteAheadLog.create(run.logPath, options.fileSystem ?? nodeFileSystem);
  const started: RunStarted = {
    type: 'run-started',
    version: runLogVersion,
    runId,
    pid: process.pid,
    host: os.hostname(),
    owner: currentOwner(),
    target: options.target,
    runbooks: options.runbooks,
    wallTime: wallClock.wallTime(),
    at: options.clock.now(),
    ...(options.steadyState ? { steadyState: options.steadyState } : {}),
  };
  try {
    log.append(started);
  } catch (error) {
    log.close();
    throw error;
  }
  return new RunLogRecorder(run, log, { clock: options.clock, wallClock });
}
