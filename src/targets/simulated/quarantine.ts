// Node quarantine: the `quarantineThreshold`-th isolation within the trailing hour quarantines a
// node when it rejoins (1672), within the cap; the quarantine ends when it expires or is cleared.
import { cancelDrain, startDrain } from './drain.js';
import { startJoin } from './membership.js';
import { hasBug, nodeEvent, nodeOf, now, reachesCluster, type Sim } from './sim.js';

/** The trailing window isolations are counted in: one hour, fixed by Windows ([C]). */
export const quarantineWindowMs = 3_600_000;

/** At most this many nodes quarantined at once: floor(fraction x nodes), at least one ([C2]). */
export const quarantineCap = (sim: Sim): number =>
  Math.max(1, Math.floor(sim.config.cluster.quarantineCapFraction * sim.model.nodes.length));

/** Counts an isolation now, forgetting those older than the window. */
export function recordIsolation(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  const t = now(sim);
  node.isolations = node.isolations.filter((at) => at > t - quarantineWindowMs);
  node.isolations.push(t);
}

/** Isolations of the node within the trailing hour. */
export const isolationsInWindow = (sim: Sim, n: number): number =>
  nodeOf(sim, n).isolations.filter((at) => at > now(sim) - quarantineWindowMs).length;

/** On rejoin: quarantine the node if it reached the threshold and the cap allows; else record the refusal. */
export function maybeQuarantine(sim: Sim, n: number): void {
  const node = nodeOf(sim, n);
  const count = isolationsInWindow(sim, n);
  if (node.quarantined || count < sim.config.cluster.quarantineThreshold) return;
  const quarantined = sim.model.nodes.filter((x) => x.quarantined).length;
  const cap = quarantineCap(sim);
  if (quarantined >= cap) {
    nodeEvent(sim, n, 'quarantine-refused', `${node.name} reached ${count} isolations within the hour but ${quarantined} of at most ${cap} nodes are already quarantined; it rejoins normally`);
    return;
  }
  node.quarantined = true;
  node.quarantineUntil = now(sim) + sim.config.cluster.quarantineDurationMs;
  node.timers.expiry = sim.agenda.schedule({ kind: 'quarantine-expiry', node: n }, sim.config.cluster.quarantineDurationMs);
  nodeEvent(sim, n, 'node-quarantined', `${node.name} is quarantined after ${count} isolations within the hour (1672)`);
  // Bug `quarantine-skips-drain`: the quarantined node keeps its VMs.
  if (!hasBug(sim, 'quarantine-skips-drain')) startDrain(sim, n, 'quarantine');
}

/**
 * Ends a quarantine (expired or cleared): isolation count reset ([I] on expiry too), the node joins if it
 * can. [I] Cleared while still draining: queued migrations are dropped and the node stays Up.
 */
export function liftQuarantine(sim: Sim, n: number, how: 'expired' | 'cleared'): void {
  const node = nodeOf(sim, n);
  sim.agenda.cancel(node.timers.expiry);
  node.timers.expiry = undefined;
  node.quarantined = false;
  node.quarantineUntil = undefined;
  node.isolations = [];
  nodeEvent(sim, n, `quarantine-${how}`, `${node.name} quarantine ${how === 'expired' ? 'expired' : 'cleared'}`);
  if (node.drainPurpose === 'quarantine') cancelDrain(sim, n);
  if (node.state === 'Down' && reachesCluster(sim, node)) startJoin(sim, n);
}
