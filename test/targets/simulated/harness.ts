// A simulated cluster on a virtual clock for scenario tests: advance time, read nodes and VMs by name.
import { expect } from 'vitest';
import type { NodeObservation, VmObservation } from '../../../src/targets/cluster-state.js';
import { defaultSimulatedConfig } from '../../../src/targets/simulated/default-config.js';
import { createSimulatedTarget, type SimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import type { SimulatedTargetConfig } from '../../../src/targets/target-config.js';
import type { Action, ChangeBatch, Fault } from '../../../src/targets/target.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';

export const s = (seconds: number): number => seconds * 1000;
export const GiB = 1024 ** 3;

/** The default config with some fields replaced (cluster and behaviour merged). */
export function configWith(change: {
  cluster?: Partial<SimulatedTargetConfig['cluster']>;
  behaviour?: Partial<SimulatedTargetConfig['behaviour']>;
  rest?: Partial<Omit<SimulatedTargetConfig, 'cluster' | 'behaviour'>>;
} = {}): SimulatedTargetConfig {
  const base = defaultSimulatedConfig();
  return {
    ...base,
    ...change.rest,
    cluster: { ...base.cluster, ...change.cluster },
    behaviour: { ...base.behaviour, ...change.behaviour },
  };
}

export class Cluster {
  readonly clock = new VirtualClock();
  readonly target: SimulatedTarget;
  readonly batches: ChangeBatch[] = [];
  /** Owners when the cluster was built (the inventory). */
  readonly initialOwner = new Map<string, string>();

  constructor(config: SimulatedTargetConfig = defaultSimulatedConfig(), seed?: number) {
    this.target = createSimulatedTarget(config, this.clock, seed === undefined ? {} : { seed });
    this.target.watch((b) => this.batches.push(b));
    for (const vm of this.target.snapshot().vms) this.initialOwner.set(vm.name, vm.owner);
  }

  /** Advances virtual time to `ms` (absolute), firing every timer due by then. */
  at(ms: number): this {
    this.clock.advanceTo(ms);
    return this;
  }

  async inject(fault: Fault): Promise<void> {
    const outcome = await this.target.inject(fault);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  }

  async act(action: Action): Promise<void> {
    const outcome = await this.target.act(action);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  }

  node(name: string): NodeObservation {
    const node = this.target.snapshot().nodes.find((n) => n.name === name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  }

  vm(name: string): VmObservation {
    const vm = this.target.snapshot().vms.find((v) => v.name === name);
    if (!vm) throw new Error(`no vm ${name}`);
    return vm;
  }

  /** VMs initially owned by a node, optionally filtered. */
  initiallyOn(node: string, filter: (name: string) => boolean = () => true): string[] {
    return [...this.initialOwner].filter(([name, owner]) => owner === node && filter(name)).map(([name]) => name);
  }

  /** Time of the first event of a kind (optionally about a node or VM), or undefined. */
  firstEvent(kind: string, subject: { node?: string; vm?: string } = {}, after = -Infinity): number | undefined {
    return this.target
      .events()
      .find((e) => e.kind === kind && e.at >= after && (subject.node === undefined || e.node === subject.node) && (subject.vm === undefined || e.vm === subject.vm))?.at;
  }

  /** Times at which a VM changed to a given state. */
  stateTimes(vm: string, state: string): number[] {
    return this.target
      .events()
      .filter((e) => e.kind === 'vm-state' && e.vm === vm && e.text.includes(` is ${state} `))
      .map((e) => e.at);
  }
}

// Names in the default cluster (VMs round-robin over HV01..HV04: HV01 has VM0001, VM0005, ...).
export const csvOnHV01 = ['VM0001', 'VM0005', 'VM0009', 'VM0013', 'VM0017', 'VM0021'];
export const smbOnHV01 = ['VM0025', 'VM0029', 'VM0033'];
export const oldOnHV01 = ['VM0037'];
