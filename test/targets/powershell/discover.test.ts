// `drill discover`: the twin of a cluster read through the fake pwsh is a valid simulated target file
// whose simulator reports the same inventory and settings as the cluster it was read from.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDiscover } from '../../../src/cli/discover.js';
import { DrillError } from '../../../src/errors/drill-error.js';
import { loadTargetFile } from '../../../src/runbook/load-target-file.js';
import type { Inventory } from '../../../src/targets/cluster-state.js';
import { defaultSimulatedConfig } from '../../../src/targets/simulated/default-config.js';
import { createSimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import { twinTargetYaml } from '../../../src/targets/powershell/twin.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { fakePwshPath, requireBuiltSimulator, scratch } from './fake-pwsh.js';

// A lab target file pointing at the fake pwsh.
function labTargetFile(dir: string, pwsh = fakePwshPath): string {
  const path = join(dir, 'lab.yaml');
  writeFileSync(path, ['target: lab-hvc01', 'driver: powershell', 'cluster: hvc01.lab.example.com', 'lab: true', `pwsh: ${JSON.stringify(pwsh)}`, ''].join('\n'));
  return path;
}

describe('drill discover', () => {
  it('writes a twin whose simulator has the inventory and settings of the cluster read', async () => {
    requireBuiltSimulator();
    const dir = scratch();
    const out = join(dir, 'twin.yaml');
    const printed: string[] = [];
    const status = await runDiscover(labTargetFile(dir), { write: out, print: (l) => printed.push(l) });
    expect(status).toBe(0);
    expect(printed).toEqual([`wrote ${out}: 4 nodes, 38 VMs in 3 kinds, settings of HVC01`]);
    const loaded = await loadTargetFile(out);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.target.config).toMatchObject({ driver: 'simulated', name: 'lab-hvc01-twin' });
    if (loaded.target.config.driver !== 'simulated') return;
    const twin = await createSimulatedTarget(loaded.target.config, new VirtualClock()).inventory();
    const original = await createSimulatedTarget(defaultSimulatedConfig(), new VirtualClock()).inventory();
    expect(twin.ok && original.ok).toBe(true);
    if (twin.ok && original.ok) expect(twin.value).toEqual(original.value);
  });

  it('refuses a simulated target: there is nothing to discover', async () => {
    const dir = scratch();
    const path = join(dir, 'sim.yaml');
    writeFileSync(path, 'target: sim\ndriver: simulated\n');
    await expect(runDiscover(path, { write: join(dir, 'out.yaml') })).rejects.toMatchObject({ code: 'invalid-input', exitStatus: 2 });
  });

  it('an unreachable cluster is a target error (exit 3) and writes nothing', async () => {
    const dir = scratch();
    const out = join(dir, 'never.yaml');
    const error = await runDiscover(labTargetFile(dir, '/nonexistent/pwsh'), { write: out }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrillError);
    expect(error).toMatchObject({ code: 'target-unreachable', exitStatus: 3 });
    expect(() => readFileSync(out)).toThrow();
  });

  it('keeps odd names quoted, sizes exact, and says when nodes differ in networks', async () => {
    const inventory: Inventory = {
      cluster: { ...defaultSimulatedConfig().cluster, name: 'HV C 01', liveMigrationBandwidthBps: 2.5e9, resiliencyDefaultPeriodMs: 0 },
      nodes: [
        { name: 'N1', networks: [{ name: 'Mgmt Net', nics: ['Ethernet 1', 'Ethernet 2'] }] },
        { name: 'N2', networks: [{ name: 'Mgmt Net', nics: ['Ethernet 3'] }] },
      ],
      vms: [
        { name: 'a', owner: 'N1', storage: 'smb', memoryBytes: 1536 * 1024 ** 2, configVersion: '9.0', resilient: true },
        { name: 'b', owner: 'N2', storage: 'csv', memoryBytes: 4 * 1024 ** 3, configVersion: '5.0', resilient: false },
        { name: 'c', owner: 'N1', storage: 'smb', memoryBytes: 1536 * 1024 ** 2, configVersion: '9.0', resilient: true },
      ],
    };
    const yaml = twinTargetYaml(inventory, { name: 'odd', source: 'lab.yaml', readAt: '2026-01-01T00:00:00.000Z' });
    expect(yaml).toContain('  name: "HV C 01"');
    expect(yaml).toContain('  resiliencyDefaultPeriod: 0s');
    expect(yaml).toContain('bandwidth: 2500Mbps');
    expect(yaml).toContain("# nodes N2 have other networks; the twin gives every node N1's");
    expect(yaml).toContain('  - { name: "Mgmt Net", nics: ["Ethernet 1", "Ethernet 2"] }');
    expect(yaml).toContain('  - { count: 2, storage: smb, memory: 1536MiB, configVersion: "9.0" }');
    const path = join(scratch(), 'odd.yaml');
    writeFileSync(path, yaml);
    const loaded = await loadTargetFile(path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    expect(loaded.target.config.driver === 'simulated' && loaded.target.config.cluster.liveMigrationBandwidthBps).toBe(2.5e9);
  });
});
