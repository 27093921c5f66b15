// Faults and actions with their parameters, checked against the catalogue (which parameters each takes).
import { actionCatalogue, faultCatalogue, isActionName, isFaultName, type CatalogueEntry } from '../../targets/catalogue.js';
import type { ActionSpec, Duration, FaultSpec, NodeRef } from '../model.js';
import { parameterKeys, type ParameterInput } from '../schema/step-schema.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import type { BuildContext } from './build-context.js';

/** Parameters as read, before they are assembled into the spec of one fault or action. */
interface Parameters {
  node?: NodeRef;
  to?: NodeRef;
  vm?: string;
  nic?: string;
  for?: Duration;
  type?: 'live' | 'quick';
  failback?: 'immediate' | 'none';
}

/**
 * Reads the parameters written beside `inject`/`do` and checks them against the catalogue entry:
 * every required one present, none that the fault or action does not take.
 */
function readParameters(entry: CatalogueEntry, input: ParameterInput, path: YamlPath, kindKey: string, context: BuildContext): Parameters | undefined {
  const before = context.diagnostics.length;
  const takes = entry.parameters.map((p) => p.name);
  for (const key of parameterKeys) {
    if (input[key] !== undefined && !takes.includes(key)) {
      const list = takes.length === 0 ? 'it takes no parameters' : `it takes ${takes.join(', ')}`;
      context.report(context.fieldAt(path, key), 'unknown-field', `'${key}' is not a parameter of ${entry.name} (${list})`);
    }
  }
  for (const p of entry.parameters) {
    if (p.required && input[p.name as keyof ParameterInput] === undefined) {
      context.report(context.fieldAt(path, kindKey), 'missing-field', `${entry.name} needs '${p.name}'`);
    }
  }
  const parameters: Parameters = {};
  if (input.node !== undefined) parameters.node = context.nodeRef(input.node, [...path, 'node']);
  if (input.to !== undefined) parameters.to = context.nodeRef(input.to, [...path, 'to']);
  if (input.vm !== undefined) parameters.vm = input.vm;
  if (input.nic !== undefined) parameters.nic = input.nic;
  if (input.type !== undefined) parameters.type = input.type;
  if (input.failback !== undefined) parameters.failback = input.failback;
  if (input.for !== undefined) {
    const duration = context.duration(input.for, [...path, 'for']);
    if (duration !== undefined) parameters.for = duration;
  }
  return context.diagnostics.length === before ? parameters : undefined;
}

/** Missing parameters were reported by `readParameters`; this only narrows the types. */
function need<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a required parameter passed the catalogue check unset');
  return value;
}

export function buildFault(name: string, input: ParameterInput, path: YamlPath, context: BuildContext): FaultSpec | undefined {
  if (!isFaultName(name)) return undefined; // the schema reported it
  const p = readParameters(faultCatalogue[name], input, path, 'inject', context);
  if (p === undefined) return undefined;
  switch (name) {
    case 'crash-cluster-service':
    case 'stop-cluster-service':
    case 'power-off-node':
      return { fault: name, node: need(p.node) };
    case 'partition-node':
    case 'lose-storage':
      return { fault: name, node: need(p.node), for: need(p.for) };
    case 'fail-nic':
      return p.for === undefined ? { fault: name, node: need(p.node), nic: need(p.nic) } : { fault: name, node: need(p.node), nic: need(p.nic), for: p.for };
    case 'freeze-vm':
      return { fault: name, vm: need(p.vm), for: need(p.for) };
  }
}

export function buildAction(name: string, input: ParameterInput, path: YamlPath, context: BuildContext): ActionSpec | undefined {
  if (!isActionName(name)) return undefined; // the schema reported it
  const p = readParameters(actionCatalogue[name], input, path, 'do', context);
  if (p === undefined) return undefined;
  switch (name) {
    case 'clear-quarantine':
    case 'start-cluster-service':
    case 'drain-node':
    case 'power-on-node':
      return { action: name, node: need(p.node) };
    case 'resume-node':
      return { action: name, node: need(p.node), failback: p.failback ?? 'none' };
    case 'move-vm':
      return { action: name, vm: need(p.vm), to: need(p.to), type: p.type ?? 'live' };
    case 'restore':
      return { action: name };
  }
}
