// One drill per cluster: a lock held on the target itself, naming who holds it, for which run, until
// when. Every `drill run` and `drill cleanup` takes it before touching the cluster; a holder that
// died or let its lease run out is stale and may be taken over.

/** Who holds a cluster: enough for the refused operator to find them. */
export interface LockHolder {
  readonly runId: string;
  /** `user@host`. */
  readonly owner: string;
  /** ISO 8601 wall time after which the lock is stale unless renewed. */
  readonly expiresAt: string;
  readonly pid?: number;
  readonly host?: string;
}

export type LockAcquisition = { readonly acquired: true } | { readonly acquired: false; readonly holder: LockHolder };

export interface ClusterLock {
  /** Where the lock lives, for messages (a file path, a cluster resource). */
  readonly where: string;
  /** Takes the lock, or says who holds it. Taking it again for the same run succeeds. */
  acquire(holder: Omit<LockHolder, 'pid' | 'host'>): Promise<LockAcquisition>;
  /** Pushes the expiry out by the lease it was taken with; `acquired: false` if it was lost meanwhile. */
  renew(): Promise<LockAcquisition>;
  /** Gives it up; a no-op when it is not held by this run. */
  release(): Promise<void>;
}

/** The sentence a refused `drill run` prints about the holder. */
export function describeHolder(holder: LockHolder): string {
  const pid = holder.pid === undefined ? '' : `, pid ${holder.pid}`;
  return `run ${holder.runId} by ${holder.owner}${pid} (lock expires ${holder.expiresAt})`;
}
