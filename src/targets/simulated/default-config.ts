// The embedded default simulated cluster, equal to targets/simulated.yaml in RUNBOOK-FORMAT.md.
// Tests and benchmarks build their clusters from it instead of parsing YAML.
import type { SimulatedTargetConfig, VmGroupConfig } from '../target-config.js';

const GiB = 1024 ** 3;

/** Names HV01..HVnn, the way the target file's `nodes: <count>` names them. */
export function nodeNames(count: number, prefix = 'HV'): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`);
}

/** One VM group of the `vms:` block, with the format's defaults. */
export function vmGroup(count: number, storage: 'csv' | 'smb', memoryGiB: number, configVersion = '8.0'): VmGroupConfig {
  return { count, storage, memoryBytes: memoryGiB * GiB, configVersion, prefix: 'VM' };
}

/** targets/simulated.yaml: 4 nodes, two networks, 38 VMs, Windows Server 2016 defaults. */
export function defaultSimulatedConfig(): SimulatedTargetConfig {
  return {
    driver: 'simulated',
    name: 'simulated',
    seed: 1,
    lab: false,
    cluster: {
      name: 'HVC01',
      resiliencyLevel: 'AlwaysIsolate',
      resiliencyDefaultPeriodMs: 240_000,
      quarantineThreshold: 3,
      quarantineDurationMs: 7_200_000,
      heartbeatDelayMs: 1_000,
      heartbeatThreshold: 10,
      liveMigrationConcurrent: 2,
      liveMigrationBandwidthBps: 10e9,
      quarantineCapFraction: 0.25,
    },
    nodes: nodeNames(4),
    networks: [
      { name: 'Management', nics: ['NIC1', 'NIC2'] },
      { name: 'Cluster', nics: ['NIC3'] },
    ],
    vms: [vmGroup(24, 'csv', 8), vmGroup(12, 'smb', 4), vmGroup(2, 'csv', 2, '5.0')],
    behaviour: {
      serviceRestartMs: 60_000,
      joinMs: 5_000,
      failoverStartMs: 30_000,
      powerOnBootMs: 180_000,
      liveMigrationSetupMs: 2_000,
      quickMigrationMs: 10_000,
      jitter: 0,
    },
    bugs: [],
    observeMs: 2_000,
  };
}
