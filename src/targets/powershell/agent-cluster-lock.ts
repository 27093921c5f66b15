// The cluster lock of a PowerShell target, held on the cluster itself: the agent's lock-acquire,
// lock-renew and lock-release run agent/lock/cluster-lock.ps1 on a node, which keeps a marker in the
// first Cluster Shared Volume (README, "The cluster lock"). It goes through the target's own agent
// connection, so a run still starts exactly one pwsh. Values travel as JSON arguments, never as source.
import { hostname } from 'node:os';
import { DrillError, type Outcome } from '../../errors/drill-error.js';
import type { ClusterLock, LockAcquisition, LockHolder } from '../../safety/cluster-lock.js';
import { isProcessAlive } from '../../safety/process-liveness.js';
import type { Clock } from '../../time/clock.js';
import type { Operation } from './protocol.js';

/** What the agent's cluster-lock script answers. */
export interface LockAnswer {
  readonly acquired: boolean;
  readonly released: boolean;
  readonly holder: LockHolder | null;
  /** The marker's path on the CSV, or the cluster parameter that holds it. */
  readonly where: string;
}

/** The JSON arguments of cluster-lock.ps1, in the order of its param() block after Operation. */
export interface LockArguments {
  readonly RunId: string;
  readonly Owner: string;
  readonly DrillPid: number;
  readonly DrillHost: string;
  readonly LeaseMs: number;
  /** A run whose drill died on this machine (its pid is gone): its marker may be taken over early. */
  readonly DeadRunId: string;
}

/** Sends one request to the agent (the target's connection, holding a virtual run clock while in flight). */
export type AgentCall = (op: Operation, params: Readonly<Record<string, unknown>>) => Promise<Outcome<unknown>>;

export interface AgentClusterLockOptions {
  /** The cluster's DNS name, for `where` before the agent has said where the marker is. */
  readonly cluster: string;
  /** Real wall time: the lease asked for is `expiresAt` minus now (never the run's virtual clock). */
  readonly wallClock: Clock;
  readonly pid?: number;
  readonly host?: string;
  readonly isAlive?: (pid: number) => boolean;
}

/** A renew or acquire refused with nobody named (the marker vanished): who holds it is unknown. */
const nobody: LockHolder = { runId: '?', owner: 'nobody (the lock is gone)', expiresAt: '?' };

// Shortest lease asked of the cluster: a lease already past would make the marker stale on arrival.
const minimumLeaseMs = 1_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a holder from the agent's JSON; undefined when it is not one. */
function readHolder(v: unknown): LockHolder | undefined {
  if (!isRecord(v) || typeof v['runId'] !== 'string' || typeof v['owner'] !== 'string' || typeof v['expiresAt'] !== 'string') return undefined;
  const pid = typeof v['pid'] === 'number' && v['pid'] > 0 ? { pid: v['pid'] } : {};
  const host = typeof v['host'] === 'string' && v['host'] !== '' ? { host: v['host'] } : {};
  return { runId: v['runId'], owner: v['owner'], expiresAt: v['expiresAt'], ...pid, ...host };
}

/** Checks the agent's answer to a lock operation; a message when it is malformed. */
export function readLockAnswer(value: unknown): LockAnswer | string {
  if (!isRecord(value)) return 'expected a JSON object';
  if (typeof value['acquired'] !== 'boolean' || typeof value['released'] !== 'boolean') return 'expected boolean "acquired" and "released"';
  if (typeof value['where'] !== 'string') return 'expected a string "where"';
  const holder = value['holder'] === null ? null : readHolder(value['holder']);
  if (holder === undefined) return 'expected "holder" to be null or {runId, owner, expiresAt}';
  return { acquired: value['acquired'], released: value['released'], holder, where: value['where'] };
}

export class AgentClusterLock implements ClusterLock {
  readonly #call: AgentCall;
  readonly #options: AgentClusterLockOptions;
  #where: string;
  /** This run's holder and the lease it asked for, while the lock is (believed) held. */
  #held: { readonly runId: string; readonly owner: string; readonly leaseMs: number } | undefined;

