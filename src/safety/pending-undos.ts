// Which faults of a run may still be in effect: those intended or made and not undone since. An undo
// takes back every earlier fault with the same undo (undos are idempotent and restore one thing), so
// two crashes of one node need one start of its service. Undos are replayed newest first.
import type { Undo } from '../targets/target.js';
import type { RunRecord } from './run-record.js';

/** One identity per thing an undo restores, whatever the order of its fields. */
export function undoKey(undo: Undo): string {
  const entries = Object.entries(undo).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/** Undos of faults intended or made and not undone, in reverse order of their (latest) injection. */
export function pendingUndos(records: readonly RunRecord[]): Undo[] {
  const pending = new Map<string, Undo>();
  for (const r of records) {
    switch (r.type) {
      case 'fault-intended':
      case 'fault-made': {
        const key = undoKey(r.undo);
        // Re-inserting moves it to the end: its latest injection decides the replay order.
        pending.delete(key);
        pending.set(key, r.undo);
        break;
      }
      case 'fault-undone':
        pending.delete(undoKey(r.undo));
        break;
      case 'run-cleaned':
        pending.clear();
        break;
      default:
        break;
    }
  }
  return [...pending.values()].reverse();
}
