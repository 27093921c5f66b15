// The runbook file (RUNBOOK-FORMAT.md, "Runbook"): the user-facing shape, for the loader and for editors.
import { z } from 'zod';
import { strictFields } from './strict-fields.js';
import { nodePicks } from '../model.js';
import { durationSchema } from './duration-schema.js';
import { abortSchema, steadyStateSchema } from './expectation-schema.js';
import { nodeRefSchema, runbookNameSchema, varNameSchema } from './names-schema.js';
import { rollbackSchema, stepSchema } from './step-schema.js';
import { coded, describeInput } from './coded-message.js';
import { unknownName } from '../suggest.js';

export const requiresSchema = strictFields({
    nodes: z.number().int().min(1).optional().describe('At least this many nodes, all Up and Normal.'),
    cluster: strictFields({
        resiliencyLevel: z.enum(['AlwaysIsolate', 'IsolateOnSpecialHeartbeat']).optional(),
        resiliencyDefaultPeriod: durationSchema.optional(),
        quarantineThreshold: z.number().int().min(1).optional(),
        quarantineDuration: durationSchema.optional(),
      })
      .optional()
      .describe('Settings the expectations rely on: checked at preflight, never changed.'),
  })
  .meta({ description: 'Preflight requirements, checked before anything is injected.' });

/** `most-vms`, `first`, ... or a node name. */
const pickSchema = z
  .string({ error: (issue) => coded('invalid-value', `expected a pick (${nodePicks.join(', ')}) or a node name, got ${describeInput(issue.input)}`) })
  .min(1)
  .superRefine((value, ctx) => {
    if (value.startsWith('$')) ctx.addIssue({ code: 'custom', message: `a var picks a node by name or by ${nodePicks.join(', ')}; use not: to relate it to other vars` });
    else if (/^[a-z]+(-[a-z]+)+$/.test(value) && !(nodePicks as readonly string[]).includes(value)) {
      ctx.addIssue({ code: 'custom', message: unknownName('pick', value, nodePicks), params: { diagnostic: 'invalid-value' } });
    }
  })
  .meta({ description: 'most-vms | fewest-vms | first | last | random (ties go to the first in inventory order; random is seeded), or a node name.', examples: [...nodePicks] });

export const varSchema = strictFields({
    node: pickSchema,
    not: z.union([nodeRefSchema, z.array(nodeRefSchema)]).optional().describe('Nodes this var may not be: earlier vars ($victim) or names.'),
  })
  .meta({ description: 'A named node, resolved once at preflight.' });

export const varsSchema = z.record(varNameSchema, varSchema).meta({ description: 'Named picks, resolved once at preflight.' });

export const settingsSchema = strictFields({
    observe: durationSchema.optional().describe('Poll interval on a real target (default 2s).'),
    onFailure: z.enum(['stop', 'continue']).optional().describe('stop (default): no further injection after a failed step; continue: run the remaining steps.'),
    settle: durationSchema.optional().describe('How long the cluster has to reach steady state after rollback (default 5m).'),
    maxNodesAffected: z.number().int().min(1).optional().describe('Distinct nodes this runbook may inject faults into (default 1).'),
    allowDegradedStart: z.boolean().optional().describe('Allow injections while some node is not Up and Normal (default false).'),
  })
  .meta({ description: 'All optional.' });

export const runbookSchema = strictFields({
    runbook: runbookNameSchema,
    description: z.string().optional(),
    requires: requiresSchema.optional(),
    vars: varsSchema.optional(),
    settings: settingsSchema.optional(),
    steadyState: z.array(steadyStateSchema).optional().describe('Must hold before step 1 and again after rollback.'),
    steps: z.array(stepSchema).min(1).describe('The method: injections, actions and waits, each with its expectations.'),
    rollback: z.array(rollbackSchema).optional().describe('Always runs, in order.'),
    abort: z.array(abortSchema).optional().describe('Stop conditions.'),
  })
  .meta({ title: 'drill runbook', description: 'A chaos-test runbook for a Hyper-V failover cluster (RUNBOOK-FORMAT.md).' });

export type RunbookInput = z.output<typeof runbookSchema>;
export type VarInput = z.output<typeof varSchema>;
export type SettingsInput = z.output<typeof settingsSchema>;
export type RequiresInput = z.output<typeof requiresSchema>;
