// A runbook against a target before anything runs: names, driver support, the lab guard, expressions.
import { describe, expect, it } from 'vitest';
import { checkRunbookAgainstInventory, checkRunbookAgainstTarget, simulatedVmNames, staticInventoryOf } from '../../src/runbook/check-against-target.js';
import { parseRunbook } from '../../src/runbook/load-runbook.js';
import type { Runbook } from '../../src/runbook/model.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import type { Inventory } from '../../src/targets/cluster-state.js';
import type { PowerShellTargetConfig, SimulatedTargetConfig } from '../../src/targets/target-config.js';

function load(lines: readonly string[]): Runbook {
  const loaded = parseRunbook(lines.join('\n'), 'r.yaml');
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join('\n'));
  return loaded.runbook;
}

const simulated: SimulatedTargetConfig = defaultSimulatedConfig();
const realCluster = (overrides: Partial<PowerShellTargetConfig> = {}): PowerShellTargetConfig => ({
  driver: 'powershell',
  name: 'lab',
  cluster: 'c.example',
  nodes: ['HV01', 'HV02', 'HV03'],
  lab: true,
  transport: { kind: 'winrm' },
  credential: undefined,
  pwsh: 'pwsh',
  observeMs: 2_000,
  ...overrides,
});

const text = (diagnostics: readonly { line: number; column: number; message: string }[]) => diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);

describe('names of the simulated target', () => {
  it('numbers VMs VM0001.. across groups in order', () => {
    const names = simulatedVmNames(simulated);
    expect(names).toHaveLength(38);
    expect([names[0], names[23], names[24], names[37]]).toEqual(['VM0001', 'VM0024', 'VM0025', 'VM0038']);
  });

  it('refuses node, VM and NIC names the target does not have', () => {
    const runbook = load([
      'runbook: names',
      'steps:',
      '  - inject: fail-nic',
      '    node: HV01',
      '    nic: NIC9',
      '    expect:',
      '      - vm: VM0039',
      '        stays: Running',
      '        for: 1m',
      '      - vms: { on: HV07 }',
      '        drained: any',
      '        within: 1m',
      'rollback:',
      '  - do: move-vm',
      '    vm: VM0001',
      '    to: HV4',
    ]);
    expect(text(checkRunbookAgainstTarget(runbook, simulated))).toEqual([
      "3:5: target 'simulated' has no network adapter 'NIC9' (one of NIC1, NIC2, NIC3)",
      "7:9: target 'simulated' has no VM 'VM0039'",
      "10:20: target 'simulated' has no node 'HV07' (one of HV01, HV02, HV03, HV04)",
      "16:9: target 'simulated' has no node 'HV4', did you mean 'HV04'?",
    ]);
  });

  it('checks a var picked by name and what it excludes', () => {
    const runbook = load(['runbook: v', 'vars:', '  a: { node: HV9 }', '  b: { node: first, not: [$a, HV1] }', 'steps:', '  - wait: 1m']);
    expect(text(checkRunbookAgainstTarget(runbook, simulated))).toEqual([
      "3:3: target 'simulated' has no node 'HV9' (one of HV01, HV02, HV03, HV04)",
      "4:31: target 'simulated' has no node 'HV1', did you mean 'HV01'?",
    ]);
  });

  it('resolves picks against the inventory the target file describes', () => {
    const runbook = load([
      'runbook: picks',
      'vars:',
      '  a: { node: most-vms }',
      '  b: { node: first, not: $a }',
      '  c: { node: first, not: [$a, $b] }',
      '  d: { node: first, not: [$a, $b, $c] }',
      '  e: { node: first, not: [$a, $b, $c, $d] }',
      'steps:',
      '  - wait: 1m',
    ]);
    expect(text(checkRunbookAgainstTarget(runbook, simulated))).toEqual(['7:3: $e: no node left to pick (4 in the inventory, 4 excluded by not:)']);
    expect(text(checkRunbookAgainstTarget(runbook, realCluster()))).toEqual(['6:3: $d: no node left to pick (3 in the inventory, 3 excluded by not:)']);
  });

  it('places VMs round-robin in the static inventory, as the simulator does', () => {
    const inventory = staticInventoryOf(simulated);
    expect(inventory?.vms.slice(0, 5).map((v) => [v.name, v.owner])).toEqual([
      ['VM0001', 'HV01'],
      ['VM0002', 'HV02'],
      ['VM0003', 'HV03'],
      ['VM0004', 'HV04'],
      ['VM0005', 'HV01'],
    ]);
    expect(inventory?.vms.filter((v) => !v.resilient).map((v) => v.name)).toEqual(['VM0037', 'VM0038']);
  });

  it('leaves requires: to preflight (a cluster that does not meet it is exit 3, not invalid input)', () => {
    const runbook = load(['runbook: r', 'requires: { nodes: 5 }', 'steps:', '  - wait: 1m']);
    expect(text(checkRunbookAgainstTarget(runbook, simulated))).toEqual([]);
  });

  it('evaluates between windows written as expressions on this cluster', () => {
    const runbook = load([
      'runbook: e',
      'steps:',
      '  - wait: 1m',
      '    expect:',
      '      - node: HV01',
      '        becomes: Up',
      '        between: [cluster.heartbeatTimeout, 5s]',
      '      - node: HV01',
      '        becomes: Up',
      '        within: cluster.heartbeatTimeout - 1m',
    ]);
    expect(text(checkRunbookAgainstTarget(runbook, simulated))).toEqual([
      '7:19: between: min cluster.heartbeatTimeout (10000 ms) is after max 5s (5000 ms) on this cluster',
      "10:17: 'cluster.heartbeatTimeout - 1m' is negative on this cluster (-50000 ms)",
    ]);
  });
});

