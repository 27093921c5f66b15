// Outcome helpers shared by faults, actions and undos: what happened, in words.
import { failed, ok, type Outcome } from '../../errors/drill-error.js';
import type { Effect } from '../target.js';
import type { Sim } from './sim.js';

/** The request changed the cluster. */
export const changed = (message: string): Outcome<Effect> => ok({ changed: true, message });

/** An idempotent no-op: already so. */
export const unchanged = (message: string): Outcome<Effect> => ok({ changed: false, message });

/** The cluster cannot do this in its present state. */
export const refused = (message: string): Outcome<never> => failed({ code: 'refused', message, retryable: false });

/** A name that is not in the inventory. */
export const unknownName = (message: string): Outcome<never> => failed({ code: 'unknown-name', message, retryable: false });

/** Looks a node up by name. */
export function findNode(sim: Sim, name: string): { n: number } | { error: Outcome<never> } {
  const n = sim.nodeIndex.get(name);
  return n === undefined ? { error: unknownName(`no node named ${JSON.stringify(name)} in cluster ${sim.config.cluster.name}`) } : { n };
}

/** Looks a VM up by name. */
export function findVm(sim: Sim, name: string): { v: number } | { error: Outcome<never> } {
  const v = sim.vmIndex.get(name);
  return v === undefined ? { error: unknownName(`no VM named ${JSON.stringify(name)} in cluster ${sim.config.cluster.name}`) } : { v };
}
