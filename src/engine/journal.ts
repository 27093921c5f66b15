// The journal: the single record of a run (chaostoolkit's idea). The engine writes it; reports,
// history and `drill cleanup` read it. Its JSON shape is versioned and published in schema/.
// Times named `at`/`from`/`to` are ms on the run's clock since the run started (virtual on the simulator).
import type { ClusterSettings, Storage } from '../targets/cluster-state.js';
import type { Fault, Action, Undo } from '../targets/target.js';

export const journalSchemaVersion = 1;

export type ExpectationVerdict = 'pass' | 'fail' | 'inconclusive' | 'skipped';
export type RunVerdict = 'pass' | 'fail' | 'inconclusive' | 'aborted' | 'interrupted' | 'invalid';

export interface ExpectationRecord {
  /** Stable id within the run: `s<step>.r<repetition>.e<index>`, `steady.before.<i>`, `steady.after.<i>`. */
  readonly id: string;
  readonly text: string;
  readonly predicate: 'becomes' | 'stays' | 'never' | 'drained' | 'is';
  /** Absolute window on the run's clock: `from` is the step's start; `min` only for `between`. */
  readonly window: { readonly from: number; readonly to: number; readonly min?: number; readonly text: string };
  readonly verdict: ExpectationVerdict;
  readonly reason: string;
  /** When the condition was last seen false (before it became true), and first seen true; null if never. */
  readonly lastFalseAt: number | null;
  readonly firstTrueAt: number | null;
  /** When the verdict was reached. */
  readonly decidedAt: number | null;
}

export interface StepRecord {
  readonly index: number;
  readonly repetition: number;
  readonly name: string;
  readonly kind: 'inject' | 'do' | 'wait';
  readonly status: 'passed' | 'failed' | 'inconclusive' | 'skipped';
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly fault?: Fault;
  readonly action?: Action;
  /** What the step carried out, as text (also for `restore` and `wait`, which have no fault or action). */
  readonly actText?: string;
  /** Why the step ended as it did (skipped after a failure, refused by the quorum guard, target error...). */
  readonly note?: string;
  readonly expectations: readonly ExpectationRecord[];
}

export type JournalEvent =
  | { readonly at: number; readonly kind: 'phase'; readonly phase: string; readonly text: string }
  | {
      readonly at: number;
      readonly kind: 'inject';
      readonly fault: Fault;
      readonly undo: Undo;
      readonly text: string;
      /** `intent`: written (and flushed) before the fault is made, so `drill cleanup` knows its undo; then `done` or `failed`. */
      readonly stage?: 'intent' | 'done' | 'failed';
    }
  | { readonly at: number; readonly kind: 'action'; readonly action: Action; readonly text: string; readonly stage?: 'intent' | 'done' | 'failed' }
  | { readonly at: number; readonly kind: 'undo'; readonly undo: Undo; readonly ok: boolean; readonly text: string }
  | { readonly at: number; readonly kind: 'node'; readonly node: string; readonly field: string; readonly from: string; readonly to: string; readonly text: string }
  | { readonly at: number; readonly kind: 'vm'; readonly vm: string; readonly field: string; readonly from: string; readonly to: string; readonly text: string }
  | { readonly at: number; readonly kind: 'cluster'; readonly node?: string; readonly vm?: string; readonly event: string; readonly text: string }
  | { readonly at: number; readonly kind: 'observation-gap'; readonly until: number | null; readonly text: string }
  | { readonly at: number; readonly kind: 'expectation'; readonly id: string; readonly verdict: ExpectationVerdict; readonly text: string }
  | { readonly at: number; readonly kind: 'abort'; readonly text: string }
  | { readonly at: number; readonly kind: 'error'; readonly text: string };

/** One VM of the inventory summary: enough to draw VM counts per node and list VMs in reports. */
export interface JournalVm {
  readonly name: string;
  readonly owner: string;
  readonly storage: Storage;
  readonly resilient: boolean;
}

export interface RunJournal {
  readonly schemaVersion: typeof journalSchemaVersion;
  readonly drillVersion: string;
  readonly runId: string;
  readonly runbook: { readonly name: string; readonly path: string; readonly sha256: string; readonly description?: string };
  readonly target: {
    readonly name: string;
    readonly driver: string;
    readonly path: string;
    readonly cluster: ClusterSettings;
    readonly nodes: readonly string[];
    readonly vmCount: number;
    /** The VMs at preflight, where each started (reports draw VM counts per node from it; optional for old journals). */
    readonly vms?: readonly JournalVm[];
  };
  readonly seed: number | null;
  /** Wall-clock start and end (ISO 8601). */
  readonly startedAt: string;
  readonly endedAt: string;
  /** Start and end on the run's clock (ms). */
  readonly clock: { readonly start: number; readonly end: number; readonly virtual: boolean };
  /** Node each var resolved to. */
  readonly vars: Readonly<Record<string, string>>;
  readonly steadyState: { readonly before: readonly ExpectationRecord[]; readonly after: readonly ExpectationRecord[] };
  readonly steps: readonly StepRecord[];
  readonly rollback: readonly { readonly at: number; readonly text: string; readonly ok: boolean; readonly message: string }[];
  readonly events: readonly JournalEvent[];
  readonly verdict: RunVerdict;
  readonly exitStatus: number;
  readonly reason: string;
}
