// planDrill: a runbook resolved against a target's inventory into the plan the machines execute and
// `--dry-run` prints. Pure: vars come from the injected resolver, durations from the injected evaluator.
import { DrillError, invalidInput, type Diagnostic, type SourcePosition } from '../errors/drill-error.js';
import type { ClusterSettings, Inventory } from '../targets/cluster-state.js';
import type { Duration, Runbook } from '../runbook/model.js';
import { compileCondition } from './conditions.js';
import type { ResolvedVars } from './node-refs.js';
import type { DrillPlan, PlannedRollback } from './plan-model.js';
import { Problems, resolveAction, resolveStep, resolveSubject, type ResolveContext } from './plan-resolve.js';

/**
 * Resolves the runbook's vars against the inventory (`--var` overrides win; `random` uses the seed):
 * the shape of `resolveVars` in src/runbook/resolve-vars.ts, so it is passed as is.
 */
export type ResolveVars = (
  runbook: Runbook,
  inventory: Inventory,
  seed: number,
  overrides: ResolvedVars,
) => { readonly ok: true; readonly vars: ResolvedVars } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Evaluates a duration expression against the target's cluster settings (ms). */
export type EvaluateDuration = (duration: Duration, settings: ClusterSettings) => number;

export interface PlanInput {
  readonly runbook: Runbook;
  readonly inventory: Inventory;
  readonly resolveVars: ResolveVars;
  readonly evaluateDuration: EvaluateDuration;
  /** `--var name=value`. */
  readonly overrides?: ResolvedVars;
  /** `--seed`: the random pick and nothing else in the engine depends on it. */
  readonly seed?: number;
}

/** The resolved plan; throws a DrillError (invalid input, exit 2) listing every problem found. */
export function planDrill(input: PlanInput): DrillPlan {
  const { runbook, inventory } = input;
  const seed = input.seed ?? 1;
  const resolution = input.resolveVars(runbook, inventory, seed, input.overrides ?? {});
  if (!resolution.ok) throw invalidInput(resolution.diagnostics);
  const vars = resolution.vars;
  const problems = new Problems();
  const nodes = new Set(inventory.nodes.map((n) => n.name));
  const vms = new Set(inventory.vms.map((v) => v.name));
  const ms = (d: Duration): number => {
    const value = input.evaluateDuration(d, inventory.cluster);
    if (!Number.isFinite(value) || value < 0) {
      problems.add(d.at, 'invalid-duration', `'${d.text}' evaluates to ${value} ms on this cluster`);
      return 0;
    }
    return value;
  };
  const node = (name: string, at: SourcePosition): string => {
    if (!nodes.has(name)) problems.add(at, 'unknown-node', `node '${name}' is not in the target's inventory`);
    return name;
  };
  const vm = (name: string, at: SourcePosition): string => {
    if (!vms.has(name)) problems.add(at, 'unknown-vm', `VM '${name}' is not in the target's inventory`);
    return name;
  };
  const ctx: ResolveContext = { inventory, vars, ms, node, vm, problems };

  const plan: DrillPlan = {
    runbook: runbook.name,
    vars,
    seed,
    settings: {
      observeMs: Math.max(1, ms(runbook.settings.observe)),
      settleMs: ms(runbook.settings.settle),
      onFailure: runbook.settings.onFailure,
    },
    steadyState: runbook.steadyState.map((c, i) => ({
      index: i + 1,
      text: c.text,
      subject: resolveSubject(c.subject, c.at, ctx),
      condition: c.condition,
    })),
    steps: runbook.steps.map((s, i) => resolveStep(s, i + 1, ctx)),
    abort: runbook.abort.map((a, i) => ({
      index: i + 1,
      text: a.text,
      subject: resolveSubject(a.subject, a.at, ctx),
      condition: a.condition,
      forMs: a.for === undefined ? null : ms(a.for),
    })),
    rollback: runbook.rollback.map((r): PlannedRollback => {
      const act = resolveAction(r.action, r.at, ctx);
      return act.kind === 'restore' ? { kind: 'restore', text: r.text } : { kind: 'do', action: act.action, text: act.text };
    }),
  };
  if (problems.list.length > 0) throw invalidInput(problems.list);
  checkConditions(plan);
  return plan;
}

/** Compiles every condition once at preflight, so a malformed one stops the run before anything is injected. */
function checkConditions(plan: DrillPlan): void {
  const checks = [
    ...plan.steadyState,
    ...plan.abort,
    ...plan.steps.flatMap((s) => s.expectations.flatMap((e) => (e.predicate.kind === 'drained' ? [] : [{ subject: e.subject, condition: e.predicate.condition }]))),
  ];
  for (const c of checks) {
    try {
      compileCondition(c.condition, c.subject.kind, plan.vars);
    } catch (e) {
      throw new DrillError('internal', `a condition could not be compiled: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  }
}

