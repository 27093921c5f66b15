// Steps and rollback entries: one of inject/do/wait with the parameters of that fault or action beside it.
import { z } from 'zod';
import { strictFields } from './strict-fields.js';
import { actionNames, faultNames } from '../../targets/catalogue.js';
import { unknownName } from '../suggest.js';
import { coded, describeInput } from './coded-message.js';
import { durationSchema } from './duration-schema.js';
import { expectationSchema } from './expectation-schema.js';
import { nicNameSchema, nodeRefSchema, vmNameSchema } from './names-schema.js';

export const faultNameSchema = z
  .enum(faultNames as [string, ...string[]], {
    error: (issue) =>
      typeof issue.input === 'string'
        ? coded('unknown-fault', unknownName('fault', issue.input, faultNames))
        : coded('invalid-value', `expected a fault name, got ${describeInput(issue.input)}`),
  })
  .meta({ id: 'FaultName', description: 'A fault to inject (see `drill faults`).' });

export const actionNameSchema = z
  .enum(actionNames as [string, ...string[]], {
    error: (issue) =>
      typeof issue.input === 'string'
        ? coded('unknown-action', unknownName('action', issue.input, actionNames))
        : coded('invalid-value', `expected an action name, got ${describeInput(issue.input)}`),
  })
  .meta({ id: 'ActionName', description: 'An action to carry out (see `drill faults`).' });

/** Parameters of faults and actions; which belong to which is checked against the catalogue. */
export const parameterFields = {
  node: nodeRefSchema.optional().describe('The node (a name or $var).'),
  vm: vmNameSchema.optional().describe('The VM (freeze-vm, move-vm).'),
  nic: nicNameSchema.optional().describe('The network adapter (fail-nic).'),
  for: durationSchema.optional().describe('How long the fault lasts (partition-node, fail-nic, lose-storage, freeze-vm).'),
  to: nodeRefSchema.optional().describe('Destination node (move-vm).'),
  type: z.enum(['live', 'quick']).optional().describe('Migration type (move-vm); default live.'),
  failback: z.enum(['immediate', 'none']).optional().describe('resume-node: move drained roles back (immediate) or not (none, the default).'),
};

export const stepSchema = strictFields({
    name: z.string().min(1).optional().describe('A name for reports (defaults to a readable text of the step).'),
    inject: faultNameSchema.optional(),
    do: actionNameSchema.optional(),
    wait: durationSchema.optional().describe('Let time pass; the step\'s expectations are still checked.'),
    ...parameterFields,
    repeat: z.number().int().min(1).optional().describe('The step, with its expectations, runs N times in a row.'),
    expect: z.array(expectationSchema).optional().describe('What must follow, each measured from the start of the step.'),
  })
  .meta({ id: 'Step', description: 'Exactly one of inject, do or wait, with the parameters of the fault or action beside it.' });

export const rollbackSchema = strictFields({ name: z.string().min(1).optional(), do: actionNameSchema, ...parameterFields })
  .meta({ id: 'RollbackEntry', description: 'An action that always runs after the steps: after success, failure, abort, Ctrl-C.' });

export const stepKindKeys = ['inject', 'do', 'wait'] as const;
export const parameterKeys = Object.keys(parameterFields) as (keyof typeof parameterFields)[];
export type StepInput = z.output<typeof stepSchema>;
export type RollbackInput = z.output<typeof rollbackSchema>;
export type ParameterInput = Pick<StepInput, (typeof parameterKeys)[number]>;
