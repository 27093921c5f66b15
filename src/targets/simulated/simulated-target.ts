// The simulated target: the cluster model of SIMULATOR.md behind the Target port, on the injected clock.
import { ok, type Outcome } from '../../errors/drill-error.js';
import type { Clock } from '../../time/clock.js';
import type { Inventory, Snapshot } from '../cluster-state.js';
import type { SimulatedTargetConfig } from '../target-config.js';
import { undoOf, type Action, type ChangeBatch, type ClusterEvent, type Effect, type Fault, type Target, type Undo } from '../target.js';
import { performAction, restoreAll } from './actions.js';
import { Agenda } from './agenda.js';
import { buildModel } from './build-model.js';
import { unknownName } from './effects.js';
import { EventFeed } from './event-feed.js';
import { injectFault } from './faults.js';
import type { ClusterModel } from './model.js';
import { ObservationCache } from './observation.js';
import { runTask } from './run-task.js';
import type { Sim } from './sim.js';
import { exportSimulator, importSimulator, type SimulatorState } from './simulator-state.js';
import { applyUndo } from './undos.js';
import { isFaultName } from '../catalogue.js';

export interface SimulatedTarget extends Target {
  readonly driver: 'simulated';
  watch(listener: (batch: ChangeBatch) => void): () => void;
  /** Undoes every fault still in effect (the `restore` action of the catalogue). */
  restore(): Promise<Outcome<Effect>>;
  /** Every event so far, in order (the journal's replay source and the determinism check). */
  events(): readonly ClusterEvent[];
  /** Synchronous snapshot (what `observe()` resolves to), for benchmarks and tests. */
  snapshot(): Snapshot;
  /** The live model, read-only (hidden truth for invariant checks in tests; do not keep it). */
  peek(): Readonly<ClusterModel>;
  /** The whole simulator as JSON-safe data: model, clock time, pending timers, events. */
  exportState(): SimulatorState;
  /** Replaces the simulator with an exported one; the clock should stand at `state.now`. */
  importState(state: SimulatorState): void;
}

export interface SimulatedTargetOptions {
  /** Overrides the target file's seed (`--seed`). */
  readonly seed?: number;
}

/** A simulated cluster on the given clock; `options.seed` overrides the config's seed (`--seed`). */
export function createSimulatedTarget(config: SimulatedTargetConfig, clock: Clock, options: SimulatedTargetOptions = {}): SimulatedTarget {
  return new SimulatedCluster(config, clock, buildModel(config, options.seed ?? config.seed, clock.now()));
}

class SimulatedCluster implements SimulatedTarget {
  readonly driver = 'simulated' as const;
  readonly name: string;
  readonly #clock: Clock;
  readonly #observations = new ObservationCache();
  #sim: Sim;
  #closed = false;

  constructor(config: SimulatedTargetConfig, clock: Clock, model: ClusterModel) {
    this.name = config.name;
    this.#clock = clock;
    this.#sim = this.#wire(config, model);
  }

  /** Builds the running context around a model: indexes, agenda, event feed. */
  #wire(config: SimulatedTargetConfig, model: ClusterModel): Sim {
    const owned = model.nodes.map(() => new Set<number>());
    const inbound = model.nodes.map(() => 0);
    model.vms.forEach((vm, v) => {
      owned[vm.owner]!.add(v);
      if (vm.migratingTo !== undefined) inbound[vm.migratingTo]!++;
    });
    const events = new EventFeed(this.#clock);
    const sim: Sim = {
      config,
      clock: this.#clock,
      model,
      agenda: new Agenda(
        this.#clock,
        (task) => {
          events.beginInstant();
          runTask(sim, task);
        },
        () => events.flush(),
      ),
      events,
      nodeIndex: new Map(model.nodes.map((n, i) => [n.name, i])),
      vmIndex: new Map(model.vms.map((vm, i) => [vm.name, i])),
      owned,
      inbound,
      dirtyVms: new Set(),
      dirty: { nodes: true },
    };
    return sim;
  }

  async inventory(): Promise<Outcome<Inventory>> {
    const { config, model } = this.#sim;
    return ok({
      cluster: config.cluster,
      nodes: model.nodes.map((node) => ({ name: node.name, networks: config.networks.map((net) => ({ name: net.name, nics: [...net.nics] })) })),
      vms: model.vms.map((vm) => ({
        name: vm.name,
        owner: model.nodes[vm.owner]!.name,
        storage: vm.storage,
        memoryBytes: vm.memoryBytes,
        configVersion: vm.configVersion,
        resilient: vm.resilient,
      })),
    });
  }

  async observe(): Promise<Outcome<Snapshot>> {
    return ok(this.snapshot());
  }

  snapshot(): Snapshot {
    return this.#observations.snapshot(this.#sim);
  }

  watch(listener: (batch: ChangeBatch) => void): () => void {
    return this.#sim.events.watch(listener);
  }

  async inject(fault: Fault): Promise<Outcome<{ readonly undo: Undo; readonly effect: Effect }>> {
    if (!isFaultName(fault.fault)) return unknownName(`unknown fault ${JSON.stringify(fault.fault)}`);
    const outcome = injectFault(this.#sim, fault);
    return outcome.ok ? ok({ undo: undoOf(fault), effect: outcome.value }) : outcome;
  }

  async act(action: Action): Promise<Outcome<Effect>> {
    return performAction(this.#sim, action);
  }

  async undo(undo: Undo): Promise<Outcome<Effect>> {
    const known = ['start-cluster-service', 'lift-partition', 'enable-nic', 'power-on-node', 'restore-storage', 'thaw-vm'];
    if (!known.includes(undo.undo)) return unknownName(`unknown undo ${JSON.stringify(undo.undo)}`);
    return applyUndo(this.#sim, undo);
  }

  async restore(): Promise<Outcome<Effect>> {
    return restoreAll(this.#sim);
  }

  events(): readonly ClusterEvent[] {
    return this.#sim.events.log();
  }

  peek(): Readonly<ClusterModel> {
    return this.#sim.model;
  }

  exportState(): SimulatorState {
    return exportSimulator(this.#sim);
  }

  importState(state: SimulatorState): void {
    this.#sim.agenda.stop();
    this.#sim.events.close();
    const sim = this.#wire(state.config, importSimulator(state));
    sim.agenda.restore(state.tasks, state.counters);
    sim.events.restoreLog(state.events);
    this.#sim = sim;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#sim.agenda.stop();
    this.#sim.events.close();
  }
}
