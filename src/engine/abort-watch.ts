// Stop conditions: checked on every observation from the first step until the rollback starts. One
// with `for` fires when it has held that long (at the moment it has, even without a newer observation).
import { compileCondition, type CompiledCondition } from './conditions.js';
import { formatDuration } from './format-duration.js';
import { fixMembers } from './members.js';
import type { ResolvedVars } from './node-refs.js';
import type { PlannedAbort } from './plan-model.js';
import type { SnapshotIndex } from './snapshot-index.js';

interface AbortEntry {
  readonly plan: PlannedAbort;
  readonly condition: CompiledCondition;
  /** Fixed at the first observation the watch sees (the set a `vms: { on }` names then). */
  readonly members: readonly string[] | null;
  /** Since when it has held without interruption; null when it does not hold. */
  readonly since: number | null;
}

export interface AbortWatch {
  readonly entries: readonly AbortEntry[];
  readonly fired: { readonly at: number; readonly text: string } | null;
}

/** A watch over the runbook's stop conditions; nothing has held yet. */
export function openAbortWatch(plans: readonly PlannedAbort[], vars: ResolvedVars): AbortWatch {
  return {
    entries: plans.map((plan) => ({ plan, condition: compileCondition(plan.condition, plan.subject.kind, vars), members: null, since: null })),
    fired: null,
  };
}

/** Applies an observation; returns the new watch and the times at which a `for` would complete. */
export function abortReading(w: AbortWatch, index: SnapshotIndex): { watch: AbortWatch; wakeAt: number[] } {
  if (w.fired) return { watch: w, wakeAt: [] };
  const at = index.at;
  const wakeAt: number[] = [];
  let fired: AbortWatch['fired'] = null;
  const entries = w.entries.map((e) => {
    const members = e.members ?? fixMembers(e.plan.subject, index);
    const holds = e.condition.evaluate(index, members) === true;
    const since = holds ? (e.since ?? at) : null;
    if (since !== null && fired === null) {
      const forMs = e.plan.forMs ?? 0;
      if (at - since >= forMs) fired = { at, text: firedText(e.plan, since, at) };
      else if (e.since === null) wakeAt.push(since + forMs);
    }
    return { ...e, members, since };
  });
  return { watch: { entries, fired }, wakeAt };
}

/** Time has reached `now`: a condition that has held for its whole `for` fires. */
export function abortTime(w: AbortWatch, now: number): AbortWatch {
  if (w.fired) return w;
  for (const e of w.entries) {
    if (e.since !== null && now - e.since >= (e.plan.forMs ?? 0)) return { ...w, fired: { at: now, text: firedText(e.plan, e.since, now) } };
  }
  return w;
}

/** What the journal says when a stop condition fires. */
const firedText = (plan: PlannedAbort, since: number, at: number): string =>
  plan.forMs === null
    ? `stop condition '${plan.text}' held`
    : `stop condition '${plan.text}' held for ${formatDuration(at - since)} (limit ${formatDuration(plan.forMs)})`;
