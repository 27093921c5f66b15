// Steps (exactly one of inject / do / wait, parameters beside it) and rollback entries.
import type { Expectation, RollbackEntry, Step, StepKind } from '../model.js';
import type { ExpectationInput } from '../schema/expectation-schema.js';
import { stepKindKeys, type RollbackInput, type StepInput } from '../schema/step-schema.js';
import type { YamlPath } from '../yaml/yaml-tree.js';
import type { BuildContext } from './build-context.js';
import { buildAction, buildFault } from './build-action.js';
import { buildExpectation } from './build-expectation.js';
import { actionText, stepKindText } from './step-text.js';

/** A parsed expectation entry and where it is written. */
export interface ExpectationEntry {
  readonly data: ExpectationInput;
  readonly path: YamlPath;
}

/** A step from its parsed head (kind and parameters) and those of its expectations that parsed. */
export function buildStep(input: Omit<StepInput, 'expect'>, expectations: readonly ExpectationEntry[], path: YamlPath, context: BuildContext): Step | undefined {
  const before = context.diagnostics.length;
  const kinds = stepKindKeys.filter((k) => input[k] !== undefined);
  let kind: StepKind | undefined;
  if (kinds.length !== 1) {
    if (kinds.length === 0) context.report(context.at(path), 'step-kind', 'a step needs one of inject, do or wait');
    else context.report(context.fieldAt(path, kinds[1] ?? ''), 'step-kind', `a step is exactly one of inject, do or wait: this one has ${kinds.join(' and ')}`);
  } else if (input.inject !== undefined) {
    const fault = buildFault(input.inject, input, path, context);
    if (fault !== undefined) kind = { kind: 'inject', fault };
  } else if (input.do !== undefined) {
    const action = buildAction(input.do, input, path, context);
    if (action !== undefined) kind = { kind: 'do', action };
  } else if (input.wait !== undefined) {
    const extra = (['node', 'vm', 'nic', 'for', 'to', 'type', 'failback'] as const).find((k) => input[k] !== undefined);
    if (extra !== undefined) context.report(context.fieldAt(path, extra), 'unknown-field', `a wait step takes no '${extra}'`);
    const duration = context.duration(input.wait, [...path, 'wait']);
    if (duration !== undefined && extra === undefined) kind = { kind: 'wait', duration };
  }
  const expect: Expectation[] = [];
  expectations.forEach((e) => {
    const expectation = buildExpectation(e.data, e.path, context);
    if (expectation !== undefined) expect.push(expectation);
  });
  if (kind === undefined || context.diagnostics.length !== before) return undefined;
  return { ...kind, name: input.name ?? stepKindText(kind), repeat: input.repeat ?? 1, expect, at: context.at(path) };
}

export function buildRollback(input: RollbackInput, path: YamlPath, context: BuildContext): RollbackEntry | undefined {
  const action = buildAction(input.do, input, path, context);
  return action === undefined ? undefined : { action, text: input.name ?? actionText(action), at: context.at(path) };
}
