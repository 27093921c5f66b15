// Runbooks for engine tests, built directly from the model types (no YAML loader), with a tiny
// duration evaluator and var resolver standing in for the loader's.
import type { SourcePosition } from '../../src/errors/drill-error.js';
import type {
  AbortCondition,
  ActionSpec,
  Condition,
  Duration,
  Expectation,
  FaultSpec,
  MemberCondition,
  NodeRef,
  Predicate,
  RollbackEntry,
  Runbook,
  RunSettings,
  SteadyStateCheck,
  Step,
  Subject,
  Term,
  VarDefinition,
  Window,
} from '../../src/runbook/model.js';
import type { ClusterSettings, Inventory } from '../../src/targets/cluster-state.js';
import type { EvaluateDuration, ResolveVars } from '../../src/engine/plan.js';

export const at: SourcePosition = { file: 'test.yaml', line: 1, column: 1 };

/** A literal duration in ms. */
export const ms = (n: number): Duration => ({ text: `${n}ms`, expr: { kind: 'literal', ms: n }, at });
export const s = (n: number): Duration => ({ text: `${n}s`, expr: { kind: 'literal', ms: n * 1000 }, at });

/** Literal durations only, plus `cluster.heartbeatTimeout` (enough for these tests). */
export const evaluateDuration: EvaluateDuration = (d: Duration, settings: ClusterSettings) => {
  const ev = (e: Duration['expr']): number => {
    switch (e.kind) {
      case 'literal':
        return e.ms;
      case 'number':
        return e.value;
      case 'setting':
        return e.name === 'heartbeatTimeout' ? settings.heartbeatDelayMs * settings.heartbeatThreshold : 0;
      case 'binary': {
        const l = ev(e.left);
        const r = ev(e.right);
        return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
      }
    }
  };
  return ev(d.expr);
};

/** Vars named directly, `first`, or `most-vms`; overrides win. */
export const resolveVars: ResolveVars = (runbook: Runbook, inventory: Inventory, _seed, overrides) => {
  const out: Record<string, string> = {};
  for (const v of runbook.vars) {
    if (overrides[v.name]) out[v.name] = overrides[v.name]!;
    else if (v.pick.kind === 'name') out[v.name] = v.pick.name;
    else if (v.pick.pick === 'most-vms') {
      const counts = inventory.nodes.map((n) => inventory.vms.filter((vm) => vm.owner === n.name).length);
      out[v.name] = inventory.nodes[counts.indexOf(Math.max(...counts))]!.name;
    } else out[v.name] = inventory.nodes[0]!.name;
  }
  return { ok: true, vars: out };
};

export const node = (name: string): NodeRef => (name.startsWith('$') ? { kind: 'var', var: name.slice(1) } : { kind: 'name', name });

const nodeWord = (w: string): Term[] => {
  switch (w) {
    case 'Up':
    case 'Down':
    case 'Paused':
    case 'Joining':
      return [{ subject: 'node', field: 'state', anyOf: [w] }];
    case 'Isolated':
      return [{ subject: 'node', field: 'isolated', anyOf: [true] }];
    case 'Quarantined':
      return [{ subject: 'node', field: 'quarantined', anyOf: [true] }];
    case 'Normal':
      return [
        { subject: 'node', field: 'isolated', anyOf: [false] },
        { subject: 'node', field: 'quarantined', anyOf: [false] },
      ];
    default:
      throw new Error(`node word ${w}`);
  }
};

const vmWord = (w: string): Term[] => {
  switch (w) {
    case 'Unmonitored':
      return [{ subject: 'vm', field: 'monitored', anyOf: [false] }];
    case 'Monitored':
      return [{ subject: 'vm', field: 'monitored', anyOf: [true] }];
    case 'Online':
    case 'Offline':
    case 'Failed':
      return [{ subject: 'vm', field: 'group', anyOf: [w] }];
    case 'HeartbeatLost':
      return [{ subject: 'vm', field: 'heartbeat', anyOf: ['LostCommunication', 'NoContact'] }];
    default:
      return [{ subject: 'vm', field: 'state', anyOf: [w as 'Running'] }];
  }
};

/** A member condition from words (`Up`, `Normal`, `Running`...), all of which must hold. */
export function words(kind: 'node' | 'vm', ...ws: string[]): MemberCondition {
  return { terms: ws.flatMap(kind === 'node' ? nodeWord : vmWord), text: ws.length === 1 ? ws[0]! : `[${ws.join(', ')}]` };
}

