// What the rollback does, in order: the runbook's rollback entries (a `restore` entry undoes the
// faults in effect at that point, newest first), then the undo of every fault still in effect,
// newest first. An undo appears once however often its fault was injected (undos are idempotent).
import type { Undo } from '../targets/target.js';
import type { RollbackItem } from './run-actors.js';
import type { PlannedRollback } from './plan-model.js';

/** Undos are plain data: equal JSON is the same undo. */
const undoKey = (u: Undo): string => JSON.stringify(u);

/** The ordered rollback agenda. */
export function rollbackAgenda(entries: readonly PlannedRollback[], faults: readonly Undo[]): RollbackItem[] {
  const seen = new Set<string>();
  const items: RollbackItem[] = [];
  const undoAll = () => {
    for (const undo of [...faults].reverse()) {
      const key = undoKey(undo);
      if (seen.has(key)) continue;
      seen.add(key);
      items.push({ kind: 'undo', undo });
    }
  };
  for (const entry of entries) {
    if (entry.kind === 'restore') undoAll();
    else items.push({ kind: 'action', act: entry });
  }
  undoAll();
  return items;
}

/** Faults no longer in effect once `undone` were taken back (by a `restore` step). */
export function withoutUndone(faults: readonly Undo[], undone: readonly Undo[]): Undo[] {
  const gone = new Set(undone.map(undoKey));
  return faults.filter((u) => !gone.has(undoKey(u)));
}