describe('a real cluster', () => {
  const destructive = load(['runbook: d', 'steps:', '  - inject: crash-cluster-service', '    node: HV01', '  - do: power-on-node', '    node: HV01']);

  it('refuses simulator-only faults and actions', () => {
    expect(text(checkRunbookAgainstTarget(destructive, realCluster()))).toEqual([
      "5:5: action 'power-on-node' is simulator only: the powershell target 'lab' cannot run it",
    ]);
  });

  it('refuses destructive faults on a target not marked lab', () => {
    expect(text(checkRunbookAgainstTarget(destructive, realCluster({ lab: false })))).toEqual([
      "3:5: fault 'crash-cluster-service' is destructive and target 'lab' is not marked 'lab: true'",
      "5:5: action 'power-on-node' is simulator only: the powershell target 'lab' cannot run it",
    ]);
  });

  it('checks node names only when the target file lists them', () => {
    const runbook = load(['runbook: n', 'steps:', '  - inject: crash-cluster-service', '    node: HV09']);
    expect(text(checkRunbookAgainstTarget(runbook, realCluster()))).toEqual(["4:11: target 'lab' has no node 'HV09' (one of HV01, HV02, HV03)"]);
    expect(text(checkRunbookAgainstTarget(runbook, realCluster({ nodes: undefined })))).toEqual([]);
  });

  it('checks every name against the inventory read at preflight', () => {
    const runbook = load(['runbook: i', 'steps:', '  - do: move-vm', '    vm: sql-01', '    to: HV02']);
    const inventory: Inventory = {
      cluster: simulated.cluster,
      nodes: [
        { name: 'HV01', networks: [] },
        { name: 'HV02', networks: [] },
      ],
      vms: [{ name: 'sql-02', owner: 'HV01', storage: 'csv', memoryBytes: 1, configVersion: '9.0', resilient: true }],
    };
    expect(text(checkRunbookAgainstInventory(runbook, realCluster({ nodes: undefined }), inventory))).toEqual([
      "3:5: target 'lab' has no VM 'sql-01', did you mean 'sql-02'?",
    ]);
  });
});
