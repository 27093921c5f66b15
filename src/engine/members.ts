// The members of a planned subject, fixed at a snapshot: for `vms: { on: N }` the VMs N owns when the
// step starts (fixed for the step), narrowed by storage/resilience from the inventory.
import type { PlannedSubject } from './plan-model.js';
import type { SnapshotIndex } from './snapshot-index.js';

/** Member names of a subject at the snapshot that starts a step (or a check). */
export function fixMembers(subject: PlannedSubject, start: SnapshotIndex): readonly string[] {
  if (subject.set === 'named') return subject.names;
  const owned = start.vmsOwnedBy(subject.node);
  if (subject.eligible === null) return owned;
  const eligible = new Set(subject.eligible);
  return owned.filter((name) => eligible.has(name));
}