export const every = (kind: 'node' | 'vm', ...ws: string[]): Condition => ({ kind: 'every', member: words(kind, ...ws) });
export const count = (kind: 'node' | 'vm', polarity: 'is' | 'not', w: string, compare: 'above' | 'below' | 'equals', n: number): Condition => ({
  kind: 'count',
  polarity,
  member: words(kind, w),
  compare,
  n,
  text: `{ count: { ${polarity}: ${w}, ${compare}: ${n} } }`,
});

export const subjects = {
  node: (name: string): Subject => ({ kind: 'node', node: node(name) }),
  nodesAll: (): Subject => ({ kind: 'nodes', nodes: 'all' }),
  vm: (name: string): Subject => ({ kind: 'vm', vm: name }),
  vmsAll: (): Subject => ({ kind: 'vms', vms: 'all' }),
  vmsOn: (name: string, filter: { storage?: 'csv' | 'smb'; resilient?: boolean } = {}): Subject => ({ kind: 'vms', vms: { on: node(name), ...filter } }),
};

export const within = (d: Duration): Window => ({ kind: 'within', max: d });
export const between = (min: Duration, max: Duration): Window => ({ kind: 'between', min, max });
export const forD = (d: Duration): Window => ({ kind: 'for', duration: d });

/** An expectation; its text is generated. */
export function expect(subject: Subject, predicate: Predicate, window: Window): Expectation {
  const p = predicate.kind === 'drained' ? `drained ${predicate.mode}` : `${predicate.kind} ${predicate.condition.kind === 'every' ? predicate.condition.member.text : predicate.condition.text}`;
  return { subject, predicate, window, text: `${JSON.stringify(subject)} ${p}`, at };
}
export const becomes = (c: Condition): Predicate => ({ kind: 'becomes', condition: c });
export const stays = (c: Condition): Predicate => ({ kind: 'stays', condition: c });
export const never = (c: Condition): Predicate => ({ kind: 'never', condition: c });
export const drained = (mode: 'live' | 'any'): Predicate => ({ kind: 'drained', mode });

type StepExtras = { name?: string; repeat?: number; expect?: Expectation[] };
export const injectStep = (fault: FaultSpec, extras: StepExtras = {}): Step => ({
  kind: 'inject',
  fault,
  name: extras.name ?? `inject ${fault.fault}`,
  repeat: extras.repeat ?? 1,
  expect: extras.expect ?? [],
  at,
});
export const doStep = (action: ActionSpec, extras: StepExtras = {}): Step => ({
  kind: 'do',
  action,
  name: extras.name ?? `do ${action.action}`,
  repeat: extras.repeat ?? 1,
  expect: extras.expect ?? [],
  at,
});
export const waitStep = (d: Duration, extras: StepExtras = {}): Step => ({
  kind: 'wait',
  duration: d,
  name: extras.name ?? `wait ${d.text}`,
  repeat: extras.repeat ?? 1,
  expect: extras.expect ?? [],
  at,
});

export const steady = (subject: Subject, condition: Condition): SteadyStateCheck => ({ subject, condition, text: `${JSON.stringify(subject)} is`, at });
export const abortOn = (subject: Subject, condition: Condition, forDuration?: Duration): AbortCondition => ({
  subject,
  condition,
  ...(forDuration === undefined ? {} : { for: forDuration }),
  text: `${JSON.stringify(subject)} ${condition.kind}`,
  at,
});
export const rollbackDo = (action: ActionSpec): RollbackEntry => ({ action, text: action.action, at });

export interface RunbookParts {
  steps: Step[];
  steadyState?: SteadyStateCheck[];
  abort?: AbortCondition[];
  rollback?: RollbackEntry[];
  vars?: VarDefinition[];
  settings?: Partial<RunSettings>;
  requires?: Runbook['requires'];
}

/** A runbook with defaults of the contract (observe 2s, settle 5m, onFailure stop). */
export function runbook(parts: RunbookParts): Runbook {
  return {
    name: 'test-runbook',
    source: { path: 'test.yaml', sha256: '0'.repeat(64) },
    requires: parts.requires ?? { cluster: {} },
    vars: parts.vars ?? [],
    settings: { observe: s(2), onFailure: 'stop', settle: s(300), maxNodesAffected: 1, allowDegradedStart: false, ...parts.settings },
    steadyState: parts.steadyState ?? [steady(subjects.nodesAll(), every('node', 'Up', 'Normal')), steady(subjects.vmsAll(), every('vm', 'Running'))],
    steps: parts.steps,
    rollback: parts.rollback ?? [],
    abort: parts.abort ?? [],
  };
}

export const victimVar = (name = 'victim', pick: 'most-vms' | 'first' = 'first'): VarDefinition => ({ name, pick: { kind: 'pick', pick }, not: [], at });
