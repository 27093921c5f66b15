// The checked runbook: what the loader produces and the engine runs without re-checking anything.
// Names that depend on the target (vars, picks) stay symbolic until preflight resolves them against
// the inventory; durations stay expressions until evaluated against the target's cluster settings.
import type { SourcePosition } from '../errors/drill-error.js';
import type { DrainStatus, GroupState, Heartbeat, NodeStateName, Storage, VmStateName } from '../targets/cluster-state.js';

// ---- durations -------------------------------------------------------------------------------

/** Cluster settings an expression may name as `cluster.<name>`; each reads as ms or as a plain number. */
export const clusterSettingNames = [
  'resiliencyDefaultPeriod',
  'quarantineDuration',
  'heartbeatTimeout',
  'heartbeatDelay',
  'heartbeatThreshold',
  'quarantineThreshold',
  'liveMigrationConcurrent',
] as const;
export type ClusterSettingName = (typeof clusterSettingNames)[number];

/** A duration expression: `30s`, `cluster.heartbeatTimeout`, `2 * cluster.heartbeatTimeout + 5s`. */
export type DurationExpr =
  | { readonly kind: 'literal'; readonly ms: number }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'setting'; readonly name: ClusterSettingName }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: DurationExpr;
      readonly right: DurationExpr;
    };

/** A duration as written, with its parsed expression; evaluate with `evaluateDuration` at preflight. */
export interface Duration {
  readonly text: string;
  readonly expr: DurationExpr;
  readonly at: SourcePosition;
}

// ---- names -----------------------------------------------------------------------------------

/** A node named directly or through a var (`$victim`). */
/** `at`: where the reference is written (set by the loader; absent on refs built in code). */
export type NodeRef =
  | { readonly kind: 'name'; readonly name: string; readonly at?: SourcePosition }
  | { readonly kind: 'var'; readonly var: string; readonly at?: SourcePosition };

export const nodePicks = ['most-vms', 'fewest-vms', 'first', 'last', 'random'] as const;
export type NodePick = (typeof nodePicks)[number];

/** `victim: { node: most-vms }`, `other: { node: first, not: $victim }`, or `x: { node: HV02 }`. */
export interface VarDefinition {
  readonly name: string;
  readonly pick: { readonly kind: 'pick'; readonly pick: NodePick } | { readonly kind: 'name'; readonly name: string };
  /** Nodes this var may not be (names or earlier vars). */
  readonly not: readonly NodeRef[];
  readonly at: SourcePosition;
}

// ---- subjects and conditions -----------------------------------------------------------------

export interface VmFilter {
  readonly on?: NodeRef;
  readonly storage?: Storage;
  readonly resilient?: boolean;
}

export type Subject =
  | { readonly kind: 'node'; readonly node: NodeRef }
  | { readonly kind: 'nodes'; readonly nodes: 'all' | readonly NodeRef[] }
  | { readonly kind: 'vm'; readonly vm: string }
  | { readonly kind: 'vms'; readonly vms: 'all' | VmFilter };

export type SubjectKind = 'node' | 'vm';
export const subjectKindOf = (s: Subject): SubjectKind => (s.kind === 'node' || s.kind === 'nodes' ? 'node' : 'vm');

/** A field of a node or VM observation and the values that satisfy it (any of). */
export type Term =
  | { readonly subject: 'node'; readonly field: 'state'; readonly anyOf: readonly NodeStateName[] }
  | { readonly subject: 'node'; readonly field: 'isolated' | 'quarantined'; readonly anyOf: readonly boolean[] }
  | { readonly subject: 'node'; readonly field: 'drain'; readonly anyOf: readonly DrainStatus[] }
  | { readonly subject: 'vm'; readonly field: 'state'; readonly anyOf: readonly VmStateName[] }
  | { readonly subject: 'vm'; readonly field: 'monitored'; readonly anyOf: readonly boolean[] }
  | { readonly subject: 'vm'; readonly field: 'heartbeat'; readonly anyOf: readonly Heartbeat[] }
  | { readonly subject: 'vm'; readonly field: 'group'; readonly anyOf: readonly GroupState[] }
  | { readonly subject: 'vm'; readonly field: 'owner'; readonly anyOf: readonly NodeRef[] };

/** A condition on one member: every term must hold (a word, a list of words, or a mapping). */
export interface MemberCondition {
  readonly terms: readonly Term[];
  /** The condition as the user wrote it, for messages (`[Up, Normal]`, `Isolated`). */
  readonly text: string;
}

/** A condition on a subject: on a set, `every` member must hold it, or a `count` of members is compared. */
export type Condition =
  | { readonly kind: 'every'; readonly member: MemberCondition }
  | {
      readonly kind: 'count';
      /** `is: <cond>` counts members for which it holds; `not: <cond>` those for which it does not. */
      readonly polarity: 'is' | 'not';
      readonly member: MemberCondition;
      readonly compare: 'above' | 'below' | 'equals';
      readonly n: number;
      readonly text: string;
    };

