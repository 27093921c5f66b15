// Expectations, steady-state entries and stop conditions: a subject with a predicate and a window.
import { z } from 'zod';
import { strictFields } from './strict-fields.js';
import { conditionSchema, countSchema } from './condition-schema.js';
import { durationSchema } from './duration-schema.js';
import { subjectFields } from './subject-schema.js';

export const predicateFields = {
  becomes: conditionSchema.optional().describe('The condition is reached inside the window (a change: it must not already hold at the start).'),
  stays: conditionSchema.optional().describe('The condition holds at every observation of the window.'),
  never: conditionSchema.optional().describe('The condition holds at no observation of the window.'),
  drained: z.enum(['live', 'any']).optional().describe('Only with vms: { on: ... }: every VM runs on another node; live: none was restarted.'),
};

export const windowFields = {
  within: durationSchema.optional().describe('For becomes/drained: reached at or before this.'),
  between: z.tuple([durationSchema, durationSchema]).optional().describe('For becomes/drained: [min, max], reached at or after min and at or before max.'),
  for: durationSchema.optional().describe('For stays/never: how long the window lasts.'),
};

export const expectationSchema = strictFields({ ...subjectFields, ...predicateFields, ...windowFields })
  .meta({ id: 'Expectation', description: 'One subject (node, nodes, vm, vms), one predicate (becomes, stays, never, drained) and one window (within, between, for).' });

export const steadyStateSchema = strictFields({ ...subjectFields, is: conditionSchema.describe('The condition that must hold.') })
  .meta({ id: 'SteadyStateCheck', description: 'A subject and `is: <condition>`: must hold before step 1 and again after rollback.' });

export const abortSchema = strictFields({
    ...subjectFields,
    is: conditionSchema.optional().describe('Stop when this holds.'),
    count: countSchema.optional().describe('Short for is: { count: {...} }.'),
    for: durationSchema.optional().describe('It must hold this long before the run stops.'),
  })
  .meta({ id: 'StopCondition', description: 'A stop condition, checked on every observation from the first injection until the rollback.' });

export const predicateKeys = Object.keys(predicateFields) as (keyof typeof predicateFields)[];
export const windowKeys = Object.keys(windowFields) as (keyof typeof windowFields)[];
export type ExpectationInput = z.output<typeof expectationSchema>;
export type SteadyStateInput = z.output<typeof steadyStateSchema>;
export type AbortInput = z.output<typeof abortSchema>;
