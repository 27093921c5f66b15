// Steady-state entries and stop conditions: a subject with `is:` (or abort's `count:` shorthand).
import type { AbortCondition, Condition, SteadyStateCheck } from '../model.js';
import { subjectKindOf } from '../model.js';
import type { AbortInput, SteadyStateInput } from '../schema/expectation-schema.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import type { BuildContext } from './build-context.js';
import { buildCondition, buildCount } from './build-condition.js';
import { conditionText } from './build-expectation.js';
import { buildSubject, isSetSubject, subjectText } from './build-subject.js';

export function buildSteadyState(input: SteadyStateInput, path: YamlPath, context: BuildContext): SteadyStateCheck | undefined {
  const subject = buildSubject(input, path, context);
  if (subject === undefined) return undefined;
  const condition = buildCondition(input.is, subjectKindOf(subject), isSetSubject(subject), [...path, 'is'], context);
  if (condition === undefined) return undefined;
  return { subject, condition, text: `${subjectText(subject)} is ${conditionText(condition)}`, at: context.at(path) };
}

export function buildAbort(input: AbortInput, path: YamlPath, context: BuildContext): AbortCondition | undefined {
  const subject = buildSubject(input, path, context);
  if (subject === undefined) return undefined;
  if ((input.is === undefined) === (input.count === undefined)) {
    const message = input.is === undefined ? 'a stop condition needs is: <condition> or count: {...}' : 'a stop condition takes is or count, not both';
    context.report(input.is === undefined ? context.at(path) : context.fieldAt(path, 'count'), input.is === undefined ? 'missing-field' : 'invalid-value', message);
    return undefined;
  }
  const kind = subjectKindOf(subject);
  const condition: Condition | undefined =
    input.count !== undefined
      ? buildCount(input.count, kind, isSetSubject(subject), [...path, 'count'], context, `{ count: ${context.writtenText([...path, 'count'])} }`)
      : input.is !== undefined
        ? buildCondition(input.is, kind, isSetSubject(subject), [...path, 'is'], context)
        : undefined;
  const forDuration = input.for === undefined ? undefined : context.duration(input.for, [...path, 'for']);
  if (condition === undefined || (input.for !== undefined && forDuration === undefined)) return undefined;
  const text = `${subjectText(subject)} ${conditionText(condition)}${forDuration === undefined ? '' : ` for ${forDuration.text}`}`;
  return forDuration === undefined ? { subject, condition, text, at: context.at(path) } : { subject, condition, for: forDuration, text, at: context.at(path) };
}
