// The words and fields of conditions (RUNBOOK-FORMAT.md, "Conditions"), each with the terms it means.
// One table serves the schema (what may be written), the builder (what it means) and the messages.
import {
  drainStatuses,
  groupStates,
  heartbeats,
  vmStates,
  type NodeStateName,
} from '../targets/cluster-state.js';
import type { SubjectKind, Term } from './model.js';

/** Node states a runbook may name (`Unknown` is observed, never expected). */
export const nodeStateWords = ['Up', 'Down', 'Paused', 'Joining'] as const satisfies readonly NodeStateName[];

/** Each node word and the terms it stands for. */
export const nodeWords: Readonly<Record<string, readonly Term[]>> = {
  Up: [{ subject: 'node', field: 'state', anyOf: ['Up'] }],
  Down: [{ subject: 'node', field: 'state', anyOf: ['Down'] }],
  Paused: [{ subject: 'node', field: 'state', anyOf: ['Paused'] }],
  Joining: [{ subject: 'node', field: 'state', anyOf: ['Joining'] }],
  Isolated: [{ subject: 'node', field: 'isolated', anyOf: [true] }],
  Quarantined: [{ subject: 'node', field: 'quarantined', anyOf: [true] }],
  Normal: [
    { subject: 'node', field: 'isolated', anyOf: [false] },
    { subject: 'node', field: 'quarantined', anyOf: [false] },
  ],
};

/** Each VM word and the terms it stands for. */
export const vmWords: Readonly<Record<string, readonly Term[]>> = {
  ...Object.fromEntries(vmStates.map((s) => [s, [{ subject: 'vm', field: 'state', anyOf: [s] }] satisfies Term[]])),
  Unmonitored: [{ subject: 'vm', field: 'monitored', anyOf: [false] }],
  Monitored: [{ subject: 'vm', field: 'monitored', anyOf: [true] }],
  Online: [{ subject: 'vm', field: 'group', anyOf: ['Online'] }],
  Offline: [{ subject: 'vm', field: 'group', anyOf: ['Offline'] }],
  Failed: [{ subject: 'vm', field: 'group', anyOf: ['Failed'] }],
  HeartbeatLost: [{ subject: 'vm', field: 'heartbeat', anyOf: ['LostCommunication', 'NoContact'] }],
};

export const wordsFor = (kind: SubjectKind): Readonly<Record<string, readonly Term[]>> => (kind === 'node' ? nodeWords : vmWords);

/** Every word of either kind, for the schema and for suggestions. */
export const conditionWords: readonly string[] = [...new Set([...Object.keys(nodeWords), ...Object.keys(vmWords)])];

/** Fields of a condition mapping, per subject kind, with the values each accepts. */
export const nodeFields = {
  state: nodeStateWords,
  isolated: [true, false],
  quarantined: [true, false],
  drain: drainStatuses,
} as const;

export const vmFields = {
  state: vmStates,
  monitored: [true, false],
  heartbeat: heartbeats,
  group: groupStates.filter((g) => g !== 'PartialOnline'),
  owner: undefined, // a node: checked as a node reference
} as const;

export const fieldsFor = (kind: SubjectKind): readonly string[] => Object.keys(kind === 'node' ? nodeFields : vmFields);
