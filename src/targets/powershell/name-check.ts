// Names are checked against the inventory before anything is sent to the agent (DESIGN.md, Safety).
import type { TargetFailure } from '../../errors/drill-error.js';
import type { Inventory } from '../cluster-state.js';
import type { StepInput } from './step-scripts.js';

const unknown = (what: string, name: string, cluster: string): TargetFailure => ({
  code: 'unknown-name',
  message: `${what} "${name}" is not in the inventory of cluster ${cluster}`,
  retryable: false,
});

/** The first name of a fault, action or undo that the inventory does not hold, as a failure; else undefined. */
export function checkNames(input: StepInput, inventory: Inventory): TargetFailure | undefined {
  const cluster = inventory.cluster.name;
  const nodes = new Set(inventory.nodes.map((n) => n.name));
  const record = input as Partial<Record<'node' | 'vm' | 'to' | 'nic', string>>;
  if (record.node !== undefined && !nodes.has(record.node)) return unknown('node', record.node, cluster);
  if (record.to !== undefined && !nodes.has(record.to)) return unknown('node', record.to, cluster);
  if (record.vm !== undefined && !inventory.vms.some((v) => v.name === record.vm)) return unknown('VM', record.vm, cluster);
  if (record.nic !== undefined) {
    const node = inventory.nodes.find((n) => n.name === record.node);
    const nics = new Set(node?.networks.flatMap((n) => n.nics) ?? []);
    if (!nics.has(record.nic)) return unknown(`NIC of ${record.node ?? '?'}`, record.nic, cluster);
  }
  return undefined;
}
