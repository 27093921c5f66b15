// The agent's inventory into the model: storage from paths, resiliency from configuration versions, settings in ms.
import { describe, expect, it } from 'vitest';
import { parseInventory, storageOf, versionAtLeast } from '../../../src/targets/powershell/inventory-parser.js';
import type { WireInventory } from '../../../src/targets/powershell/wire-format.js';

const wire = (level = 2, path = 'C:\\ClusterStorage\\Volume1\\VM1'): WireInventory => ({
  cluster: { name: 'HVC01', resiliencyLevel: level, resiliencyLevelName: 'AlwaysIsolate', resiliencyDefaultPeriodS: 240, quarantineThreshold: 3, quarantineDurationS: 7200, sameSubnetDelayMs: 1000, sameSubnetThreshold: 10, crossSubnetThreshold: 20, liveMigrationConcurrent: 2, liveMigrationBandwidthBps: 1e10 },
  nodes: [{ name: 'HV01', networks: [{ name: 'Cluster', nics: ['NIC1', 'NIC2'] }] }],
  vms: [
    { name: 'VM1', owner: 'HV01', path, memoryStartupBytes: 8 * 1024 ** 3, configVersion: '8.0' },
    { name: 'VM2', owner: 'HV01', path: '\\\\SOFS\\VMs\\VM2', memoryStartupBytes: 1024 ** 3, configVersion: '5.0' },
  ],
});

describe('parseInventory', () => {
  it('reads settings in ms, storage from paths and resiliency from configuration versions', () => {
    const inventory = parseInventory(wire());
    if (typeof inventory === 'string') throw new Error(inventory);
    expect(inventory.cluster).toMatchObject({ resiliencyLevel: 'AlwaysIsolate', resiliencyDefaultPeriodMs: 240_000, quarantineDurationMs: 7_200_000, heartbeatDelayMs: 1_000, heartbeatThreshold: 10, quarantineCapFraction: 0.25 });
    expect(inventory.vms.map((v) => [v.storage, v.resilient])).toEqual([['csv', true], ['smb', false]]);
  });

  it('says what it cannot model', () => {
    expect(parseInventory(wire(0))).toBe('cluster ResiliencyLevel 0 (AlwaysIsolate) is not one drill knows');
    expect(parseInventory(wire(2, 'D:\\VMs\\VM1'))).toBe('VM VM1: its files at "D:\\VMs\\VM1" are neither on a cluster shared volume nor on an SMB share');
  });

  it('compares versions numerically and paths case-insensitively', () => {
    expect(versionAtLeast('10.0', '8.0')).toBe(true);
    expect(versionAtLeast('7.1', '8.0')).toBe(false);
    expect(versionAtLeast('8.0', '8.0')).toBe(true);
    expect(storageOf('c:\\clusterstorage\\volume2\\x')).toBe('csv');
  });
});
