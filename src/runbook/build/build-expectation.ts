// Expectations: one subject, one predicate that fits it, and the window that fits the predicate.
import type { Condition, Duration, Expectation, Predicate, Window } from '../model.js';
import { subjectKindOf } from '../model.js';
import { evaluateLiteral, isSettingFree } from '../duration.js';
import { predicateKeys, windowKeys, type ExpectationInput } from '../schema/expectation-schema.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import type { BuildContext } from './build-context.js';
import { buildCondition } from './build-condition.js';
import { buildSubject, isSetSubject, subjectText } from './build-subject.js';

type PredicateKey = (typeof predicateKeys)[number];
type WindowKey = (typeof windowKeys)[number];

/** Which windows each predicate takes. */
const windowsOf: Record<PredicateKey, readonly WindowKey[]> = {
  becomes: ['within', 'between'],
  drained: ['within', 'between'],
  stays: ['for'],
  never: ['for'],
};

export function buildExpectation(input: ExpectationInput, path: YamlPath, context: BuildContext): Expectation | undefined {
  const before = context.diagnostics.length;
  const subject = buildSubject(input, path, context);
  const predicates = predicateKeys.filter((k) => input[k] !== undefined);
  const windows = windowKeys.filter((k) => input[k] !== undefined);
  if (predicates.length !== 1) {
    if (predicates.length === 0) context.report(context.at(path), 'missing-field', 'needs a predicate: becomes, stays, never or drained');
    else context.report(context.fieldAt(path, predicates[1] ?? ''), 'invalid-value', `one predicate per expectation: this one has ${predicates.join(' and ')}`);
    return undefined;
  }
  const predicateKey = predicates[0] as PredicateKey;
  const fitting = windowsOf[predicateKey];
  const window = buildWindow(input, predicateKey, windows, fitting, path, context);
  if (subject === undefined) return undefined;

  let predicate: Predicate | undefined;
  if (predicateKey === 'drained') {
    if (subject.kind !== 'vms' || subject.vms === 'all' || subject.vms.on === undefined) {
      context.report(context.fieldAt(path, 'drained'), 'predicate-subject', `drained needs vms: { on: <node> }, not ${subjectText(subject)}`);
    } else if (input.drained !== undefined) {
      predicate = { kind: 'drained', mode: input.drained };
    }
  } else {
    const conditionInput = input[predicateKey];
    const condition: Condition | undefined =
      conditionInput === undefined ? undefined : buildCondition(conditionInput, subjectKindOf(subject), isSetSubject(subject), [...path, predicateKey], context);
    if (condition !== undefined) predicate = { kind: predicateKey, condition };
  }
  if (predicate === undefined || window === undefined || context.diagnostics.length !== before) return undefined;
  return { subject, predicate, window, text: expectationText(subject, predicate, window), at: context.at(path) };
}

/** The window of the expectation: present, alone, fitting its predicate, and with min <= max. */
function buildWindow(
  input: ExpectationInput,
  predicate: PredicateKey,
  windows: readonly WindowKey[],
  fitting: readonly WindowKey[],
  path: YamlPath,
  context: BuildContext,
): Window | undefined {
  const misfit = windows.find((w) => !fitting.includes(w));
  if (misfit !== undefined) {
    context.report(context.fieldAt(path, misfit), 'window', `'${misfit}' does not fit '${predicate}': use ${fitting.join(' or ')}`);
    return undefined;
  }
  if (windows.length !== 1) {
    const message =
      windows.length === 0
        ? `${predicate} needs a window: ${fitting.map((w) => (w === 'between' ? 'between: [min, max]' : `${w}: <duration>`)).join(' or ')}`
        : `one window per expectation: this one has ${windows.join(' and ')}`;
    context.report(windows.length === 0 ? context.fieldAt(path, predicate) : context.fieldAt(path, windows[1] ?? ''), 'window', message);
    return undefined;
  }
  if (input.within !== undefined) {
    const max = context.duration(input.within, [...path, 'within']);
    return max === undefined ? undefined : { kind: 'within', max };
  }
  if (input.for !== undefined) {
    const duration = context.duration(input.for, [...path, 'for']);
    return duration === undefined ? undefined : { kind: 'for', duration };
  }
  if (input.between !== undefined) {
    const min = context.duration(input.between[0], [...path, 'between', 0]);
    const max = context.duration(input.between[1], [...path, 'between', 1]);
    if (min === undefined || max === undefined) return undefined;
    if (!betweenInOrder(min, max)) {
      context.report(context.at([...path, 'between']), 'window', `between: min ${min.text} is after max ${max.text}`);
      return undefined;
    }
    return { kind: 'between', min, max };
  }
  return undefined;
}

/** min <= max when both are known without a target; expressions are compared at preflight. */
export function betweenInOrder(min: Duration, max: Duration): boolean {
  if (!isSettingFree(min.expr) || !isSettingFree(max.expr)) return true;
  return evaluateLiteral(min.expr) <= evaluateLiteral(max.expr);
}

export function windowText(window: Window): string {
  switch (window.kind) {
    case 'within':
      return `within ${window.max.text}`;
    case 'between':
      return `between ${window.min.text} and ${window.max.text}`;
    case 'for':
      return `for ${window.duration.text}`;
  }
}

function expectationText(subject: Parameters<typeof subjectText>[0], predicate: Predicate, window: Window): string {
  const what = predicate.kind === 'drained' ? `drained ${predicate.mode}` : `${predicate.kind} ${conditionText(predicate.condition)}`;
  return `${subjectText(subject)} ${what} ${windowText(window)}`;
}

export const conditionText = (condition: Condition): string => (condition.kind === 'every' ? condition.member.text : condition.text);

