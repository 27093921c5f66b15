// Readable default names for steps and rollback entries: `crash-cluster-service on $victim`.
import type { ActionSpec, FaultSpec, StepKind } from '../model.js';
import { nodeRefText } from './build-context.js';

export function faultText(fault: FaultSpec): string {
  switch (fault.fault) {
    case 'crash-cluster-service':
    case 'stop-cluster-service':
    case 'power-off-node':
      return `${fault.fault} on ${nodeRefText(fault.node)}`;
    case 'partition-node':
    case 'lose-storage':
      return `${fault.fault} on ${nodeRefText(fault.node)} for ${fault.for.text}`;
    case 'fail-nic':
      return `fail-nic ${fault.nic} on ${nodeRefText(fault.node)}${fault.for === undefined ? '' : ` for ${fault.for.text}`}`;
    case 'freeze-vm':
      return `freeze-vm ${fault.vm} for ${fault.for.text}`;
  }
}

export function actionText(action: ActionSpec): string {
  switch (action.action) {
    case 'clear-quarantine':
    case 'start-cluster-service':
    case 'drain-node':
    case 'power-on-node':
      return `${action.action} on ${nodeRefText(action.node)}`;
    case 'resume-node':
      return `resume-node ${nodeRefText(action.node)}${action.failback === 'immediate' ? ' with failback' : ''}`;
    case 'move-vm':
      return `move-vm ${action.vm} to ${nodeRefText(action.to)} (${action.type})`;
    case 'restore':
      return 'restore every fault still in effect';
  }
}

export function stepKindText(kind: StepKind): string {
  switch (kind.kind) {
    case 'inject':
      return `inject ${faultText(kind.fault)}`;
    case 'do':
      return actionText(kind.action);
    case 'wait':
      return `wait ${kind.duration.text}`;
  }
}
