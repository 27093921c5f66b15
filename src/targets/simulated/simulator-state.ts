// Export and import of the whole simulator as JSON-safe data, so a process can persist the
// simulated cluster to a file and another can carry on from it (a fake pwsh between processes).
import type { SimulatedTargetConfig } from '../target-config.js';
import type { ClusterEvent } from '../target.js';
import type { ClusterModel, ScheduledTask } from './model.js';
import type { Sim } from './sim.js';

export interface SimulatorState {
  readonly version: 1;
  readonly config: SimulatedTargetConfig;
  /** Clock time of the export (ms). */
  readonly now: number;
  readonly model: ClusterModel;
  /** Pending timers, with due times on the same clock. */
  readonly tasks: readonly ScheduledTask[];
  readonly counters: { readonly nextId: number; readonly seq: number };
  readonly events: readonly ClusterEvent[];
}

/** A deep copy of the simulator's data (no live references escape). */
export function exportSimulator(sim: Sim): SimulatorState {
  const state: SimulatorState = {
    version: 1,
    config: sim.config,
    now: sim.clock.now(),
    model: sim.model,
    tasks: sim.agenda.pending(),
    counters: sim.agenda.counters(),
    events: sim.events.log(),
  };
  return JSON.parse(JSON.stringify(state, (_key, value: unknown) => (value === undefined ? null : value)), revive) as SimulatorState;
}

/** A fresh model from exported data. */
export function importSimulator(state: SimulatorState): ClusterModel {
  if (state.version !== 1) throw new Error(`unsupported simulator state version ${String(state.version)}`);
  return JSON.parse(JSON.stringify(state.model, (_key, value: unknown) => (value === undefined ? null : value)), revive) as ClusterModel;
}

/** JSON has no undefined: optional fields travel as null and come back as undefined. */
function revive(_key: string, value: unknown): unknown {
  return value === null ? undefined : value;
}
