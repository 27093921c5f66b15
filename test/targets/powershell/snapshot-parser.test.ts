// The observation parser on hand-made agent JSON: unknown hosts, migrations in flight, codes the model has
// no name for, and non-VM groups.
import { describe, expect, it } from 'vitest';
import { BootTimeLedger } from '../../../src/targets/powershell/boot-time-ledger.js';
import { parseObservation } from '../../../src/targets/powershell/snapshot-parser.js';
import type { WireGroupColumns, WireObservation, WireVmColumns } from '../../../src/targets/powershell/wire-format.js';
import { columns } from './wire-columns.js';

type GroupRow = { [K in keyof WireGroupColumns]: WireGroupColumns[K][number] };
type VmRow = { [K in keyof WireVmColumns]: WireVmColumns[K][number] };
const groupKeys = ['name', 'ownerNode', 'state', 'stateName', 'statusInformation', 'groupType'] as const;
const vmKeys = ['name', 'state', 'stateName', 'heartbeat', 'heartbeatName', 'uptimeMs'] as const;
const host = (node: string, reachable: boolean, vms: VmRow[], error: string | null = null) => ({
  node,
  reachable,
  error,
  vms: columns(vms, vmKeys) as unknown as WireVmColumns,
});

const node = (name: string) => ({ name, state: 0, stateName: 'Up', statusInformation: 0, statusInformationName: 'Normal', drainStatus: 0, drainStatusName: 'NotInitiated' });
const group = (name: string, ownerNode: string, groupType = 111): GroupRow => ({ name, ownerNode, state: 0, stateName: 'Online', statusInformation: 0, groupType });
const vm = (name: string, state = 2, uptimeMs = 60_000): VmRow => ({ name, state, stateName: '', heartbeat: 6, heartbeatName: 'OkApplicationsHealthy', uptimeMs });
const observation = (groups: GroupRow[], hosts: ReturnType<typeof host>[]): WireObservation => ({
  takenAt: '2026-01-01T00:00:00Z',
  coordinator: 'HV01',
  nodes: [node('HV01'), node('HV02')],
  groups: columns(groups, groupKeys) as unknown as WireGroupColumns,
  hosts,
});

describe('parseObservation', () => {
  it('leaves state, heartbeat and boot time unknown when the owner cannot be queried', () => {
    const wire = observation([group('VM1', 'HV02')], [
      host('HV01', true, []),
      host('HV02', false, [], 'WinRM cannot complete the operation'),
    ]);
    const [v] = parseObservation(wire, 100_000, new BootTimeLedger()).vms;
    expect(v).toEqual({ name: 'VM1', owner: 'HV02', state: undefined, heartbeat: undefined, monitored: true, group: 'Online', bootTime: undefined });
  });

  it('reads a VM from another host while a migration is in flight, matching names case-insensitively', () => {
    const wire = observation([group('VM1', 'hv02')], [
      host('HV01', true, [vm('vm1')]),
      host('HV02', true, []),
    ]);
    const [v] = parseObservation(wire, 100_000, new BootTimeLedger()).vms;
    expect(v).toMatchObject({ state: 'Running', heartbeat: 'Ok', bootTime: 40_000 });
  });

  it('skips groups that are not virtual machines and reads transitional VM states as unknown', () => {
    const wire = observation([group('Cluster Group', 'HV01', 1), group('VM1', 'HV01')], [
      host('HV01', true, [vm('VM1', 32773)]),
      host('HV02', true, []),
    ]);
    const snapshot = parseObservation(wire, 1_000, new BootTimeLedger());
    expect(snapshot.vms.map((v) => v.name)).toEqual(['VM1']);
    expect(snapshot.vms[0]!.state).toBeUndefined();
  });

  it('reads node flags: Isolated and Quarantined are flags beside the state', () => {
    const wire: WireObservation = {
      ...observation([], []),
      nodes: [{ ...node('HV01'), state: 1, statusInformation: 3, drainStatus: 3 }, { ...node('HV02'), state: -1 }],
    };
    const nodes = parseObservation(wire, 0, new BootTimeLedger()).nodes;
    expect(nodes).toEqual([
      { name: 'HV01', state: 'Down', isolated: true, quarantined: true, drain: 'Failed' },
      { name: 'HV02', state: 'Unknown', isolated: false, quarantined: false, drain: 'NotInitiated' },
    ]);
  });
});
