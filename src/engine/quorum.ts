// The quorum guard of the engine: checked before every injection, so a drill never costs the cluster its
// quorum (the arithmetic is shared with the safety check at the door, in targets/quorum.ts).
import { quorumLoss } from '../targets/quorum.js';
import type { Fault } from '../targets/target.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** Why the fault must not be injected now, or null when quorum survives it. */
export function quorumRefusal(fault: Fault, index: SnapshotIndex): string | null {
  const loss = quorumLoss(fault, index.nodes.values());
  if (loss === null) return null;
  return `refused: ${fault.fault} on ${loss.victim} would leave ${loss.after} of ${loss.total} nodes as active members; quorum needs ${loss.needed}`;
}
