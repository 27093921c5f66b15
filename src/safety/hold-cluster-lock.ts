// What `drill run` and `drill cleanup` do with the cluster lock: take it or stop with the holder's
// name (exit 3), keep its lease fresh while the run lasts, and give it up at the end.
import { DrillError } from '../errors/drill-error.js';
import type { TargetConfig } from '../targets/target-config.js';
import type { Clock } from '../time/clock.js';
import { RealClock } from '../time/real-clock.js';
import { describeHolder, type ClusterLock } from './cluster-lock.js';
import { FileClusterLock } from './lock-file.js';

/** Default lease: long enough that a busy event loop never loses it, short enough that a dead holder frees the cluster soon. */
export const defaultLeaseMs = 5 * 60_000;

/**
 * The lock of a target that cannot hold one itself (`Target.clusterLock`). The simulator's cluster lives
 * in the drill process, so a machine-wide lock file keyed by the target's name is the lock on its
 * cluster. A PowerShell target holds a marker on the cluster through its agent; this file lock, keyed by
 * the cluster's DNS name, is only its fallback for callers that have no target open.
 */
export function clusterLockFor(config: TargetConfig, options: { dir?: string } = {}): ClusterLock {
  const key = config.driver === 'simulated' ? `simulated-${config.name}` : `cluster-${config.cluster}`;
  return new FileClusterLock({ key, ...(options.dir === undefined ? {} : { dir: options.dir }) });
}

export interface HeldLock {
  /** Gives the lock up and stops renewing it. */
  release(): Promise<void>;
}

export interface TakeLockOptions {
  readonly runId: string;
  readonly owner: string;
  readonly leaseMs?: number;
  /** Real time for the lease and its renewals (never the run's virtual clock). */
  readonly wallClock?: Clock;
  /** Told when a renewal finds the lock was lost (another drill took it over after the lease ran out). */
  readonly onLost?: (message: string) => void;
}

/** Takes the lock or throws DrillError('run-locked') naming who holds it; renews it every third of its lease. */
export async function takeClusterLock(lock: ClusterLock, options: TakeLockOptions): Promise<HeldLock> {
  const wall = options.wallClock ?? new RealClock();
  const leaseMs = options.leaseMs ?? defaultLeaseMs;
  const expiresAt = new Date(Date.parse(wall.wallTime()) + leaseMs).toISOString();
  const result = await lock.acquire({ runId: options.runId, owner: options.owner, expiresAt });
  if (!result.acquired) {
    throw new DrillError('run-locked', `another drill holds this cluster: ${describeHolder(result.holder)}`, {
      hint: `wait for it to finish; if it died, its lock goes stale when it expires (lock: ${lock.where})`,
    });
  }
  let stopped = false;
  let timer: number | undefined;
  // Renews on real time; a lost lock is reported, not thrown, since the timer has no caller to throw to.
  const schedule = (): void => {
    timer = wall.setTimeout(() => {
      if (stopped) return;
      lock.renew().then(
        (renewed) => {
          if (!renewed.acquired) options.onLost?.(`the cluster lock was taken over by ${describeHolder(renewed.holder)}`);
          else schedule();
        },
        (error: unknown) => options.onLost?.(`the cluster lock could not be renewed: ${String(error)}`),
      );
    }, leaseMs / 3);
  };
  schedule();
  return {
    async release() {
      stopped = true;
      if (timer !== undefined) wall.clearTimeout(timer);
      await lock.release();
    },
  };
}
