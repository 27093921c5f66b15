// Runs one due timer of the agenda: the scheduled half of every behaviour.
import { vmStarted } from './failover.js';
import { detectLoss, joinComplete, resiliencyPeriodEnd, startService } from './membership.js';
import { liveMigrationComplete, quickMigrationComplete } from './migration.js';
import type { Task } from './model.js';
import { liftQuarantine } from './quarantine.js';
import { nodeOf, vmOf, type Sim } from './sim.js';
import { bootComplete, enableNic, liftPartition, restoreStorage, thawVm } from './undos.js';

/** Dispatches a due task to the behaviour it belongs to. */
export function runTask(sim: Sim, task: Task): void {
  switch (task.kind) {
    case 'detect-loss':
      return detectLoss(sim, task.node);
    case 'resiliency-period-end':
      return resiliencyPeriodEnd(sim, task.node);
    case 'service-restart': {
      const node = nodeOf(sim, task.node);
      node.timers.restart = undefined;
      if (node.service === 'crashed' && node.powered) startService(sim, task.node, 'service manager');
      return;
    }
    case 'join-complete':
      return joinComplete(sim, task.node);
    case 'boot-complete':
      return bootComplete(sim, task.node);
    case 'quarantine-expiry': {
      const node = nodeOf(sim, task.node);
      node.timers.expiry = undefined;
      if (node.quarantined) liftQuarantine(sim, task.node, 'expired');
      return;
    }
    case 'lift-partition':
      nodeOf(sim, task.node).timers.partition = undefined;
      liftPartition(sim, task.node);
      return;
    case 'enable-nic':
      delete nodeOf(sim, task.node).timers.nics[task.nic];
      enableNic(sim, task.node, task.nic);
      return;
    case 'restore-storage':
      nodeOf(sim, task.node).timers.storage = undefined;
      restoreStorage(sim, task.node);
      return;
    case 'thaw-vm':
      vmOf(sim, task.vm).thawTimer = undefined;
      thawVm(sim, vmOf(sim, task.vm).name);
      return;
    case 'vm-started':
      return vmStarted(sim, task.vm, task.generation);
    case 'live-migration-complete':
      return liveMigrationComplete(sim, task.vm, task.generation, task.from, task.purpose);
    case 'quick-migration-complete':
      return quickMigrationComplete(sim, task.vm, task.generation, task.to);
  }
}
