// A scripted fake target for engine tests: node and VM states change at scripted times on a virtual
// clock (or in reaction to injections), pushed as ChangeBatches (watch mode) or read by polls.
import { failed, ok, type Outcome, type TargetFailure } from '../../src/errors/drill-error.js';
import type {
  ClusterSettings,
  Inventory,
  NodeObservation,
  Snapshot,
  Storage,
  VmObservation,
} from '../../src/targets/cluster-state.js';
import { undoOf, type Action, type ChangeBatch, type Effect, type Fault, type Target, type Undo } from '../../src/targets/target.js';
import type { VirtualClock } from '../../src/time/virtual-clock.js';

export const testCluster: ClusterSettings = {
  name: 'TEST',
  resiliencyLevel: 'AlwaysIsolate',
  resiliencyDefaultPeriodMs: 240_000,
  quarantineThreshold: 3,
  quarantineDurationMs: 7_200_000,
  heartbeatDelayMs: 1000,
  heartbeatThreshold: 10,
  liveMigrationConcurrent: 2,
  liveMigrationBandwidthBps: 10e9,
  quarantineCapFraction: 0.25,
};

export interface FakeVm {
  readonly name: string;
  readonly owner: string;
  readonly storage?: Storage;
  readonly resilient?: boolean;
}

export interface FakeTargetOptions {
  readonly nodes?: readonly string[];
  /** Default: 2 VMs per node, VM01.. round-robin. */
  readonly vms?: readonly FakeVm[];
  /** `watch`: pushes a ChangeBatch per instant with changes (like the simulator); `poll`: no watch. */
  readonly mode?: 'watch' | 'poll';
  readonly cluster?: Partial<ClusterSettings>;
}

type NodePatch = Partial<Omit<NodeObservation, 'name'>>;
type VmPatch = Partial<Omit<VmObservation, 'name'>>;

/** What the fake does when a fault is injected: schedule changes relative to the injection. */
export type Reaction = (fault: Fault, fake: FakeTarget) => void;

export class FakeTarget implements Target {
  readonly driver = 'simulated' as const;
  readonly name = 'fake';
  readonly clock: VirtualClock;
  readonly inventoryValue: Inventory;
  readonly calls: string[] = [];
  readonly injected: Fault[] = [];
  readonly undone: Undo[] = [];
  readonly acted: Action[] = [];
  #nodes = new Map<string, NodeObservation>();
  #vms = new Map<string, VmObservation>();
  #listeners = new Set<(b: ChangeBatch) => void>();
  #mode: 'watch' | 'poll';
  /** Observations fail while this returns a failure (a target error: an observation gap). */
  observeFails: (now: number) => boolean = () => false;
  /** An injection fails with this (or throws when `throws`). */
  injectFailure: TargetFailure | 'throws' | null = null;
  /** Each undo of these kinds fails this many more times. */
  undoFailures = new Map<string, number>();
  actFailure: TargetFailure | null = null;
  reaction: Reaction | null = null;

  constructor(clock: VirtualClock, options: FakeTargetOptions = {}) {
    this.clock = clock;
    this.#mode = options.mode ?? 'watch';
    const nodes = options.nodes ?? ['HV01', 'HV02', 'HV03', 'HV04'];
    const vms: readonly FakeVm[] = options.vms ?? Array.from({ length: nodes.length * 2 }, (_, i) => ({ name: `VM${String(i + 1).padStart(2, '0')}`, owner: nodes[i % nodes.length]! }));
    for (const n of nodes) this.#nodes.set(n, { name: n, state: 'Up', isolated: false, quarantined: false, drain: 'NotInitiated' });
    vms.forEach((v, i) =>
      this.#vms.set(v.name, { name: v.name, owner: v.owner, state: 'Running', heartbeat: 'Ok', monitored: true, group: 'Online', bootTime: -1000 - i }),
    );
    this.inventoryValue = {
      cluster: { ...testCluster, ...options.cluster },
      nodes: nodes.map((name) => ({ name, networks: [{ name: 'Management', nics: ['NIC1', 'NIC2'] }] })),
      vms: vms.map((v) => ({
        name: v.name,
        owner: v.owner,
        storage: v.storage ?? 'csv',
        memoryBytes: 2 ** 30,
        configVersion: v.resilient === false ? '5.0' : '8.0',
        resilient: v.resilient ?? true,
      })),
    };
    if (this.#mode === 'watch') this.watch = (listener) => {
      this.#listeners.add(listener);
      return () => this.#listeners.delete(listener);
    };
  }

  watch?: (listener: (batch: ChangeBatch) => void) => () => void;

  /** Changes a node now (and pushes the change). */
  setNode(name: string, patch: NodePatch): void {
    this.#nodes.set(name, { ...this.#nodes.get(name)!, ...patch });
    this.#push(`node ${name} ${JSON.stringify(patch)}`);
  }

  /** Changes VMs now (and pushes one batch). */
  setVms(names: readonly string[], patch: VmPatch): void {
    for (const name of names) this.#vms.set(name, { ...this.#vms.get(name)!, ...patch });
    this.#push(`vms ${names.join(',')} ${JSON.stringify(patch)}`);
  }

  /** Schedules a change `delay` ms from now. */
  after(delay: number, change: () => void): void {
    this.clock.setTimeout(change, delay);
  }

  vmsOn(node: string): string[] {
    return [...this.#vms.values()].filter((v) => v.owner === node).map((v) => v.name);
  }

  #push(text: string): void {
    const at = this.clock.now();
    for (const l of this.#listeners) l({ at, events: [{ at, kind: 'fake-change', text }] });
  }

  async inventory(): Promise<Outcome<Inventory>> {
    this.calls.push('inventory');
    return ok(this.inventoryValue);
  }

  async observe(): Promise<Outcome<Snapshot>> {
    const at = this.clock.now();
    if (this.observeFails(at)) return failed({ code: 'timeout', message: 'no answer', retryable: true });
    return ok({ at, nodes: [...this.#nodes.values()], vms: [...this.#vms.values()] });
  }

  async inject(fault: Fault): Promise<Outcome<{ undo: Undo; effect: Effect }>> {
    this.calls.push(`inject ${fault.fault}`);
    if (this.injectFailure === 'throws') throw new Error('the adapter crashed');
    if (this.injectFailure) return failed(this.injectFailure);
    this.injected.push(fault);
    this.reaction?.(fault, this);
    return ok({ undo: undoOf(fault), effect: { changed: true, message: 'done' } });
  }

  async act(action: Action): Promise<Outcome<Effect>> {
    this.calls.push(`act ${action.action}`);
    if (this.actFailure) return failed(this.actFailure);
    this.acted.push(action);
    return ok({ changed: true, message: 'done' });
  }

  async undo(undo: Undo): Promise<Outcome<Effect>> {
    this.calls.push(`undo ${undo.undo}@${this.clock.now()}`);
    const left = this.undoFailures.get(undo.undo) ?? 0;
    if (left > 0) {
      this.undoFailures.set(undo.undo, left - 1);
      return failed({ code: 'timeout', message: 'undo timed out', retryable: true });
    }
    this.undone.push(undo);
    return ok({ changed: true, message: 'undone' });
  }

  async close(): Promise<void> {}
}
