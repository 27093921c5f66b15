// Each VM's run in one line: where it started and ended, how often it moved and was restarted, the
// state it ended in. The HTML lists these under the timeline, which shows VMs only as counts per node.
import type { RunJournal } from '../engine/journal.js';

export interface VmRun {
  readonly name: string;
  readonly storage: string;
  readonly resilient: boolean | null;
  readonly startedOn: string;
  readonly endedOn: string;
  readonly moves: number;
  /** Times it went through Starting: a failover or quick migration restarted it. */
  readonly restarts: number;
  readonly lastState: string;
  /** Every change, for the hover. */
  readonly changes: number;
}

/** One row per VM of the inventory summary (plus any VM seen only in events), in inventory order. */
export function vmRuns(journal: RunJournal): VmRun[] {
  const rows = new Map<string, { -readonly [K in keyof VmRun]: VmRun[K] }>();
  for (const vm of journal.target.vms ?? []) {
    rows.set(vm.name, { name: vm.name, storage: vm.storage, resilient: vm.resilient, startedOn: vm.owner, endedOn: vm.owner, moves: 0, restarts: 0, lastState: 'Running', changes: 0 });
  }
  for (const e of journal.events) {
    if (e.kind !== 'vm') continue;
    let row = rows.get(e.vm);
    if (row === undefined) {
      row = { name: e.vm, storage: '?', resilient: null, startedOn: e.field === 'owner' ? e.from : '?', endedOn: '?', moves: 0, restarts: 0, lastState: '?', changes: 0 };
      rows.set(e.vm, row);
    }
    row.changes++;
    if (e.field === 'owner') {
      row.moves++;
      row.endedOn = e.to;
    } else if (e.field === 'state') {
      if (row.changes === 1 && row.lastState === '?') row.lastState = e.from;
      row.lastState = e.to;
      if (e.to === 'Starting') row.restarts++;
    }
  }
  return [...rows.values()];
}
