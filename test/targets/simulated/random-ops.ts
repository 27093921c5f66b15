// Random fault and action sequences over a simulated cluster, for the property tests.
import fc from 'fast-check';
import type { Action, Fault, Undo } from '../../../src/targets/target.js';

export type Op =
  | { readonly kind: 'fault'; readonly fault: Fault }
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'undo'; readonly undo: Undo }
  | { readonly kind: 'restore' };

export interface TimedOp {
  /** Virtual time to wait before the op (ms). */
  readonly gapMs: number;
  readonly op: Op;
}

const nics = ['NIC1', 'NIC2', 'NIC3'];

/** One op on a cluster of `nodes` nodes and `vms` VMs (names as the default config makes them). */
export function opArbitrary(nodes: readonly string[], vmCount: number, crashWeight = 0): fc.Arbitrary<Op> {
  const node = fc.constantFrom(...nodes);
  const vm = fc.integer({ min: 1, max: vmCount }).map((i) => `VM${String(i).padStart(4, '0')}`);
  const forMs = fc.integer({ min: 1, max: 400 }).map((sec) => sec * 1000);
  const fault: fc.Arbitrary<Fault> = fc.oneof(
    node.map((n) => ({ fault: 'crash-cluster-service' as const, node: n })),
    node.map((n) => ({ fault: 'stop-cluster-service' as const, node: n })),
    fc.tuple(node, forMs).map(([n, f]) => ({ fault: 'partition-node' as const, node: n, forMs: f })),
    fc.tuple(node, fc.constantFrom(...nics), fc.option(forMs, { nil: undefined })).map(([n, nic, f]) =>
      f === undefined ? { fault: 'fail-nic' as const, node: n, nic } : { fault: 'fail-nic' as const, node: n, nic, forMs: f },
    ),
    node.map((n) => ({ fault: 'power-off-node' as const, node: n })),
    fc.tuple(node, forMs).map(([n, f]) => ({ fault: 'lose-storage' as const, node: n, forMs: f })),
    fc.tuple(vm, forMs).map(([v, f]) => ({ fault: 'freeze-vm' as const, vm: v, forMs: f })),
  );
  const action: fc.Arbitrary<Action> = fc.oneof(
    node.map((n) => ({ action: 'clear-quarantine' as const, node: n })),
    node.map((n) => ({ action: 'start-cluster-service' as const, node: n })),
    node.map((n) => ({ action: 'drain-node' as const, node: n })),
    fc.tuple(node, fc.constantFrom('immediate' as const, 'none' as const)).map(([n, f]) => ({ action: 'resume-node' as const, node: n, failback: f })),
    fc.tuple(vm, node, fc.constantFrom('live' as const, 'quick' as const)).map(([v, to, type]) => ({ action: 'move-vm' as const, vm: v, to, type })),
    node.map((n) => ({ action: 'power-on-node' as const, node: n })),
  );
  const undo: fc.Arbitrary<Undo> = fc.oneof(
    node.map((n) => ({ undo: 'start-cluster-service' as const, node: n })),
    node.map((n) => ({ undo: 'lift-partition' as const, node: n })),
    fc.tuple(node, fc.constantFrom(...nics)).map(([n, nic]) => ({ undo: 'enable-nic' as const, node: n, nic })),
    node.map((n) => ({ undo: 'power-on-node' as const, node: n })),
    node.map((n) => ({ undo: 'restore-storage' as const, node: n })),
    vm.map((v) => ({ undo: 'thaw-vm' as const, vm: v })),
  );
  const crash = node.map((n): Op => ({ kind: 'fault', fault: { fault: 'crash-cluster-service', node: n } }));
  return fc.oneof(
    { weight: crashWeight, arbitrary: crash },
    { weight: 4, arbitrary: fault.map((f) => ({ kind: 'fault' as const, fault: f })) },
    { weight: 3, arbitrary: action.map((a) => ({ kind: 'action' as const, action: a })) },
    { weight: 2, arbitrary: undo.map((u) => ({ kind: 'undo' as const, undo: u })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'restore' as const }) },
  );
}

/** A sequence of ops with waits between them (0 to 5 minutes, often at the same instant). */
export function scriptArbitrary(nodes: readonly string[], vmCount: number, maxLength = 20): fc.Arbitrary<TimedOp[]> {
  const gap = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300 }).map((sec) => sec * 1000));
  return fc.array(fc.record({ gapMs: gap, op: opArbitrary(nodes, vmCount) }), { minLength: 1, maxLength });
}

/**
 * Mostly cluster-service crashes on a few nodes, about a minute or two apart: sequences that reach
 * quarantine thresholds on several nodes within the hour, so the cap is exercised.
 */
export function crashHeavyArbitrary(nodes: readonly string[], vmCount: number): fc.Arbitrary<TimedOp[]> {
  const gap = fc.integer({ min: 0, max: 150 }).map((sec) => sec * 1000);
  return fc.array(fc.record({ gapMs: gap, op: opArbitrary(nodes, vmCount, 40) }), { minLength: 10, maxLength: 40 });
}
