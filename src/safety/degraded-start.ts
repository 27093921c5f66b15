// The degraded-start guard at the door of a run: nothing is injected while a node is not Up and Normal,
// unless the runbook sets settings.allowDegradedStart. One observation before the engine starts; a target
// that cannot be observed is left to the engine, which reports it in the journal.
import { DrillError } from '../errors/drill-error.js';
import type { RunSettings } from '../runbook/model.js';
import type { Target } from '../targets/target.js';
import { degradedStartRefusal } from './preflight-guards.js';

/** Throws DrillError('preflight-failed', exit 3) when the cluster is degraded and the runbook does not allow it. */
export async function refuseDegradedStart(target: Target, settings: Pick<RunSettings, 'allowDegradedStart'>): Promise<void> {
  if (settings.allowDegradedStart) return;
  const snapshot = await target.observe();
  if (!snapshot.ok) return;
  const refusal = degradedStartRefusal(snapshot.value, settings);
  if (refusal) throw new DrillError('preflight-failed', `refused before anything was injected: ${refusal}`);
}
