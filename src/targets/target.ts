// The port: everything above targets/ talks to a cluster only through this interface (DESIGN.md).
// Faults and actions here are resolved: names checked against the inventory, durations in ms.
import type { Outcome } from '../errors/drill-error.js';
import type { ClusterLock } from '../safety/cluster-lock.js';
import type { DriverName } from './catalogue.js';
import type { Inventory, Snapshot } from './cluster-state.js';

/** A fault ready to inject: every name is in the inventory, every duration evaluated. */
export type Fault =
  | { readonly fault: 'crash-cluster-service'; readonly node: string }
  | { readonly fault: 'stop-cluster-service'; readonly node: string }
  | { readonly fault: 'partition-node'; readonly node: string; readonly forMs: number }
  | { readonly fault: 'fail-nic'; readonly node: string; readonly nic: string; readonly forMs?: number }
  | { readonly fault: 'power-off-node'; readonly node: string }
  | { readonly fault: 'lose-storage'; readonly node: string; readonly forMs: number }
  | { readonly fault: 'freeze-vm'; readonly vm: string; readonly forMs: number };

/** An action of the contract, resolved. */
export type Action =
  | { readonly action: 'clear-quarantine'; readonly node: string }
  | { readonly action: 'start-cluster-service'; readonly node: string }
  | { readonly action: 'drain-node'; readonly node: string }
  | { readonly action: 'resume-node'; readonly node: string; readonly failback: 'immediate' | 'none' }
  | { readonly action: 'move-vm'; readonly vm: string; readonly to: string; readonly type: 'live' | 'quick' }
  | { readonly action: 'power-on-node'; readonly node: string };

/**
 * How to take a fault back. Plain data, so it is written to the journal before the fault is made and
 * replayed by `drill cleanup` after a crash. Every undo is idempotent: undoing what is no longer in
 * effect is a no-op that says so.
 */
export type Undo =
  | { readonly undo: 'start-cluster-service'; readonly node: string }
  | { readonly undo: 'lift-partition'; readonly node: string }
  | { readonly undo: 'enable-nic'; readonly node: string; readonly nic: string }
  | { readonly undo: 'power-on-node'; readonly node: string }
  | { readonly undo: 'restore-storage'; readonly node: string }
  | { readonly undo: 'thaw-vm'; readonly vm: string };

/** The undo of a fault, known before the fault is made (for the write-ahead journal). */
export function undoOf(fault: Fault): Undo {
  switch (fault.fault) {
    case 'crash-cluster-service':
    case 'stop-cluster-service':
      return { undo: 'start-cluster-service', node: fault.node };
    case 'partition-node':
      return { undo: 'lift-partition', node: fault.node };
    case 'fail-nic':
      return { undo: 'enable-nic', node: fault.node, nic: fault.nic };
    case 'power-off-node':
      return { undo: 'power-on-node', node: fault.node };
    case 'lose-storage':
      return { undo: 'restore-storage', node: fault.node };
    case 'freeze-vm':
      return { undo: 'thaw-vm', vm: fault.vm };
  }
}

/** What an inject, act or undo did: `changed: false` for an idempotent no-op, with the reason. */
export interface Effect {
  readonly changed: boolean;
  readonly message: string;
}

/** One state change seen on the cluster, with its time on the run's clock. */
export interface ClusterEvent {
  readonly at: number;
  /** Stable machine-readable kind, e.g. 'node-isolated', 'vm-state', 'quarantine-refused'. */
  readonly kind: string;
  readonly node?: string;
  readonly vm?: string;
  /** A sentence for people and the journal. */
  readonly text: string;
}

/** Pushed to `watch` subscribers once per instant at which anything changed (all events of that instant). */
export interface ChangeBatch {
  readonly at: number;
  readonly events: readonly ClusterEvent[];
}

export interface Target {
  readonly driver: DriverName;
  /** Name of the target file's `target:` field. */
  readonly name: string;
  inventory(): Promise<Outcome<Inventory>>;
  observe(): Promise<Outcome<Snapshot>>;
  /** Push of changes (the simulator has it; a real target is polled). Returns an unsubscribe function. */
  watch?(listener: (batch: ChangeBatch) => void): () => void;
  inject(fault: Fault): Promise<Outcome<{ readonly undo: Undo; readonly effect: Effect }>>;
  act(action: Action): Promise<Outcome<Effect>>;
  undo(undo: Undo): Promise<Outcome<Effect>>;
  /**
   * The lock held on the cluster itself, when the target has one (PowerShell: a marker on the cluster's
   * first CSV, through the target's own agent). Without it, the safety layer uses its lock file.
   */
  clusterLock?(): ClusterLock;
  close(): Promise<void>;
}
