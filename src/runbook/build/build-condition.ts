// Conditions into terms: each word, list and mapping field becomes the terms the engine evaluates,
// checked against the kind of subject (node words on nodes, VM words on VMs).
import type { Condition, MemberCondition, SubjectKind, Term } from '../model.js';
import { fieldsFor, nodeFields, vmFields, wordsFor } from '../condition-words.js';
import type { ConditionInput, CountInput, MemberConditionInput } from '../schema/condition-schema.js';
import { didYouMean } from '../suggest.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import type { BuildContext } from './build-context.js';

const kindName = (kind: SubjectKind) => (kind === 'node' ? 'a node' : 'a VM');

/** A condition on a subject; `isSet` says whether `count` is allowed (nodes / vms, not node / vm). */
export function buildCondition(
  input: ConditionInput,
  kind: SubjectKind,
  isSet: boolean,
  path: YamlPath,
  context: BuildContext,
): Condition | undefined {
  if (typeof input === 'object' && !Array.isArray(input) && input.count !== undefined) {
    const { count, ...rest } = input;
    const others = Object.entries(rest).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (others.length > 0) {
      context.report(context.fieldAt(path, others[0] ?? ''), 'invalid-value', `'count' stands alone: move '${others[0]}' into count's is/not condition`);
      return undefined;
    }
    return buildCount(count, kind, isSet, [...path, 'count'], context, context.writtenText(path));
  }
  const member = buildMember(input as MemberConditionInput, kind, path, context);
  return member === undefined ? undefined : { kind: 'every', member };
}

/** `{ count: { is | not: <cond>, above | below | equals: N } }` (also `abort`'s `count:` shorthand). */
export function buildCount(
  count: CountInput,
  kind: SubjectKind,
  isSet: boolean,
  path: YamlPath,
  context: BuildContext,
  text: string,
): Condition | undefined {
  if (!isSet) {
    context.report(context.keyAt(path), 'predicate-subject', `count needs a set of subjects (nodes: ... or vms: ...), not ${kindName(kind)}`);
    return undefined;
  }
  const polarities = (['is', 'not'] as const).filter((k) => count[k] !== undefined);
  const compares = (['above', 'below', 'equals'] as const).filter((k) => count[k] !== undefined);
  if (polarities.length !== 1) {
    const message = polarities.length === 0 ? 'count needs is: <condition> or not: <condition>' : 'count takes one of is or not, not both';
    context.report(context.at(path), 'invalid-value', message);
  }
  if (compares.length !== 1) {
    const message = compares.length === 0 ? 'count needs one of above, below or equals: N' : `count takes one of above, below or equals, not ${compares.join(' and ')}`;
    context.report(context.at(path), 'invalid-value', message);
  }
  const polarity = polarities[0];
  const compare = compares[0];
  if (polarities.length !== 1 || compares.length !== 1 || polarity === undefined || compare === undefined) return undefined;
  const memberInput = count[polarity];
  const n = count[compare];
  if (memberInput === undefined || n === undefined) return undefined;
  const member = buildMember(memberInput, kind, [...path, polarity], context);
  return member === undefined ? undefined : { kind: 'count', polarity, member, compare, n, text };
}

/** A word, list of words or mapping of fields, as terms that must all hold for one member. */
export function buildMember(input: MemberConditionInput, kind: SubjectKind, path: YamlPath, context: BuildContext): MemberCondition | undefined {
  const before = context.diagnostics.length;
  const terms: Term[] = [];
  if (typeof input === 'string') {
    terms.push(...wordTerms(input, kind, path, context));
  } else if (Array.isArray(input)) {
    input.forEach((word, i) => terms.push(...wordTerms(word, kind, [...path, i], context)));
  } else {
    const written = context.writtenKeys(path);
    const fields = Object.entries(input).sort(([a], [b]) => written.indexOf(a) - written.indexOf(b));
    for (const [field, value] of fields) {
      if (value === undefined) continue;
      const term = fieldTerm(field, value, kind, [...path, field], context);
      if (term !== undefined) terms.push(term);
    }
    if (terms.length === 0 && context.diagnostics.length === before) {
      context.report(context.at(path), 'invalid-value', `an empty condition: name at least one of ${fieldsFor(kind).join(', ')}`);
    }
  }
  return context.diagnostics.length === before ? { terms, text: context.writtenText(path) } : undefined;
}

function wordTerms(word: string, kind: SubjectKind, path: YamlPath, context: BuildContext): readonly Term[] {
  const terms = wordsFor(kind)[word];
  if (terms !== undefined) return terms;
  const other = kind === 'node' ? 'a VM' : 'a node';
  context.report(
    context.at(path),
    'predicate-subject',
    `'${word}' is a condition of ${other}, but the subject is ${kindName(kind)}${didYouMean(word, Object.keys(wordsFor(kind)))}`,
  );
  return [];
}

/** One field of a mapping (`state: Up`, `isolated: false`, `owner: $victim`) as a term. */
function fieldTerm(field: string, value: unknown, kind: SubjectKind, path: YamlPath, context: BuildContext): Term | undefined {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  const allowed: Readonly<Record<string, readonly unknown[] | undefined>> = kind === 'node' ? nodeFields : vmFields;
  if (!Object.hasOwn(allowed, field)) {
    context.report(context.keyAt(path), 'predicate-subject', `'${field}' is not a field of ${kindName(kind)} (fields: ${fieldsFor(kind).join(', ')})`);
    return undefined;
  }
  if (field === 'owner') {
    return { subject: 'vm', field: 'owner', anyOf: values.map((v, i) => context.nodeRef(String(v), Array.isArray(value) ? [...path, i] : path)) };
  }
  const accepted = allowed[field] ?? [];
  const wrong = values.find((v) => !accepted.includes(v));
  if (wrong !== undefined) {
    context.report(context.at(path), 'invalid-value', `${kindName(kind)}'s ${field} is one of ${accepted.join(', ')}, not '${String(wrong)}'`);
    return undefined;
  }
  // The schema and the table above fix which values each field holds; the cast records that.
  return { subject: kind, field, anyOf: values } as unknown as Term;
}
