// The shipped simulated target files load into the configs the simulator is tested with.
import { describe, expect, it } from 'vitest';
import { loadTargetFile } from '../../../src/runbook/load-target-file.js';
import { defaultSimulatedConfig } from '../../../src/targets/simulated/default-config.js';
import { createSimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';

describe('shipped simulated target files', () => {
  it('targets/simulated.yaml is defaultSimulatedConfig()', async () => {
    const loaded = await loadTargetFile('targets/simulated.yaml');
    expect(loaded.ok ? loaded.target.config : loaded.diagnostics).toEqual(defaultSimulatedConfig());
  });

  it('targets/scale.yaml is 64 nodes and 8,000 VMs, 125 a node', async () => {
    const loaded = await loadTargetFile('targets/scale.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const config = loaded.target.config;
    if (config.driver !== 'simulated') throw new Error('not simulated');
    const target = createSimulatedTarget(config, new VirtualClock());
    const snapshot = target.snapshot();
    expect(snapshot.nodes).toHaveLength(64);
    expect(snapshot.nodes[63]!.name).toBe('HV64');
    expect(snapshot.vms).toHaveLength(8000);
    expect(snapshot.vms[7999]!.name).toBe('VM8000');
    const perNode = new Map<string, number>();
    for (const vm of snapshot.vms) perNode.set(vm.owner, (perNode.get(vm.owner) ?? 0) + 1);
    expect(new Set(perNode.values())).toEqual(new Set([125]));
  });
});
