// The guards at the door of a run, on one observation before the engine starts: a destructive fault on a
// target not marked lab, more nodes faulted than settings.maxNodesAffected (after vars are resolved), a
// node not Up and Normal (unless settings.allowDegradedStart), an injection that would cost quorum on
// the cluster as it is now. A target that cannot be read is left to the engine, which journals it.
import { planDrill } from '../engine/index.js';
import { evaluateDuration } from '../runbook/duration.js';
import type { Runbook } from '../runbook/model.js';
import { resolveVars } from '../runbook/resolve-vars.js';
import type { TargetConfig } from '../targets/target-config.js';
import type { Target } from '../targets/target.js';
import { checkPreflight } from './preflight-guards.js';

export interface DoorInput {
  readonly target: Target;
  readonly config: TargetConfig;
  readonly runbook: Runbook;
  readonly vars: Readonly<Record<string, string>>;
  readonly seed?: number;
}

/** Throws DrillError('preflight-failed', exit 3) listing every refusal; invalid input (exit 2) as planning finds it. */
export async function refuseAtTheDoor(input: DoorInput): Promise<void> {
  const [inventory, snapshot] = await Promise.all([input.target.inventory(), input.target.observe()]);
  if (!inventory.ok || !snapshot.ok) return;
  const plan = planDrill({
    runbook: input.runbook,
    inventory: inventory.value,
    resolveVars,
    evaluateDuration,
    overrides: input.vars,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
  });
  checkPreflight({ plan, snapshot: snapshot.value, target: input.config, settings: input.runbook.settings });
}
