// `requires` of a runbook checked at preflight: enough nodes, and the cluster settings the expectations
// rely on (checked, never changed). Every unmet requirement is listed.
import type { Runbook } from '../runbook/model.js';
import type { Inventory } from '../targets/cluster-state.js';
import { formatDuration } from './format-duration.js';
import type { EvaluateDuration } from './plan.js';

/** Unmet requirements, as sentences; empty when the target suits the runbook. */
export function unmetRequirements(runbook: Runbook, inventory: Inventory, evaluateDuration: EvaluateDuration): string[] {
  const problems: string[] = [];
  const { requires } = runbook;
  const settings = inventory.cluster;
  if (requires.nodes !== undefined && inventory.nodes.length < requires.nodes) {
    problems.push(`needs at least ${requires.nodes} nodes; the target has ${inventory.nodes.length}`);
  }
  const c = requires.cluster;
  if (c.resiliencyLevel !== undefined && c.resiliencyLevel !== settings.resiliencyLevel) {
    problems.push(`needs resiliencyLevel ${c.resiliencyLevel}; the cluster has ${settings.resiliencyLevel}`);
  }
  if (c.quarantineThreshold !== undefined && c.quarantineThreshold !== settings.quarantineThreshold) {
    problems.push(`needs quarantineThreshold ${c.quarantineThreshold}; the cluster has ${settings.quarantineThreshold}`);
  }
  const durations = [
    ['resiliencyDefaultPeriod', c.resiliencyDefaultPeriod, settings.resiliencyDefaultPeriodMs],
    ['quarantineDuration', c.quarantineDuration, settings.quarantineDurationMs],
  ] as const;
  for (const [name, wanted, actual] of durations) {
    if (wanted === undefined) continue;
    const ms = evaluateDuration(wanted, settings);
    if (ms !== actual) problems.push(`needs ${name} ${wanted.text} (${formatDuration(ms)}); the cluster has ${formatDuration(actual)}`);
  }
  return problems;
}
