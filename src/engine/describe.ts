// Readable one-line texts of faults, actions and undos, for the journal, dry runs and the terminal.
import { formatDuration } from './format-duration.js';
import type { Action, Fault, Undo } from '../targets/target.js';

/** `crash-cluster-service on HV02`, `partition-node on HV01 for 1m`. */
export function describeFault(f: Fault): string {
  switch (f.fault) {
    case 'crash-cluster-service':
    case 'stop-cluster-service':
    case 'power-off-node':
      return `${f.fault} on ${f.node}`;
    case 'partition-node':
    case 'lose-storage':
      return `${f.fault} on ${f.node} for ${formatDuration(f.forMs)}`;
    case 'fail-nic':
      return `fail-nic ${f.nic} on ${f.node}${f.forMs === undefined ? '' : ` for ${formatDuration(f.forMs)}`}`;
    case 'freeze-vm':
      return `freeze-vm ${f.vm} for ${formatDuration(f.forMs)}`;
  }
}

/** `clear-quarantine on HV02`, `move-vm VM0003 to HV01 (live)`. */
export function describeAction(a: Action): string {
  switch (a.action) {
    case 'clear-quarantine':
    case 'start-cluster-service':
    case 'drain-node':
    case 'power-on-node':
      return `${a.action} on ${a.node}`;
    case 'resume-node':
      return `resume-node ${a.node} (failback ${a.failback})`;
    case 'move-vm':
      return `move-vm ${a.vm} to ${a.to} (${a.type})`;
  }
}

/** `start-cluster-service on HV02`, `thaw-vm VM0007`. */
export function describeUndo(u: Undo): string {
  return 'node' in u ? `${u.undo} on ${u.node}${'nic' in u ? ` (${u.nic})` : ''}` : `${u.undo} ${u.vm}`;
}
