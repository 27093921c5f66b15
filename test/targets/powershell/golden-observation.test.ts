// Golden tests: the agent's shaping functions applied to recorded-style Get-ClusterNode, Get-ClusterGroup
// and Get-VM objects give exactly the golden agent JSON; that JSON parses into the expected Snapshot with
// the enum codes of SIMULATOR.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentDirectory } from '../../../src/targets/powershell/agent-location.js';
import { BootTimeLedger } from '../../../src/targets/powershell/boot-time-ledger.js';
import { parseObservation } from '../../../src/targets/powershell/snapshot-parser.js';
import { checkObservation } from '../../../src/targets/powershell/wire-format.js';
import { shapingFunctions, type ShapingFunction } from './shaping-evaluator.js';

const golden = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, 'golden', name), 'utf8'));
const script = (name: string) => readFileSync(join(agentDirectory(), 'remote', name), 'utf8');

interface Recorded {
  readonly 'Get-ClusterNode': readonly unknown[];
  readonly 'Get-ClusterGroup': readonly unknown[];
  readonly 'Get-VM': Readonly<Record<string, readonly unknown[]>>;
}
interface AgentObservation {
  readonly cluster: { readonly nodes: unknown[]; readonly groups: unknown[] };
  readonly hosts: readonly { readonly node: string; readonly vms: unknown[] }[];
}

const recorded = golden('recorded-objects.json') as Recorded;
const expectedWire = golden('agent-observation.json') as AgentObservation;

async function shaping(file: string, name: string): Promise<ShapingFunction> {
  const fn = (await shapingFunctions(script(file))).get(name);
  if (!fn) throw new Error(`${file} has no shaping function ${name}`);
  return fn;
}

describe('golden agent JSON', () => {
  it('ConvertTo-DrillNode shapes recorded Get-ClusterNode objects into the golden nodes', async () => {
    const toNode = await shaping('observe-cluster.ps1', 'ConvertTo-DrillNode');
    expect(recorded['Get-ClusterNode'].map(toNode)).toEqual(expectedWire.cluster.nodes);
  });

  it('ConvertTo-DrillGroup shapes recorded Get-ClusterGroup objects into the golden groups', async () => {
    const toGroup = await shaping('observe-cluster.ps1', 'ConvertTo-DrillGroup');
    expect(recorded['Get-ClusterGroup'].map(toGroup)).toEqual(expectedWire.cluster.groups);
  });

  it('ConvertTo-DrillVm shapes recorded Get-VM objects of each host into the golden VMs', async () => {
    const toVm = await shaping('observe-host.ps1', 'ConvertTo-DrillVm');
    for (const host of expectedWire.hosts) {
      expect(recorded['Get-VM'][host.node]!.map(toVm)).toEqual(host.vms);
    }
  });

  it('every enum leaves the node as an explicit int and string pair', async () => {
    const toNode = await shaping('observe-cluster.ps1', 'ConvertTo-DrillNode');
    const shaped = toNode(recorded['Get-ClusterNode'][1]);
    for (const field of ['state', 'statusInformation', 'drainStatus']) {
      expect(typeof shaped[field]).toBe('number');
      expect(typeof shaped[`${field}Name`]).toBe('string');
    }
  });

  it('the evaluator rejects a shaping function that reads something other than its parameter', async () => {
    const broken = 'function ConvertTo-DrillNode { param($ClusterNode)\n [ordered]@{ name = [string]$Other.Name } }';
    await expect(shapingFunctions(broken)).rejects.toThrow(/reads \$Other, not the parameter/);
  });

  it('the golden agent JSON parses into the expected snapshot (SIMULATOR.md codes)', () => {
    const wire = checkObservation(expectedWire);
    if (!wire.ok) throw new Error(wire.message);
    const snapshot = parseObservation(wire.value, 1_000_000, new BootTimeLedger());
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(golden('expected-snapshot.json'));
  });
});
