// The runbook's head: vars (picks and `not:`), settings with their defaults, and `requires`.
import type { SourcePosition } from '../../errors/drill-error.js';
import { literalDuration } from '../duration.js';
import { nodePicks, type NodePick, type NodeRef, type RequiredClusterSettings, type RunSettings, type VarDefinition } from '../model.js';
import type { RequiresInput, SettingsInput, VarInput } from '../schema/runbook-schema.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import type { BuildContext } from './build-context.js';

export const settingDefaults = {
  observeMs: 2_000,
  onFailure: 'stop',
  settleMs: 5 * 60_000,
  maxNodesAffected: 1,
  allowDegradedStart: false,
} as const;

const isPick = (s: string): s is NodePick => (nodePicks as readonly string[]).includes(s);

/** Vars in order; `not:` may name earlier vars or node names, never itself or a later var. */
export function buildVars(input: Readonly<Record<string, VarInput>>, path: YamlPath, context: BuildContext): VarDefinition[] {
  const vars: VarDefinition[] = [];
  const names = Object.keys(input);
  names.forEach((name, index) => {
    const v = input[name];
    if (v === undefined) return;
    const varPath = [...path, name];
    const notList = v.not === undefined ? [] : Array.isArray(v.not) ? v.not : [v.not];
    const not: NodeRef[] = notList.map((text, i) => {
      const refPath = Array.isArray(v.not) ? [...varPath, 'not', i] : [...varPath, 'not'];
      const ref = context.nodeRef(text, refPath);
      if (ref.kind === 'var' && names.includes(ref.var) && names.indexOf(ref.var) >= index) {
        const message = ref.var === name ? `var '$${name}' cannot exclude itself` : `not: $${ref.var} must name a var declared before '${name}'`;
        context.report(context.at(refPath), 'unknown-var', message);
      }
      return ref;
    });
    const pick: VarDefinition['pick'] = isPick(v.node) ? { kind: 'pick', pick: v.node } : { kind: 'name', name: v.node };
    vars.push({ name, pick, not, at: context.keyAt(varPath) });
  });
  return vars;
}

export function buildSettings(input: SettingsInput | undefined, path: YamlPath, context: BuildContext, rootAt: SourcePosition): RunSettings {
  const observe = input?.observe === undefined ? undefined : context.duration(input.observe, [...path, 'observe']);
  const settle = input?.settle === undefined ? undefined : context.duration(input.settle, [...path, 'settle']);
  return {
    observe: observe ?? literalDuration(settingDefaults.observeMs, rootAt),
    onFailure: input?.onFailure ?? settingDefaults.onFailure,
    settle: settle ?? literalDuration(settingDefaults.settleMs, rootAt),
    maxNodesAffected: input?.maxNodesAffected ?? settingDefaults.maxNodesAffected,
    allowDegradedStart: input?.allowDegradedStart ?? settingDefaults.allowDegradedStart,
  };
}

export function buildRequires(input: RequiresInput | undefined, path: YamlPath, context: BuildContext): {
  readonly nodes?: number;
  readonly cluster: RequiredClusterSettings;
  readonly at?: SourcePosition;
} {
  if (input === undefined) return { cluster: {} };
  const c = input.cluster;
  const period = c?.resiliencyDefaultPeriod === undefined ? undefined : context.duration(c.resiliencyDefaultPeriod, [...path, 'cluster', 'resiliencyDefaultPeriod']);
  const duration = c?.quarantineDuration === undefined ? undefined : context.duration(c.quarantineDuration, [...path, 'cluster', 'quarantineDuration']);
  const cluster: RequiredClusterSettings = {
    ...(c?.resiliencyLevel === undefined ? {} : { resiliencyLevel: c.resiliencyLevel }),
    ...(period === undefined ? {} : { resiliencyDefaultPeriod: period }),
    ...(c?.quarantineThreshold === undefined ? {} : { quarantineThreshold: c.quarantineThreshold }),
    ...(duration === undefined ? {} : { quarantineDuration: duration }),
  };
  return { ...(input.nodes === undefined ? {} : { nodes: input.nodes }), cluster, at: context.at(path) };
}
