// Decoding agent output lines, and the guards that check the agent's JSON field by field.
import { describe, expect, it } from 'vitest';
import { decodeResponse, encodeRequest } from '../../../src/targets/powershell/protocol.js';
import { checkInventory, checkObservation } from '../../../src/targets/powershell/wire-guards.js';

describe('decodeResponse', () => {
  it('reads results and errors, and keeps only the error codes the protocol defines', () => {
    expect(decodeResponse('{"id":3,"ok":true,"result":{"a":1}}')).toEqual({ ok: true, response: { id: 3, ok: true, result: { a: 1 } } });
    expect(decodeResponse('{"id":4,"ok":false,"error":{"code":"unknown-name","message":"no HV9","retryable":false}}')).toEqual({
      ok: true,
      response: { id: 4, ok: false, error: { code: 'unknown-name', message: 'no HV9', retryable: false } },
    });
    const odd = decodeResponse('{"id":5,"ok":false,"error":{"code":"Exception","message":"boom"}}');
    expect(odd).toEqual({ ok: true, response: { id: 5, ok: false, error: { code: 'refused', message: 'boom', retryable: false } } });
  });

  it('says why a line is not a response', () => {
    expect(decodeResponse('WARNING: something')).toEqual({ ok: false, problem: 'not JSON' });
    expect(decodeResponse('[1,2]')).toEqual({ ok: false, problem: 'not a JSON object' });
    expect(decodeResponse('{"ok":true,"result":1}')).toEqual({ ok: false, problem: 'no integer "id"' });
    expect(decodeResponse('{"id":1,"ok":true}')).toEqual({ ok: false, problem: 'response 1 has no "result"' });
    expect(decodeResponse('{"id":1,"ok":false,"error":{}}')).toEqual({ ok: false, problem: 'response 1 has no "error" with a message' });
    expect(decodeResponse('{"id":1,"result":1}')).toEqual({ ok: false, problem: 'response 1 has no boolean "ok"' });
  });

  it('encodes one request per line', () => {
    expect(encodeRequest({ id: 1, op: 'observe', at: 2_000, params: {} })).toBe('{"id":1,"op":"observe","at":2000,"params":{}}\n');
  });
});

const node = { name: 'HV01', state: 0, stateName: 'Up', statusInformation: 0, statusInformationName: 'Normal', drainStatus: 0, drainStatusName: 'NotInitiated' };
const groups = { name: ['VM1'], ownerNode: ['HV01'], state: [0], stateName: ['Online'], statusInformation: [0], groupType: [111] };
const vms = { name: ['VM1'], state: [2], stateName: ['Running'], heartbeat: [null], heartbeatName: [''], uptimeMs: [5] };
const observation = (patch: (o: { cluster: Record<string, unknown>; hosts: Record<string, unknown>[] }) => void) => {
  const o = {
    cluster: { takenAt: '2026-01-01T00:00:00.0000000Z', coordinator: 'HV01', nodes: [{ ...node }], groups: structuredClone(groups) },
    hosts: [{ node: 'HV01', reachable: true, error: null, vms: structuredClone(vms) }],
  };
  patch(o);
  return o;
};

describe('checkObservation', () => {
  it('accepts a well-formed observation', () => {
    expect(checkObservation(observation(() => undefined)).ok).toBe(true);
  });

  it.each([
    [(o: { cluster: Record<string, unknown> }) => (o.cluster['takenAt'] = '\\/Date(1700000000000)\\/'), 'result.cluster.takenAt: expected an ISO 8601 time, got "\\/Date(1700000000000)\\/"'],
    [(o: { cluster: Record<string, unknown> }) => ((o.cluster['nodes'] as Record<string, unknown>[])[0]!['state'] = 'Up'), 'result.cluster.nodes[0].state: expected an integer'],
    [(o: { cluster: Record<string, unknown> }) => ((o.cluster['groups'] as Record<string, unknown[]>)['state'] = [0, 1]), 'result.cluster.groups.state: has 2 values, the other columns 1'],
    [(o: { hosts: Record<string, unknown>[] }) => ((o.hosts[0]!['vms'] as Record<string, unknown[]>)['uptimeMs'] = [-1]), 'result.hosts[0].vms.uptimeMs[0]: expected a non-negative number'],
    [(o: { hosts: Record<string, unknown>[] }) => (o.hosts[0]!['reachable'] = 'yes'), 'result.hosts[0].reachable: expected true or false'],
  ] as const)('names the bad field (%#)', (patch, message) => {
    expect(checkObservation(observation(patch as (o: unknown) => void))).toEqual({ ok: false, message });
  });
});

describe('checkInventory', () => {
  it('names the bad field of an inventory', () => {
    const inventory = {
      cluster: { name: 'HVC01', resiliencyLevel: 2, resiliencyLevelName: 'AlwaysIsolate', resiliencyDefaultPeriodS: 240, quarantineThreshold: 3, quarantineDurationS: 7200, sameSubnetDelayMs: 1000, sameSubnetThreshold: 10, crossSubnetThreshold: 20, liveMigrationConcurrent: 2, liveMigrationBandwidthBps: 1e10 },
      nodes: [{ name: 'HV01', networks: [{ name: 'Cluster', nics: ['NIC1', 3] }] }],
      vms: [],
    };
    expect(checkInventory(inventory)).toEqual({ ok: false, message: 'result.nodes[0].networks[0].nics[1]: expected a string' });
  });
});
