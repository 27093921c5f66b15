// Every name a checked runbook refers to (nodes, VMs, NICs, faults, actions) with where it is written,
// so checks against a target or an inventory see them all in one walk.
import type { SourcePosition } from '../errors/drill-error.js';
import type { ActionSpec, Condition, FaultSpec, NodeRef, Runbook, Subject } from './model.js';

export interface NodeReference {
  readonly ref: NodeRef;
  readonly at: SourcePosition;
}
export interface NamedReference {
  readonly name: string;
  readonly at: SourcePosition;
}

export interface RunbookReferences {
  readonly nodes: readonly NodeReference[];
  readonly vms: readonly NamedReference[];
  readonly nics: readonly NamedReference[];
  readonly faults: readonly { readonly fault: FaultSpec; readonly at: SourcePosition }[];
  readonly actions: readonly { readonly action: ActionSpec; readonly at: SourcePosition }[];
}

export function runbookReferences(runbook: Runbook): RunbookReferences {
  const nodes: NodeReference[] = [];
  const vms: NamedReference[] = [];
  const nics: NamedReference[] = [];
  const faults: { fault: FaultSpec; at: SourcePosition }[] = [];
  const actions: { action: ActionSpec; at: SourcePosition }[] = [];
  const node = (ref: NodeRef, fallback: SourcePosition) => nodes.push({ ref, at: ref.at ?? fallback });
  const subject = (s: Subject, at: SourcePosition) => {
    if (s.kind === 'node') node(s.node, at);
    else if (s.kind === 'nodes' && s.nodes !== 'all') s.nodes.forEach((n) => node(n, at));
    else if (s.kind === 'vm') vms.push({ name: s.vm, at });
    else if (s.kind === 'vms' && s.vms !== 'all' && s.vms.on !== undefined) node(s.vms.on, at);
  };
  const condition = (c: Condition, at: SourcePosition) => {
    for (const term of c.member.terms) if (term.field === 'owner') term.anyOf.forEach((n) => node(n, at));
  };
  const action = (a: ActionSpec, at: SourcePosition) => {
    actions.push({ action: a, at });
    if ('node' in a) node(a.node, at);
    if (a.action === 'move-vm') {
      vms.push({ name: a.vm, at });
      node(a.to, at);
    }
  };

  for (const v of runbook.vars) {
    if (v.pick.kind === 'name') nodes.push({ ref: { kind: 'name', name: v.pick.name }, at: v.at });
    v.not.forEach((n) => node(n, v.at));
  }
  for (const check of [...runbook.steadyState, ...runbook.abort]) {
    subject(check.subject, check.at);
    condition(check.condition, check.at);
  }
  for (const step of runbook.steps) {
    if (step.kind === 'inject') {
      faults.push({ fault: step.fault, at: step.at });
      if ('node' in step.fault) node(step.fault.node, step.at);
      if ('vm' in step.fault) vms.push({ name: step.fault.vm, at: step.at });
      if ('nic' in step.fault) nics.push({ name: step.fault.nic, at: step.at });
    } else if (step.kind === 'do') {
      action(step.action, step.at);
    }
    for (const e of step.expect) {
      subject(e.subject, e.at);
      if (e.predicate.kind !== 'drained') condition(e.predicate.condition, e.at);
    }
  }
  for (const r of runbook.rollback) action(r.action, r.at);
  return { nodes, vms, nics, faults, actions };
}
