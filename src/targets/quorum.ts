// Quorum arithmetic both guards share (the engine before every injection, the safety check at the door):
// would this fault leave fewer active members than a strict majority of the cluster's nodes?
import { quorumMajority, type NodeObservation } from './cluster-state.js';
import type { Fault } from './target.js';

/** A node counts towards quorum while it is a member: Up or Paused, and not isolated. */
export const isActiveMember = (n: NodeObservation): boolean => (n.state === 'Up' || n.state === 'Paused') && !n.isolated;

/**
 * The node a fault may take out of membership. `fail-nic` counts: which adapters still carry cluster
 * traffic is not observed, so the guard assumes the worst.
 */
export function nodeTakenOut(fault: Fault): string | null {
  switch (fault.fault) {
    case 'crash-cluster-service':
    case 'stop-cluster-service':
    case 'partition-node':
    case 'fail-nic':
    case 'power-off-node':
      return fault.node;
    case 'lose-storage':
    case 'freeze-vm':
      return null;
  }
}

export interface QuorumLoss {
  readonly victim: string;
  /** Active members left if the fault takes `victim` out. */
  readonly after: number;
  readonly total: number;
  readonly needed: number;
}

/** How the fault would cost quorum, or null when the cluster keeps it. */
export function quorumLoss(fault: Fault, nodes: Iterable<NodeObservation>): QuorumLoss | null {
  const victim = nodeTakenOut(fault);
  if (victim === null) return null;
  let total = 0;
  let after = 0;
  for (const n of nodes) {
    total++;
    if (isActiveMember(n) && n.name !== victim) after++;
  }
  const needed = quorumMajority(total);
  return after >= needed ? null : { victim, after, total, needed };
}
