// Conditions as written: a word, a list of words (all must hold), a mapping of fields, or a count.
import { z } from 'zod';
import { strictFields } from './strict-fields.js';
import { drainStatuses, heartbeats, nodeStates, vmStates } from '../../targets/cluster-state.js';
import { conditionWords } from '../condition-words.js';
import { unknownName } from '../suggest.js';
import { coded, describeInput } from './coded-message.js';
import { nodeRefSchema } from './names-schema.js';

/** One condition word, node or VM; whether it fits the subject is checked by the builder. */
export const conditionWordSchema = z
  .enum(conditionWords as [string, ...string[]], {
    error: (issue) =>
      typeof issue.input === 'string'
        ? coded('unknown-condition', unknownName('condition word', issue.input, conditionWords))
        : coded('invalid-value', `expected a condition word such as Up, got ${describeInput(issue.input)}`),
  })
  .meta({ id: 'ConditionWord', description: 'Node: Up Down Paused Joining Isolated Quarantined Normal. VM: a state, Unmonitored, Monitored, Online, Offline, Failed, HeartbeatLost.' });

/** A field value, or a list of values any of which satisfies the field. */
const oneOrMany = <T extends z.ZodType>(schema: T) => z.union([schema, z.array(schema).min(1)]);

const stateValues = [...new Set([...nodeStates.filter((s) => s !== 'Unknown'), ...vmStates])] as [string, ...string[]];

/** The fields of a condition mapping (node and VM fields together; the builder checks they fit). */
const conditionFields = {
  state: oneOrMany(z.enum(stateValues)).optional().describe('Node: Up, Down, Paused, Joining. VM: Running, Off, Paused, PausedCritical, RunningCritical, Saved, Starting.'),
  isolated: z.boolean().optional().describe('Node: isolated from cluster membership.'),
  quarantined: z.boolean().optional().describe('Node: quarantined.'),
  drain: oneOrMany(z.enum(drainStatuses)).optional().describe('Node drain status.'),
  monitored: z.boolean().optional().describe('VM: monitored by the cluster (false: Unmonitored).'),
  heartbeat: oneOrMany(z.enum(heartbeats)).optional().describe('VM integration-services heartbeat.'),
  group: oneOrMany(z.enum(['Online', 'Offline', 'Failed', 'Pending'])).optional().describe('VM: state of its cluster group.'),
  owner: oneOrMany(nodeRefSchema).optional().describe('VM: the node that owns it.'),
};

export const memberConditionSchema = z
  .union([conditionWordSchema, z.array(conditionWordSchema).min(1), strictFields(conditionFields)])
  .meta({ id: 'MemberCondition', description: 'A word, a list of words (all must hold), or a mapping of fields.' });

export const countSchema = strictFields({
    is: memberConditionSchema.optional().describe('Count the members for which this holds.'),
    not: memberConditionSchema.optional().describe('Count the members for which this does not hold.'),
    above: z.number().int().min(0).optional(),
    below: z.number().int().min(0).optional(),
    equals: z.number().int().min(0).optional(),
  })
  .meta({ id: 'Count', description: 'Counts the members of a set: one of is/not, and one of above/below/equals.' });

/** A condition: a member condition, or `{ count: {...} }` over a set. */
export const conditionSchema = z
  .union([
    conditionWordSchema,
    z.array(conditionWordSchema).min(1),
    strictFields({ ...conditionFields, count: countSchema.optional().describe('Count members instead of requiring all of them.') }),
  ])
  .meta({ id: 'Condition', description: 'A condition word, a list of words (all must hold), a mapping of fields, or { count: {...} }.' });

export type MemberConditionInput = z.output<typeof memberConditionSchema>;
export type ConditionInput = z.output<typeof conditionSchema>;
export type CountInput = z.output<typeof countSchema>;
