// Guards over untrusted agent output: each checks the JSON field by field, in place (8,000 VMs are not
// copied), and says where it is wrong (`result.hosts[2].vms.state[17]: expected an integer`).
import type {
  WireClusterSettings,
  WireGroupColumns,
  WireHost,
  WireInventory,
  WireNode,
  WireObservation,
  WireVmColumns,
} from './wire-format.js';

/** Result of a guard: the typed value, or where and why the agent's JSON is wrong. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

class WireError extends Error {}

type Obj = Record<string, unknown>;

// Each reader throws a WireError naming the path; the exported guards turn it into a Checked result.
const obj = (v: unknown, at: string): Obj => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WireError(`${at}: expected an object`);
  return v as Obj;
};
const arr = (v: unknown, at: string): readonly unknown[] => {
  if (!Array.isArray(v)) throw new WireError(`${at}: expected an array`);
  return v;
};
const str = (o: Obj, key: string, at: string): string => {
  const v = o[key];
  if (typeof v !== 'string') throw new WireError(`${at}.${key}: expected a string`);
  return v;
};
const int = (o: Obj, key: string, at: string): number => {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new WireError(`${at}.${key}: expected an integer`);
  return v;
};
const num = (o: Obj, key: string, at: string): number => {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new WireError(`${at}.${key}: expected a non-negative number`);
  return v;
};
const strOrNull = (o: Obj, key: string, at: string): string | null => (o[key] === null ? null : str(o, key, at));
const bool = (o: Obj, key: string, at: string): boolean => {
  const v = o[key];
  if (typeof v !== 'boolean') throw new WireError(`${at}.${key}: expected true or false`);
  return v;
};

function readNode(v: unknown, at: string): WireNode {
  const o = obj(v, at);
  return {
    name: str(o, 'name', at),
    state: int(o, 'state', at),
    stateName: str(o, 'stateName', at),
    statusInformation: int(o, 'statusInformation', at),
    statusInformationName: str(o, 'statusInformationName', at),
    drainStatus: int(o, 'drainStatus', at),
    drainStatusName: str(o, 'drainStatusName', at),
  };
}

const isString = (v: unknown): boolean => typeof v === 'string';
const isInteger = (v: unknown): boolean => Number.isInteger(v);
const isIntegerOrNull = (v: unknown): boolean => v === null || Number.isInteger(v);
const isDuration = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v >= 0;

// One column: an array of `length` values that all pass `check`. Checked in place, never copied.
function column<T>(o: Obj, key: string, at: string, length: number | undefined, check: (v: unknown) => boolean, expected: string): readonly T[] {
  const values = o[key];
  if (!Array.isArray(values)) throw new WireError(`${at}.${key}: expected an array (a column)`);
  if (length !== undefined && values.length !== length) {
    throw new WireError(`${at}.${key}: has ${values.length} values, the other columns ${length}`);
  }
  for (let i = 0; i < values.length; i++) {
    if (!check(values[i])) throw new WireError(`${at}.${key}[${i}]: expected ${expected}`);
  }
  return values as T[];
}

function readGroupColumns(v: unknown, at: string): WireGroupColumns {
  const o = obj(v, at);
  const name = column<string>(o, 'name', at, undefined, isString, 'a string');
  const n = name.length;
  return {
    name,
    ownerNode: column<string>(o, 'ownerNode', at, n, isString, 'a string'),
    state: column<number>(o, 'state', at, n, isInteger, 'an integer'),
    stateName: column<string>(o, 'stateName', at, n, isString, 'a string'),
    statusInformation: column<number>(o, 'statusInformation', at, n, isInteger, 'an integer'),
    groupType: column<number>(o, 'groupType', at, n, isInteger, 'an integer'),
  };
}

function readVmColumns(v: unknown, at: string): WireVmColumns {
  const o = obj(v, at);
  const name = column<string>(o, 'name', at, undefined, isString, 'a string');
  const n = name.length;
  return {
    name,
    state: column<number>(o, 'state', at, n, isInteger, 'an integer'),
    stateName: column<string>(o, 'stateName', at, n, isString, 'a string'),
    heartbeat: column<number | null>(o, 'heartbeat', at, n, isIntegerOrNull, 'an integer or null'),
    heartbeatName: column<string>(o, 'heartbeatName', at, n, isString, 'a string'),
    uptimeMs: column<number>(o, 'uptimeMs', at, n, isDuration, 'a non-negative number'),
  };
}

function readHost(v: unknown, at: string): WireHost {
  const o = obj(v, at);
  return {
    node: str(o, 'node', at),
    reachable: bool(o, 'reachable', at),
    error: strOrNull(o, 'error', at),
    vms: readVmColumns(o['vms'], `${at}.vms`),
  };
}

function readIsoTime(o: Obj, key: string, at: string): string {
  const s = str(o, key, at);
  if (Number.isNaN(Date.parse(s))) throw new WireError(`${at}.${key}: expected an ISO 8601 time, got "${s}"`);
  return s;
}

// The agent sends {cluster: <coordinator's reading>, hosts: [<each host's reading>]}, joined as JSON text.
function readObservation(v: unknown): WireObservation {
  const o = obj(v, 'result');
  const c = obj(o['cluster'], 'result.cluster');
  return {
    takenAt: readIsoTime(c, 'takenAt', 'result.cluster'),
    coordinator: str(c, 'coordinator', 'result.cluster'),
    nodes: arr(c['nodes'], 'result.cluster.nodes').map((x, i) => readNode(x, `result.cluster.nodes[${i}]`)),
    groups: readGroupColumns(c['groups'], 'result.cluster.groups'),
    hosts: arr(o['hosts'], 'result.hosts').map((x, i) => readHost(x, `result.hosts[${i}]`)),
  };
}

function readSettings(v: unknown, at: string): WireClusterSettings {
  const o = obj(v, at);
  return {
    name: str(o, 'name', at),
    resiliencyLevel: int(o, 'resiliencyLevel', at),
    resiliencyLevelName: str(o, 'resiliencyLevelName', at),
    resiliencyDefaultPeriodS: num(o, 'resiliencyDefaultPeriodS', at),
    quarantineThreshold: int(o, 'quarantineThreshold', at),
    quarantineDurationS: num(o, 'quarantineDurationS', at),
    sameSubnetDelayMs: num(o, 'sameSubnetDelayMs', at),
    sameSubnetThreshold: int(o, 'sameSubnetThreshold', at),
    crossSubnetThreshold: int(o, 'crossSubnetThreshold', at),
    liveMigrationConcurrent: int(o, 'liveMigrationConcurrent', at),
    liveMigrationBandwidthBps: num(o, 'liveMigrationBandwidthBps', at),
  };
}

function readInventory(v: unknown): WireInventory {
  const o = obj(v, 'result');
  return {
    cluster: readSettings(o['cluster'], 'result.cluster'),
    nodes: arr(o['nodes'], 'result.nodes').map((x, i) => {
      const at = `result.nodes[${i}]`;
      const n = obj(x, at);
      return {
        name: str(n, 'name', at),
        networks: arr(n['networks'], `${at}.networks`).map((y, j) => {
          const nat = `${at}.networks[${j}]`;
          const net = obj(y, nat);
          const nics = arr(net['nics'], `${nat}.nics`).map((z, k) => {
            if (typeof z !== 'string') throw new WireError(`${nat}.nics[${k}]: expected a string`);
            return z;
          });
          return { name: str(net, 'name', nat), nics };
        }),
      };
    }),
    vms: arr(o['vms'], 'result.vms').map((x, i) => {
      const at = `result.vms[${i}]`;
      const m = obj(x, at);
      return {
        name: str(m, 'name', at),
        owner: str(m, 'owner', at),
        path: str(m, 'path', at),
        memoryStartupBytes: num(m, 'memoryStartupBytes', at),
        configVersion: str(m, 'configVersion', at),
      };
    }),
  };
}

// Runs a reader and turns its WireError into data; any other error is a bug and propagates.
function guard<T>(read: (v: unknown) => T, v: unknown): Checked<T> {
  try {
    return { ok: true, value: read(v) };
  } catch (error) {
    if (error instanceof WireError) return { ok: false, message: error.message };
    throw error;
  }
}

export const checkObservation = (v: unknown): Checked<WireObservation> => guard(readObservation, v);
export const checkInventory = (v: unknown): Checked<WireInventory> => guard(readInventory, v);
