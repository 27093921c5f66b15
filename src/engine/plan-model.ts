// The resolved plan of a run: every var picked, every name checked, every duration in ms. It is what
// `--dry-run` prints and what the machines execute; it holds plain data only (JSON-printable).
import type { Condition } from '../runbook/model.js';
import type { SubjectKind } from '../runbook/model.js';
import type { Action, Fault, Undo } from '../targets/target.js';
import type { ResolvedVars } from './node-refs.js';

/**
 * Who an expectation or check looks at. `named`: a fixed list (a node, `nodes: all`, `vms: all`, a
 * filter on storage/resilience). `ownedBy`: the VMs the node owns when the step starts, fixed for the step,
 * narrowed to `eligible` (storage/resilience filter from the inventory) when given.
 */
export type PlannedSubject =
  | { readonly kind: SubjectKind; readonly text: string; readonly set: 'named'; readonly names: readonly string[] }
  | {
      readonly kind: 'vm';
      readonly text: string;
      readonly set: 'ownedBy';
      readonly node: string;
      readonly eligible: readonly string[] | null;
    };

/** A window in ms from the step's start; `minMs` only for `between`. Bounds are inclusive. */
export interface PlannedWindow {
  readonly kind: 'within' | 'between' | 'for';
  readonly minMs: number | null;
  readonly maxMs: number;
  readonly text: string;
}

export type PlannedPredicate =
  | { readonly kind: 'becomes' | 'stays' | 'never'; readonly condition: Condition }
  | { readonly kind: 'drained'; readonly mode: 'live' | 'any' };

export interface PlannedExpectation {
  /** 1-based position in its step. */
  readonly index: number;
  readonly text: string;
  readonly subject: PlannedSubject;
  readonly predicate: PlannedPredicate;
  readonly window: PlannedWindow;
}

/** What a step carries out before its expectations are watched. */
export type PlannedAct =
  | { readonly kind: 'inject'; readonly fault: Fault; readonly undo: Undo; readonly text: string }
  | { readonly kind: 'do'; readonly action: Action; readonly text: string }
  | { readonly kind: 'restore'; readonly text: string }
  | { readonly kind: 'wait'; readonly ms: number; readonly text: string };

export interface PlannedStep {
  /** 1-based position in the runbook. */
  readonly index: number;
  readonly name: string;
  readonly repeat: number;
  readonly act: PlannedAct;
  readonly expectations: readonly PlannedExpectation[];
}

/** A steady-state entry, or a stop condition (`forMs`: how long it must hold; null: at once). */
export interface PlannedCheck {
  readonly index: number;
  readonly text: string;
  readonly subject: PlannedSubject;
  readonly condition: Condition;
}

export interface PlannedAbort extends PlannedCheck {
  readonly forMs: number | null;
}

export type PlannedRollback =
  | { readonly kind: 'do'; readonly action: Action; readonly text: string }
  | { readonly kind: 'restore'; readonly text: string };

export interface DrillPlan {
  readonly runbook: string;
  readonly vars: ResolvedVars;
  readonly seed: number;
  readonly settings: { readonly observeMs: number; readonly settleMs: number; readonly onFailure: 'stop' | 'continue' };
  readonly steadyState: readonly PlannedCheck[];
  readonly steps: readonly PlannedStep[];
  readonly abort: readonly PlannedAbort[];
  readonly rollback: readonly PlannedRollback[];
}
