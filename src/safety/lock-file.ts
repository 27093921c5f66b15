// The cluster lock of targets whose cluster lives in the drill process (the simulator): a lock file
// shared by every drill process on the machine, keyed by the target's name. It is created atomically
// (the content is written to a private file, then hard-linked into place, which fails if one exists),
// so a reader never sees a half-written lock. A lock whose lease expired, or whose process died on
// this host, is stale and taken over under a short takeover guard so two takers cannot both win.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Clock } from '../time/clock.js';
import { RealClock } from '../time/real-clock.js';
import type { ClusterLock, LockAcquisition, LockHolder } from './cluster-lock.js';
import { isProcessAlive } from './process-liveness.js';

export interface LockFileOptions {
  /** The target's name (or a real cluster's DNS name); one lock per key. */
  readonly key: string;
  /** Directory of lock files; default DRILL_LOCK_DIR or `<tmpdir>/drill-locks`. */
  readonly dir?: string;
  /** Real wall time: leases must compare across processes, so never a virtual clock. */
  readonly wallClock?: Clock;
  readonly host?: string;
  readonly pid?: number;
  readonly isAlive?: (pid: number) => boolean;
}

/** The lock directory every drill on this machine agrees on. */
export function defaultLockDir(env: NodeJS.ProcessEnv = process.env): string {
  return env['DRILL_LOCK_DIR'] || path.join(os.tmpdir(), 'drill-locks');
}

/** A file name for a key: lower case, anything outside [a-z0-9._-] replaced. */
export const lockFileName = (key: string): string => `${key.toLowerCase().replace(/[^a-z0-9._-]/g, '_')}.lock`;

const isErrno = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | undefined)?.code === code;

/** Reads a holder from lock text; null when the text is not a lock (treated as stale). */
function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.runId === 'string' && typeof v.owner === 'string' && typeof v.expiresAt === 'string') return v as LockHolder;
  } catch {
    // fall through
  }
  return null;
}

export class FileClusterLock implements ClusterLock {
  readonly where: string;
  readonly #dir: string;
  readonly #wall: Clock;
  readonly #host: string;
  readonly #pid: number;
  readonly #isAlive: (pid: number) => boolean;
  #held: { holder: LockHolder; leaseMs: number } | undefined;

  constructor(options: LockFileOptions) {
    this.#dir = options.dir ?? defaultLockDir();
    this.where = path.join(this.#dir, lockFileName(options.key));
    this.#wall = options.wallClock ?? new RealClock();
    this.#host = options.host ?? os.hostname();
    this.#pid = options.pid ?? process.pid;
    this.#isAlive = options.isAlive ?? isProcessAlive;
  }

  async acquire(request: Omit<LockHolder, 'pid' | 'host'>): Promise<LockAcquisition> {
    const holder: LockHolder = { ...request, pid: this.#pid, host: this.#host };
    const leaseMs = Math.max(0, Date.parse(request.expiresAt) - this.#wallNow());
    fs.mkdirSync(this.#dir, { recursive: true });
    // A few rounds: each either wins, finds a live holder, or clears a stale one and tries again.
    for (let round = 0; round < 5; round++) {
      if (this.#linkInPlace(holder)) {
        this.#held = { holder, leaseMs };
        return { acquired: true };
      }
      const current = this.#readText();
      if (current === null) continue; // released between our link and our read
      const existing = parseHolder(current);
      if (existing && existing.runId === holder.runId && existing.pid === holder.pid && existing.host === holder.host) {
        this.#held = { holder: existing, leaseMs };
        return this.renew();
      }
      if (existing && !this.#isStale(existing)) return { acquired: false, holder: existing };
      this.#takeOver(current);
    }
    const last = parseHolder(this.#readText() ?? '');
    return last ? { acquired: false, holder: last } : { acquired: false, holder: { runId: '?', owner: 'unknown', expiresAt: '?' } };
  }

  async renew(): Promise<LockAcquisition> {
    const held = this.#held;
    if (!held) throw new Error('renew() before acquire()');
    const current = parseHolder(this.#readText() ?? '');
    if (!current || !this.#isMine(current)) {
      this.#held = undefined;
      return { acquired: false, holder: current ?? { runId: '?', owner: 'nobody', expiresAt: '?' } };
    }
    const renewed: LockHolder = { ...held.holder, expiresAt: new Date(this.#wallNow() + held.leaseMs).toISOString() };
    const temp = this.#tempPath();
    fs.writeFileSync(temp, JSON.stringify(renewed), { flag: 'wx' });
    fs.renameSync(temp, this.where);
    this.#held = { holder: renewed, leaseMs: held.leaseMs };
    return { acquired: true };
  }

  async release(): Promise<void> {
    const current = parseHolder(this.#readText() ?? '');
    if (current && this.#isMine(current)) fs.rmSync(this.where, { force: true });
    this.#held = undefined;
  }

  /** The holder as the file says now (for `drill cleanup` and messages); null when free. */
  holder(): LockHolder | null {
    return parseHolder(this.#readText() ?? '');
  }

  // Writes the holder to a private file and hard-links it to the lock path: atomic and exclusive.
  #linkInPlace(holder: LockHolder): boolean {
    const temp = this.#tempPath();
    fs.writeFileSync(temp, JSON.stringify(holder), { flag: 'wx' });
    try {
      fs.linkSync(temp, this.where);
      return true;
    } catch (error) {
      if (isErrno(error, 'EEXIST')) return false;
      throw error;
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  // Removes a stale lock, but only if it is still the one judged stale, under a takeover guard.
  #takeOver(staleText: string): void {
    const guard = `${this.where}.takeover`;
    let fd: number;
    try {
      fd = fs.openSync(guard, 'wx');
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
      // Someone else is taking over; clear their guard only if they died holding it.
      const guardPid = Number.parseInt(this.#readText(guard) ?? '', 10);
      if (!this.#isAlive(guardPid)) fs.rmSync(guard, { force: true });
      return;
    }
    try {
      fs.writeSync(fd, String(this.#pid));
      if (this.#readText() === staleText) fs.rmSync(this.where, { force: true });
    } finally {
      fs.closeSync(fd);
      fs.rmSync(guard, { force: true });
    }
  }

  #isStale(h: LockHolder): boolean {
    const expires = Date.parse(h.expiresAt);
    if (!Number.isFinite(expires) || expires <= this.#wallNow()) return true;
    return h.host === this.#host && h.pid !== undefined && !this.#isAlive(h.pid);
  }

  #isMine(h: LockHolder): boolean {
    return this.#held !== undefined && h.runId === this.#held.holder.runId && h.pid === this.#pid && h.host === this.#host;
  }

  #readText(file: string = this.where): string | null {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
  }

  #tempPath(): string {
    return `${this.where}.${this.#pid}.${randomBytes(4).toString('hex')}.tmp`;
  }

  #wallNow(): number {
    return Date.parse(this.#wall.wallTime());
  }
}
