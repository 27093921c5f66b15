// Builds the initial model from a target config: every node Up and Normal, VMs named VM0001.. in
// order across groups and spread round-robin over the nodes, all Running.
import type { SimulatedTargetConfig } from '../target-config.js';
import type { ClusterModel, NodeModel, VmModel } from './model.js';
import { seedState } from './seeded-random.js';

/** Compute resiliency covers configuration version 8.0 (Windows Server 2016) and later ([C2]/[I]). */
export const resilientMinimumVersion = [8, 0] as const;

/** Whether a configuration version is covered by compute resiliency. */
export function isResilientVersion(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major > resilientMinimumVersion[0] || (major === resilientMinimumVersion[0] && minor >= resilientMinimumVersion[1]);
}

/** A node as it is at the start of a run: Up, Normal, service running, every adapter working. */
function freshNode(name: string): NodeModel {
  return {
    name,
    state: 'Up',
    isolated: false,
    quarantined: false,
    quarantineUntil: undefined,
    drain: 'NotInitiated',
    drainPurpose: undefined,
    service: 'running',
    powered: true,
    booting: false,
    partitioned: false,
    failedNics: [],
    storageLost: false,
    isolations: [],
    migrationQueue: [],
    migrationsInFlight: 0,
    drainedVms: [],
    timers: { nics: {} },
  };
}

/** The model of a freshly built cluster, its PRNG seeded. */
export function buildModel(config: SimulatedTargetConfig, seed: number, startTime: number): ClusterModel {
  const nodes = config.nodes.map(freshNode);
  const vms: VmModel[] = [];
  let number = 1;
  for (const group of config.vms) {
    const resilient = isResilientVersion(group.configVersion);
    for (let k = 0; k < group.count; k++, number++) {
      const owner = (number - 1) % nodes.length;
      vms.push({
        name: `${group.prefix}${String(number).padStart(4, '0')}`,
        storage: group.storage,
        memoryBytes: group.memoryBytes,
        configVersion: group.configVersion,
        resilient,
        owner,
        power: 'running',
        // Guests booted before the run; the time is negative on the run's clock ([I] one hour earlier).
        bootTime: startTime - 3_600_000,
        group: 'Online',
        frozen: false,
        stuckHeartbeat: false,
        generation: 0,
        migratingTo: undefined,
        awaitingPlacement: false,
        thawTimer: undefined,
        shown: { state: 'Running', heartbeat: 'Ok', monitored: true, group: 'Online', owner },
      });
    }
  }
  return { nodes, vms, rng: seedState(seed) };
}
