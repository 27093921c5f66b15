// Golden tests: the agent's shaping functions applied to recorded-style Get-ClusterNode, Get-ClusterGroup
// and Get-VM objects give exactly the golden agent JSON; that JSON parses into the expected Snapshot with
// the enum codes of SIMULATOR.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentDirectory } from '../../../src/targets/powershell/agent-location.js';
import { BootTimeLedger } from '../../../src/targets/powershell/boot-time-ledger.js';
import { parseObservation } from '../../../src/targets/powershell/snapshot-parser.js';
import { checkObservation } from '../../../src/targets/powershell/wire-guards.js';
import { shapingFunctions, type ShapingFunction } from './shaping-evaluator.js';
import { columns } from './wire-columns.js';

const golden = (name: string): unknown => JSON.parse(readFileSync(join(import.meta.dirname, 'golden', name), 'utf8'));
const script = (name: string) => readFileSync(join(agentDirectory(), 'remote', name), 'utf8');

interface Recorded {
  readonly 'Get-ClusterNode': readonly unknown[];
  readonly 'Get-ClusterGroup': readonly unknown[];
  readonly 'Get-VM': Readonly<Record<string, readonly unknown[]>>;
}
interface AgentObservation {
  readonly cluster: { readonly nodes: unknown[]; readonly groups: Record<string, unknown[]> };
  readonly hosts: readonly { readonly node: string; readonly vms: Record<string, unknown[]> }[];
}
/** The same golden data as rows, one object per group and VM (what each shaping function returns). */
interface AgentRows {
  readonly groups: Record<string, unknown>[];
  readonly hosts: Record<string, Record<string, unknown>[]>;
}

const recorded = golden('recorded-objects.json') as Recorded;
const expectedWire = golden('agent-observation.json') as AgentObservation;
const expectedRows = golden('agent-rows.json') as AgentRows;
const groupKeys = ['name', 'ownerNode', 'state', 'stateName', 'statusInformation', 'groupType'];
const vmKeys = ['name', 'state', 'stateName', 'heartbeat', 'heartbeatName', 'uptimeMs'];

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
    const rows = recorded['Get-ClusterGroup'].map(toGroup);
    expect(rows).toEqual(expectedRows.groups);
    expect(columns(rows, groupKeys)).toEqual(expectedWire.cluster.groups);
  });

  it('ConvertTo-DrillVm shapes recorded Get-VM objects of each host into the golden VMs', async () => {
    const toVm = await shaping('observe-host.ps1', 'ConvertTo-DrillVm');
    for (const host of expectedWire.hosts) {
      const rows = recorded['Get-VM'][host.node]!.map(toVm);
      expect(rows).toEqual(expectedRows.hosts[host.node]);
      expect(columns(rows, vmKeys)).toEqual(host.vms);
    }
  });

  it('the scripts turn into columns exactly the keys their shaping functions emit, in order', async () => {
    const keysIn = (file: string, variable: string) => {
      const list = new RegExp(`\\$${variable} = @\\(([^)]*)\\)`).exec(script(file))?.[1] ?? '';
      return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    };
    const toVm = await shaping('observe-host.ps1', 'ConvertTo-DrillVm');
    const toGroup = await shaping('observe-cluster.ps1', 'ConvertTo-DrillGroup');
    expect(keysIn('observe-host.ps1', 'vmKeys')).toEqual(Object.keys(toVm(recorded['Get-VM']['HV01']![0])));
    expect(keysIn('observe-cluster.ps1', 'groupKeys')).toEqual(Object.keys(toGroup(recorded['Get-ClusterGroup'][0])));
    expect(keysIn('observe-host.ps1', 'vmKeys')).toEqual(vmKeys);
    expect(keysIn('observe-cluster.ps1', 'groupKeys')).toEqual(groupKeys);
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
