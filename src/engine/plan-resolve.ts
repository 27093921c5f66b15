// Resolution of a runbook's parts against the inventory: names checked, vars replaced by node names,
// durations evaluated to ms. Problems are collected so every one is reported at once, at its place.
import type { Diagnostic, SourcePosition } from '../errors/drill-error.js';
import type { Inventory } from '../targets/cluster-state.js';
import { undoOf, type Action, type Fault } from '../targets/target.js';
import type { ActionSpec, Duration, Expectation, FaultSpec, Step, Subject, Window } from '../runbook/model.js';
import { describeAction, describeFault } from './describe.js';
import { formatDuration } from './format-duration.js';
import { nodeName, type ResolvedVars } from './node-refs.js';
import type { PlannedAct, PlannedExpectation, PlannedStep, PlannedSubject, PlannedWindow } from './plan-model.js';

/** Collects problems so every one of them is reported at once, each at its place in the file. */
export class Problems {
  readonly list: Diagnostic[] = [];
  add(at: SourcePosition, code: Diagnostic['code'], message: string): void {
    this.list.push({ ...at, code, message });
  }
}

export interface ResolveContext {
  readonly inventory: Inventory;
  readonly vars: ResolvedVars;
  readonly ms: (d: Duration) => number;
  readonly node: (name: string, at: SourcePosition) => string;
  readonly vm: (name: string, at: SourcePosition) => string;
  readonly problems: Problems;
}

/** A step with its act and expectations resolved. */
export function resolveStep(step: Step, index: number, ctx: ResolveContext): PlannedStep {
  let act: PlannedAct;
  if (step.kind === 'inject') {
    const fault = resolveFault(step.fault, step.at, ctx);
    act = { kind: 'inject', fault, undo: undoOf(fault), text: describeFault(fault) };
  } else if (step.kind === 'do') {
    act = resolveAction(step.action, step.at, ctx);
  } else {
    const waitMs = ctx.ms(step.duration);
    act = { kind: 'wait', ms: waitMs, text: `wait ${formatDuration(waitMs)}` };
  }
  return {
    index,
    name: step.name,
    repeat: Math.max(1, step.repeat),
    act,
    expectations: step.expect.map((e, i) => resolveExpectation(e, i + 1, ctx)),
  };
}

/** An expectation with its subject and window resolved. */
function resolveExpectation(e: Expectation, index: number, ctx: ResolveContext): PlannedExpectation {
  return {
    index,
    text: e.text,
    subject: resolveSubject(e.subject, e.at, ctx),
    predicate: e.predicate.kind === 'drained' ? { kind: 'drained', mode: e.predicate.mode } : e.predicate,
    window: resolveWindow(e.window, ctx),
  };
}

/** A window in ms; `between` keeps both bounds. */
function resolveWindow(w: Window, ctx: ResolveContext): PlannedWindow {
  switch (w.kind) {
    case 'within': {
      const max = ctx.ms(w.max);
      return { kind: 'within', minMs: null, maxMs: max, text: `within ${w.max.text} (${formatDuration(max)})` };
    }
    case 'between': {
      const min = ctx.ms(w.min);
      const max = ctx.ms(w.max);
      return {
        kind: 'between',
        minMs: min,
        maxMs: max,
        text: `between ${w.min.text} and ${w.max.text} (${formatDuration(min)}..${formatDuration(max)})`,
      };
    }
    case 'for': {
      const d = ctx.ms(w.duration);
      return { kind: 'for', minMs: null, maxMs: d, text: `for ${w.duration.text} (${formatDuration(d)})` };
    }
  }
}

