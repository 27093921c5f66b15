// `drill run --dry-run`: resolve everything and print what would be injected and checked — which node
// each var picked, each fault and action with its parameters and undo, each expectation with its window —
// and, on a PowerShell target, the exact PowerShell each step would run. Nothing is injected.
import { describePlan, planDrill, type DrillPlan } from '../engine/index.js';
import { DrillError, ExitStatus } from '../errors/drill-error.js';
import { staticInventoryOf } from '../runbook/check-against-target.js';
import { evaluateDuration } from '../runbook/duration.js';
import type { Runbook } from '../runbook/model.js';
import { resolveVars } from '../runbook/resolve-vars.js';
import type { Inventory } from '../targets/cluster-state.js';
import { openTarget } from '../targets/open-target.js';
import { planPowerShellSteps } from '../targets/powershell/plan.js';
import type { StepInput } from '../targets/powershell/step-scripts.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { VirtualClock } from '../time/virtual-clock.js';
import type { RunOptions } from './run-options.js';

export async function printDryRun(runbooks: readonly Runbook[], loaded: LoadedTarget, options: RunOptions): Promise<number> {
  const inventory = await inventoryForPlanning(loaded, options);
  const seed = options.seed ?? (loaded.config.driver === 'simulated' ? loaded.config.seed : undefined);
  for (const runbook of runbooks) {
    const plan = planDrill({ runbook, inventory, resolveVars, evaluateDuration, overrides: options.vars, ...(seed !== undefined ? { seed } : {}) });
    const out = [...describePlan(plan), ''];
    if (loaded.config.driver === 'powershell') out.push('# The PowerShell each step would run on the cluster:', planPowerShellSteps(powerShellSteps(plan)));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  process.stdout.write('dry run: nothing was injected\n');
  return ExitStatus.passed;
}

/**
 * The inventory picks resolve against. A simulated cluster is built in memory and read (nothing is
 * injected); a real cluster is planned offline from the target file's `nodes:` when it lists them
 * (VM-count picks then tie and go to the first node), otherwise read through the agent.
 */
async function inventoryForPlanning(loaded: LoadedTarget, options: RunOptions): Promise<Inventory> {
  if (loaded.config.driver === 'powershell') {
    const offline = staticInventoryOf(loaded.config);
    if (offline) return offline;
  }
  const target = await openTarget(loaded, { clock: new VirtualClock(), ...(options.seed !== undefined ? { seed: options.seed } : {}) });
  try {
    const inventory = await target.inventory();
    if (!inventory.ok) throw new DrillError('target-unreachable', `could not read the inventory of ${loaded.config.name}: ${inventory.error.message}`);
    return inventory.value;
  } finally {
    await target.close();
  }
}

/** Each fault with its undo, and each action, in the order the drill would run them (rollback last). */
function powerShellSteps(plan: DrillPlan): StepInput[] {
  const steps: StepInput[] = [];
  for (const step of plan.steps) {
    if (step.act.kind === 'inject') steps.push(step.act.fault, step.act.undo);
    if (step.act.kind === 'do') steps.push(step.act.action);
  }
  for (const entry of plan.rollback) if (entry.kind === 'do') steps.push(entry.action);
  return steps;
}
