// The append-only record of a run. Each record is one JSON line written with writeSync and made
// durable with fsyncSync before append() returns: synchronous on purpose, so the record is on disk
// before the fault is made, and a virtual clock cannot advance while it is being written.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import type { RunRecord } from './run-record.js';
import { unwritable } from './run-directory.js';

/** The few synchronous file calls the log makes; tests inject failing ones (a full disk). */
export interface SyncFileSystem {
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
}

export const nodeFileSystem: SyncFileSystem = {
  openSync: (p, flags) => nodeFs.openSync(p, flags),
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
};

export class WriteAheadLog {
  readonly path: string;
  readonly #fs: SyncFileSystem;
  #fd: number | undefined;
  /** Set after a failed write: the tail may be partial, so nothing more may be appended. */
  #broken: unknown;

  private constructor(logPath: string, fd: number, fs: SyncFileSystem) {
    this.path = logPath;
    this.#fd = fd;
    this.#fs = fs;
  }

  /** A new log for a new run; fails if one exists (a run id is used once). */
  static create(logPath: string, fs: SyncFileSystem = nodeFileSystem): WriteAheadLog {
    return WriteAheadLog.#open(logPath, 'wx', fs);
  }

  /** Appends to an existing run's log (`drill cleanup`). */
  static reopen(logPath: string, fs: SyncFileSystem = nodeFileSystem): WriteAheadLog {
    return WriteAheadLog.#open(logPath, 'a', fs);
  }

  static #open(logPath: string, flags: string, fs: SyncFileSystem): WriteAheadLog {
    let fd: number;
    try {
      fd = fs.openSync(logPath, flags);
    } catch (error) {
      throw unwritable(logPath, error);
    }
    const log = new WriteAheadLog(logPath, fd, fs);
    if (flags === 'wx') syncDirectory(path.dirname(logPath));
    return log;
  }

  /** Writes one record and waits until it is on disk; throws DrillError('journal-unwritable') otherwise. */
  append(record: RunRecord): void {
    if (this.#broken !== undefined) throw unwritable(this.path, this.#broken);
    if (this.#fd === undefined) throw unwritable(this.path, new Error('the log is closed'));
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    try {
      let written = 0;
      while (written < bytes.length) {
        const n = this.#fs.writeSync(this.#fd, bytes, written, bytes.length - written);
        if (n <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
        written += n;
      }
      this.#fs.fsyncSync(this.#fd);
    } catch (error) {
      this.#broken = error;
      throw unwritable(this.path, error);
    }
  }

  close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    try {
      this.#fs.closeSync(fd);
    } catch {
      // Every record was already fsync'd; a failing close loses nothing.
    }
  }
}

/** Makes a new file's directory entry durable too; some platforms cannot fsync a directory, which is fine. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = nodeFs.openSync(dir, 'r');
    nodeFs.fsyncSync(fd);
  } catch {
    // Best effort: the records themselves are fsync'd.
  } finally {
    if (fd !== undefined) nodeFs.closeSync(fd);
  }
}
