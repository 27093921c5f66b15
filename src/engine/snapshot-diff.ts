// Journal events for what changed between two successive snapshots, field by field, so the journal
// holds every node and VM state change with its time (one linear pass over the snapshot).
import type { NodeObservation, Snapshot, VmObservation } from '../targets/cluster-state.js';
import type { JournalEvent } from './journal.js';
import type { SnapshotIndex } from './snapshot-index.js';

const nodeFields = ['state', 'isolated', 'quarantined', 'drain'] as const satisfies readonly (keyof NodeObservation)[];
const vmFields = ['state', 'heartbeat', 'monitored', 'group', 'owner', 'bootTime'] as const satisfies readonly (keyof VmObservation)[];

const show = (v: unknown): string => (v === undefined ? 'unknown' : String(v));

/** Changes from `before` to `after` as journal events at `after.at`. */
export function diffSnapshots(before: SnapshotIndex, after: Snapshot): JournalEvent[] {
  const at = after.at;
  const out: JournalEvent[] = [];
  for (const n of after.nodes) {
    const old = before.nodes.get(n.name);
    if (!old) continue;
    for (const field of nodeFields) {
      if (old[field] !== n[field]) {
        const from = show(old[field]);
        const to = show(n[field]);
        out.push({ at, kind: 'node', node: n.name, field, from, to, text: `node ${n.name} ${field}: ${from} -> ${to}` });
      }
    }
  }
  for (const v of after.vms) {
    const old = before.vms.get(v.name);
    if (!old) continue;
    for (const field of vmFields) {
      if (old[field] !== v[field]) {
        const from = show(old[field]);
        const to = show(v[field]);
        out.push({ at, kind: 'vm', vm: v.name, field, from, to, text: `vm ${v.name} ${field}: ${from} -> ${to}` });
      }
    }
  }
  return out;
}