// ---- expectations ----------------------------------------------------------------------------

export type Predicate =
  | { readonly kind: 'becomes'; readonly condition: Condition }
  | { readonly kind: 'stays'; readonly condition: Condition }
  | { readonly kind: 'never'; readonly condition: Condition }
  | { readonly kind: 'drained'; readonly mode: 'live' | 'any' };

/** `within` and `between` go with becomes/drained; `for` with stays/never. Bounds are inclusive. */
export type Window =
  | { readonly kind: 'within'; readonly max: Duration }
  | { readonly kind: 'between'; readonly min: Duration; readonly max: Duration }
  | { readonly kind: 'for'; readonly duration: Duration };

export interface Expectation {
  readonly subject: Subject;
  readonly predicate: Predicate;
  readonly window: Window;
  /** A readable text of the expectation (`node $victim becomes Isolated within 2 * cluster.heartbeatTimeout`). */
  readonly text: string;
  readonly at: SourcePosition;
}

// ---- steps -----------------------------------------------------------------------------------

/** A fault as written in the runbook: node refs and durations still symbolic. */
export type FaultSpec =
  | { readonly fault: 'crash-cluster-service'; readonly node: NodeRef }
  | { readonly fault: 'stop-cluster-service'; readonly node: NodeRef }
  | { readonly fault: 'partition-node'; readonly node: NodeRef; readonly for: Duration }
  | { readonly fault: 'fail-nic'; readonly node: NodeRef; readonly nic: string; readonly for?: Duration }
  | { readonly fault: 'power-off-node'; readonly node: NodeRef }
  | { readonly fault: 'lose-storage'; readonly node: NodeRef; readonly for: Duration }
  | { readonly fault: 'freeze-vm'; readonly vm: string; readonly for: Duration };

/** An action as written in the runbook. */
export type ActionSpec =
  | { readonly action: 'clear-quarantine'; readonly node: NodeRef }
  | { readonly action: 'start-cluster-service'; readonly node: NodeRef }
  | { readonly action: 'drain-node'; readonly node: NodeRef }
  | { readonly action: 'resume-node'; readonly node: NodeRef; readonly failback: 'immediate' | 'none' }
  | { readonly action: 'move-vm'; readonly vm: string; readonly to: NodeRef; readonly type: 'live' | 'quick' }
  | { readonly action: 'restore' }
  | { readonly action: 'power-on-node'; readonly node: NodeRef };

export type StepKind =
  | { readonly kind: 'inject'; readonly fault: FaultSpec }
  | { readonly kind: 'do'; readonly action: ActionSpec }
  | { readonly kind: 'wait'; readonly duration: Duration };

export type Step = StepKind & {
  readonly name: string;
  /** 1 unless `repeat: N`. */
  readonly repeat: number;
  readonly expect: readonly Expectation[];
  readonly at: SourcePosition;
};

/** A steady-state entry: a subject and `is: <condition>`. */
export interface SteadyStateCheck {
  readonly subject: Subject;
  readonly condition: Condition;
  readonly text: string;
  readonly at: SourcePosition;
}

/** A stop condition: checked on every observation from the first injection until rollback starts. */
export interface AbortCondition {
  readonly subject: Subject;
  readonly condition: Condition;
  /** It must hold this long before it fires; undefined: at once. */
  readonly for?: Duration;
  readonly text: string;
  readonly at: SourcePosition;
}

/** A rollback entry: an action, run in order after the steps whatever happened. */
export interface RollbackEntry {
  readonly action: ActionSpec;
  readonly text: string;
  readonly at: SourcePosition;
}

export interface RunSettings {
  readonly observe: Duration;
  readonly onFailure: 'stop' | 'continue';
  readonly settle: Duration;
  readonly maxNodesAffected: number;
  /** Injections allowed while some node is not Up and Normal (issue 7 guard); default false. */
  readonly allowDegradedStart: boolean;
}

/** `requires.cluster`: settings the expectations rely on (checked, never changed). */
export interface RequiredClusterSettings {
  readonly resiliencyLevel?: 'AlwaysIsolate' | 'IsolateOnSpecialHeartbeat';
  readonly resiliencyDefaultPeriod?: Duration;
  readonly quarantineThreshold?: number;
  readonly quarantineDuration?: Duration;
}

export interface Runbook {
  readonly name: string;
  readonly description?: string;
  readonly source: { readonly path: string; readonly sha256: string };
  readonly requires: { readonly nodes?: number; readonly cluster: RequiredClusterSettings; readonly at?: SourcePosition };
  readonly vars: readonly VarDefinition[];
  readonly settings: RunSettings;
  readonly steadyState: readonly SteadyStateCheck[];
  readonly steps: readonly Step[];
  readonly rollback: readonly RollbackEntry[];
  readonly abort: readonly AbortCondition[];
}
