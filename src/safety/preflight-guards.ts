// Preflight guards: pure checks of what a run is about to inject against what the cluster is now and
// what the target allows. Each returns a refusal a person can act on, or null. `drill run` checks
// them all before the first injection; the engine checks quorum again before every injection.
import { DrillError } from '../errors/drill-error.js';
import type { DrillPlan } from '../engine/plan-model.js';
import type { RunSettings } from '../runbook/model.js';
import { faultCatalogue } from '../targets/catalogue.js';
import type { Snapshot } from '../targets/cluster-state.js';
import { quorumLoss } from '../targets/quorum.js';
import type { TargetConfig } from '../targets/target-config.js';
import type { Fault } from '../targets/target.js';

/** The node a fault is injected into (blast radius), whether or not it leaves membership. */
export const nodeFaulted = (fault: Fault): string | null => ('node' in fault ? fault.node : null);

const faultText = (fault: Fault): string => `${fault.fault} on ${'node' in fault ? fault.node : fault.vm}`;

/** No injection that would leave fewer active members than a strict majority of the cluster's nodes. */
export function quorumRefusal(fault: Fault, snapshot: Snapshot): string | null {
  const loss = quorumLoss(fault, snapshot.nodes);
  if (loss === null) return null;
  return `${faultText(fault)} would leave ${loss.after} of ${loss.total} nodes as active members, and quorum needs ${loss.needed}: the cluster would go down`;
}

/** No injection while a node is not Up and Normal, unless the runbook allows a degraded start. */
export function degradedStartRefusal(snapshot: Snapshot, settings: Pick<RunSettings, 'allowDegradedStart'>): string | null {
  if (settings.allowDegradedStart) return null;
  const off = snapshot.nodes.filter((n) => n.state !== 'Up' || n.isolated || n.quarantined);
  if (off.length === 0) return null;
  const list = off.map((n) => `${n.name} is ${n.state}${n.isolated ? ', isolated' : ''}${n.quarantined ? ', quarantined' : ''}`).join('; ');
  return `not every node is Up and Normal (${list}); wait for the cluster to recover, or set settings.allowDegradedStart: true`;
}

/** Destructive faults only on targets marked `lab: true`; the simulated cluster is always a lab. */
export function labRefusal(faults: readonly Fault[], config: TargetConfig): string | null {
  if (config.driver === 'simulated' || config.lab) return null;
  const destructive = [...new Set(faults.filter((f) => faultCatalogue[f.fault].destructive).map((f) => f.fault))];
  if (destructive.length === 0) return null;
  return `target ${config.name} is not marked \`lab: true\`, so destructive faults (${destructive.join(', ')}) may not run on it; add \`lab: true\` to the target file only if it is a lab cluster`;
}

/** Distinct nodes faulted must not exceed settings.maxNodesAffected. */
export function blastRadiusRefusal(faults: readonly Fault[], settings: Pick<RunSettings, 'maxNodesAffected'>): string | null {
  const nodes = [...new Set(faults.map(nodeFaulted).filter((n): n is string => n !== null))];
  if (nodes.length <= settings.maxNodesAffected) return null;
  return `the run would inject faults into ${nodes.length} distinct nodes (${nodes.join(', ')}) but settings.maxNodesAffected is ${settings.maxNodesAffected}`;
}

/** The faults a plan injects, in order (a repeated step counts once: same fault, same nodes). */
export const plannedFaults = (plan: Pick<DrillPlan, 'steps'>): Fault[] =>
  plan.steps.flatMap((s) => (s.act.kind === 'inject' ? [s.act.fault] : []));

export interface PreflightInput {
  readonly plan: Pick<DrillPlan, 'steps'>;
  /** The observation before step 1. */
  readonly snapshot: Snapshot;
  readonly target: TargetConfig;
  readonly settings: Pick<RunSettings, 'allowDegradedStart' | 'maxNodesAffected'>;
}

/** Every refusal of a plan, in the order an operator should fix them. */
export function preflightRefusals(input: PreflightInput): string[] {
  const faults = plannedFaults(input.plan);
  const refusals = [
    labRefusal(faults, input.target),
    blastRadiusRefusal(faults, input.settings),
    degradedStartRefusal(input.snapshot, input.settings),
    ...faults.map((f) => quorumRefusal(f, input.snapshot)),
  ];
  return [...new Set(refusals.filter((r): r is string => r !== null))];
}

/** Throws DrillError('preflight-failed', exit 3) listing every refusal; nothing has been injected. */
export function checkPreflight(input: PreflightInput): void {
  const refusals = preflightRefusals(input);
  if (refusals.length === 0) return;
  throw new DrillError('preflight-failed', `refused before anything was injected: ${refusals.join('; ')}`, {
    hint: refusals.length > 1 ? `${refusals.length} guards refused this run` : undefined,
  });
}
