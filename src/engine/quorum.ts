// The quorum guard: an injection that would leave fewer than a strict majority of the cluster's nodes
// as active members is refused, so a drill never costs the cluster its quorum.
import { quorumMajority, type NodeObservation } from '../targets/cluster-state.js';
import type { Fault } from '../targets/target.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** A node counts towards quorum while it is a member: Up or Paused and not isolated. */
const isActiveMember = (n: NodeObservation): boolean => (n.state === 'Up' || n.state === 'Paused') && !n.isolated;

/**
 * The node a fault may take out of membership. `fail-nic` counts as taking it out: which adapters
 * still work is not observed, so the guard assumes the worst.
 */
function nodeTakenOut(fault: Fault): string | null {
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

/** Why the fault must not be injected now, or null when quorum survives it. */
export function quorumRefusal(fault: Fault, index: SnapshotIndex): string | null {
  const victim = nodeTakenOut(fault);
  if (victim === null) return null;
  const total = index.nodes.size;
  const active = [...index.nodes.values()].filter(isActiveMember);
  const after = active.filter((n) => n.name !== victim).length;
  const needed = quorumMajority(total);
  if (after >= needed) return null;
  return `refused: ${fault.fault} on ${victim} would leave ${after} of ${total} nodes as active members; quorum needs ${needed}`;
}