  constructor(call: AgentCall, options: AgentClusterLockOptions) {
    this.#call = call;
    this.#options = options;
    this.#where = `drill-lock.json in .drill of the first Cluster Shared Volume of ${options.cluster}`;
  }

  get where(): string {
    return this.#where;
  }

  /** True while this run believes it holds the lock (the target releases it on close). */
  get held(): boolean {
    return this.#held !== undefined;
  }

  async acquire(request: Omit<LockHolder, 'pid' | 'host'>): Promise<LockAcquisition> {
    const leaseMs = Math.max(minimumLeaseMs, Math.round(Date.parse(request.expiresAt) - Date.parse(this.#options.wallClock.wallTime())));
    if (!Number.isFinite(leaseMs)) throw new DrillError('invalid-input', `the lock's expiry ${JSON.stringify(request.expiresAt)} is not a time`);
    let answer = await this.#send('lock-acquire', { runId: request.runId, owner: request.owner, leaseMs });
    // The node cannot see drill's processes, but this machine can: a holder that was a drill here whose
    // process is gone (killed, then `drill cleanup`) need not wait for its lease to run out.
    const dead = answer.acquired ? undefined : this.#deadHere(answer.holder);
    if (dead !== undefined) answer = await this.#send('lock-acquire', { runId: request.runId, owner: request.owner, leaseMs, deadRunId: dead });
    if (answer.acquired) {
      this.#held = { runId: request.runId, owner: request.owner, leaseMs };
      return { acquired: true };
    }
    return { acquired: false, holder: answer.holder ?? nobody };
  }

  async renew(): Promise<LockAcquisition> {
    const held = this.#held;
    if (!held) throw new Error('renew() before acquire()');
    const answer = await this.#send('lock-renew', held);
    if (answer.acquired) return { acquired: true };
    this.#held = undefined;
    return { acquired: false, holder: answer.holder ?? nobody };
  }

  async release(): Promise<void> {
    const held = this.#held;
    if (!held) return;
    this.#held = undefined;
    await this.#send('lock-release', held);
  }

  // The run id of a holder that ran on this machine in a process that no longer exists.
  #deadHere(holder: LockHolder | null): string | undefined {
    if (!holder || holder.pid === undefined || holder.host !== this.#host()) return undefined;
    return (this.#options.isAlive ?? isProcessAlive)(holder.pid) ? undefined : holder.runId;
  }

  #host(): string {
    return this.#options.host ?? hostname();
  }

  // One lock operation on the agent: the same arguments every time, so they bind by position.
  async #send(
    op: 'lock-acquire' | 'lock-renew' | 'lock-release',
    holder: { runId: string; owner?: string; leaseMs?: number; deadRunId?: string },
  ): Promise<LockAnswer> {
    const args: LockArguments = {
      RunId: holder.runId,
      Owner: holder.owner ?? '',
      DrillPid: this.#options.pid ?? process.pid,
      DrillHost: this.#host(),
      LeaseMs: holder.leaseMs ?? 0,
      DeadRunId: holder.deadRunId ?? '',
    };
    const outcome = await this.#call(op, { arguments: args, avoid: [] });
    if (!outcome.ok) {
      const code = outcome.error.code === 'refused' || outcome.error.code === 'protocol' ? 'target-failed' : 'target-unreachable';
      throw new DrillError(code, `the cluster lock could not be reached (${op}): ${outcome.error.message}`, {
        hint: `the lock lives on the cluster (${this.#where}); check that drill can reach a node`,
      });
    }
    const answer = readLockAnswer(outcome.value);
    if (typeof answer === 'string') throw new DrillError('target-failed', `the PowerShell agent's answer to ${op} is malformed: ${answer}`);
    this.#where = answer.where;
    return answer;
  }
}
