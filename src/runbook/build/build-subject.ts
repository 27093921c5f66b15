// The subject of an expectation, steady-state entry or stop condition: exactly one of node, nodes, vm, vms.
import type { Subject, VmFilter } from '../model.js';
import { subjectKeys, type VmFilterInput } from '../schema/subject-schema.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import { nodeRefText, type BuildContext } from './build-context.js';
import { flowText } from './condition-text.js';

/** What the subject keys of an entry hold after the schema (`node`, `nodes`, `vm`, `vms`). */
export interface SubjectInput {
  readonly node?: string | undefined;
  readonly nodes?: 'all' | readonly string[] | undefined;
  readonly vm?: string | undefined;
  readonly vms?: 'all' | VmFilterInput | undefined;
}

/** The one subject of an entry at `path`; none or several is reported. */
export function buildSubject(input: SubjectInput, path: YamlPath, context: BuildContext): Subject | undefined {
  const present = subjectKeys.filter((k) => input[k] !== undefined);
  if (present.length === 0) {
    context.report(context.at(path), 'missing-field', 'needs a subject: node, nodes, vm or vms');
    return undefined;
  }
  if (present.length > 1) {
    context.report(context.fieldAt(path, present[1] ?? ''), 'invalid-value', `one subject per entry: this one has ${present.join(' and ')}`);
    return undefined;
  }
  if (input.node !== undefined) return { kind: 'node', node: context.nodeRef(input.node, [...path, 'node']) };
  if (input.nodes !== undefined) {
    const nodes = input.nodes;
    return { kind: 'nodes', nodes: nodes === 'all' ? 'all' : nodes.map((n, i) => context.nodeRef(n, [...path, 'nodes', i])) };
  }
  if (input.vm !== undefined) return { kind: 'vm', vm: input.vm };
  const vms = input.vms;
  if (vms === undefined || vms === 'all') return { kind: 'vms', vms: 'all' };
  const filter: VmFilter = {
    ...(vms.on === undefined ? {} : { on: context.nodeRef(vms.on, [...path, 'vms', 'on']) }),
    ...(vms.storage === undefined ? {} : { storage: vms.storage }),
    ...(vms.resilient === undefined ? {} : { resilient: vms.resilient }),
  };
  return { kind: 'vms', vms: filter };
}

/** `node $victim`, `nodes all`, `vms { on: $victim, storage: csv }`. */
export function subjectText(subject: Subject): string {
  switch (subject.kind) {
    case 'node':
      return `node ${nodeRefText(subject.node)}`;
    case 'nodes':
      return subject.nodes === 'all' ? 'nodes all' : `nodes [${subject.nodes.map(nodeRefText).join(', ')}]`;
    case 'vm':
      return `vm ${subject.vm}`;
    case 'vms': {
      if (subject.vms === 'all') return 'vms all';
      const { on, ...rest } = subject.vms;
      return `vms ${flowText({ ...(on === undefined ? {} : { on: nodeRefText(on) }), ...rest })}`;
    }
  }
}

export const isSetSubject = (subject: Subject): boolean => subject.kind === 'nodes' || subject.kind === 'vms';
