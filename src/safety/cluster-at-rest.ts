// The steady state `drill cleanup` waits for after replaying undos: the runbook's own steady state when
// the run recorded it, otherwise every node Up and Normal and every VM Running. Polled on the clock
// until it holds or the settle time runs out, since a restarted service takes a while to rejoin.
import { judgeSteadyBefore } from '../engine/steady-state.js';
import { indexSnapshot } from '../engine/snapshot-index.js';
import type { Snapshot } from '../targets/cluster-state.js';
import type { Target } from '../targets/target.js';
import type { Clock } from '../time/clock.js';
import type { RunStarted } from './run-record.js';

/** What keeps a snapshot from being at rest: nodes not Up and Normal, VMs not Running (up to five each). */
export function atRestProblems(snapshot: Snapshot): string[] {
  const nodes = snapshot.nodes
    .filter((n) => n.state !== 'Up' || n.isolated || n.quarantined)
    .map((n) => `node ${n.name} is ${[n.state, n.isolated ? 'isolated' : '', n.quarantined ? 'quarantined' : ''].filter(Boolean).join(', ')}`);
  const vms = snapshot.vms.filter((v) => v.state !== 'Running').map((v) => `VM ${v.name} is ${v.state ?? 'unknown (its host cannot be queried)'}`);
  const cap = (list: string[]) => (list.length > 5 ? [...list.slice(0, 5), `${list.length - 5} more`] : list);
  return [...cap(nodes), ...cap(vms)];
}

/** Problems against the runbook's recorded steady state. */
export function steadyStateProblems(snapshot: Snapshot, recorded: NonNullable<RunStarted['steadyState']>): string[] {
  const records = judgeSteadyBefore(recorded.checks, indexSnapshot(snapshot), recorded.vars);
  return records.filter((r) => r.verdict !== 'pass').map((r) => `${r.text}: ${r.reason}`);
}

export type SteadyCheck = (snapshot: Snapshot) => string[];

/** The check cleanup applies for a run. */
export const steadyCheckFor = (started: RunStarted): SteadyCheck =>
  started.steadyState ? (s) => steadyStateProblems(s, started.steadyState!) : atRestProblems;

export type SteadyOutcome = { readonly ok: true; readonly at: number } | { readonly ok: false; readonly problems: readonly string[] };

/** Observes until the check passes or `settleMs` has passed on the clock; the last problems otherwise. */
export async function awaitSteadyState(target: Target, check: SteadyCheck, options: { clock: Clock; settleMs: number; pollMs: number }): Promise<SteadyOutcome> {
  const { clock } = options;
  const deadline = clock.now() + options.settleMs;
  let problems: string[] = ['the cluster was not observed'];
  for (;;) {
    const snapshot = await target.observe();
    problems = snapshot.ok ? check(snapshot.value) : [`could not observe the cluster: ${snapshot.error.message}`];
    if (problems.length === 0) return { ok: true, at: clock.now() };
    if (clock.now() >= deadline) return { ok: false, problems };
    await clock.sleep(Math.min(options.pollMs, Math.max(0, deadline - clock.now())));
  }
}