/** Subjects as fixed name lists, except `vms: { on }` which is fixed when each step starts. */
export function resolveSubject(s: Subject, at: SourcePosition, ctx: ResolveContext): PlannedSubject {
  const { inventory } = ctx;
  switch (s.kind) {
    case 'node': {
      const name = ctx.node(nodeName(s.node, ctx.vars), at);
      return { kind: 'node', set: 'named', names: [name], text: `node ${name}` };
    }
    case 'nodes':
      if (s.nodes === 'all') return { kind: 'node', set: 'named', names: inventory.nodes.map((n) => n.name), text: 'nodes: all' };
      {
        const names = s.nodes.map((r) => ctx.node(nodeName(r, ctx.vars), at));
        return { kind: 'node', set: 'named', names, text: `nodes ${names.join(', ')}` };
      }
    case 'vm': {
      const name = ctx.vm(s.vm, at);
      return { kind: 'vm', set: 'named', names: [name], text: `vm ${name}` };
    }
    case 'vms': {
      if (s.vms === 'all') return { kind: 'vm', set: 'named', names: inventory.vms.map((v) => v.name), text: 'vms: all' };
      const f = s.vms;
      const filtered = inventory.vms
        .filter((v) => (f.storage === undefined || v.storage === f.storage) && (f.resilient === undefined || v.resilient === f.resilient))
        .map((v) => v.name);
      const traits = [f.storage, f.resilient === undefined ? undefined : f.resilient ? 'resilient' : 'not resilient'].filter(
        (t): t is string => t !== undefined,
      );
      const suffix = traits.length > 0 ? ` (${traits.join(', ')})` : '';
      if (f.on === undefined) return { kind: 'vm', set: 'named', names: filtered, text: `vms${suffix}` };
      const on = ctx.node(nodeName(f.on, ctx.vars), at);
      const narrowed = f.storage !== undefined || f.resilient !== undefined;
      return { kind: 'vm', set: 'ownedBy', node: on, eligible: narrowed ? filtered : null, text: `vms on ${on}${suffix}` };
    }
  }
}

/** A fault with node names checked and durations in ms. */
function resolveFault(f: FaultSpec, at: SourcePosition, ctx: ResolveContext): Fault {
  switch (f.fault) {
    case 'crash-cluster-service':
    case 'stop-cluster-service':
    case 'power-off-node':
      return { fault: f.fault, node: ctx.node(nodeName(f.node, ctx.vars), at) };
    case 'partition-node':
    case 'lose-storage':
      return { fault: f.fault, node: ctx.node(nodeName(f.node, ctx.vars), at), forMs: ctx.ms(f.for) };
    case 'fail-nic': {
      const node = ctx.node(nodeName(f.node, ctx.vars), at);
      const nics = ctx.inventory.nodes.find((n) => n.name === node)?.networks.flatMap((n) => n.nics) ?? [];
      if (nics.length > 0 && !nics.includes(f.nic)) ctx.problems.add(at, 'unknown-nic', `node ${node} has no adapter '${f.nic}'`);
      return f.for === undefined ? { fault: 'fail-nic', node, nic: f.nic } : { fault: 'fail-nic', node, nic: f.nic, forMs: ctx.ms(f.for) };
    }
    case 'freeze-vm':
      return { fault: 'freeze-vm', vm: ctx.vm(f.vm, at), forMs: ctx.ms(f.for) };
  }
}

/** An action with names checked; `restore` stays symbolic (it undoes whatever is in effect then). */
export function resolveAction(a: ActionSpec, at: SourcePosition, ctx: ResolveContext): PlannedAct & { kind: 'do' | 'restore' } {
  let action: Action;
  switch (a.action) {
    case 'restore':
      return { kind: 'restore', text: 'restore: undo every fault of this run still in effect' };
    case 'clear-quarantine':
    case 'start-cluster-service':
    case 'drain-node':
    case 'power-on-node':
      action = { action: a.action, node: ctx.node(nodeName(a.node, ctx.vars), at) };
      break;
    case 'resume-node':
      action = { action: 'resume-node', node: ctx.node(nodeName(a.node, ctx.vars), at), failback: a.failback };
      break;
    case 'move-vm':
      action = { action: 'move-vm', vm: ctx.vm(a.vm, at), to: ctx.node(nodeName(a.to, ctx.vars), at), type: a.type };
      break;
  }
  return { kind: 'do', action, text: describeAction(action) };
}
