// Target files (RUNBOOK-FORMAT.md, "Target file"): the simulated cluster and a real one over PowerShell.
import { z } from 'zod';
import { bugProfiles } from '../../targets/target-config.js';
import { parseBandwidth, parseMemory } from '../sizes.js';
import { unknownName } from '../suggest.js';
import { coded, describeInput } from './coded-message.js';
import { literalDurationSchema } from './duration-schema.js';
import { strictFields } from './strict-fields.js';

/** A size such as 8GiB or 10Gbps, checked by `parse`. */
const sizeSchema = (parse: typeof parseMemory, description: string, example: string) =>
  z
    .string({ error: (issue) => coded('invalid-value', `expected a size such as ${example}, got ${describeInput(issue.input)}`) })
    .superRefine((text, ctx) => {
      const parsed = parse(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
    })
    .meta({ description, examples: [example] });

const settingsSchema = strictFields({
  observe: literalDurationSchema.optional().describe('Poll interval when observing this target (default 2s).'),
}).meta({ description: 'Observation settings of the target.' });

const simulatedClusterSchema = strictFields({
  name: z.string().min(1).optional().describe('Cluster name (default HVC01).'),
  resiliencyLevel: z.enum(['AlwaysIsolate', 'IsolateOnSpecialHeartbeat']).optional().describe('Default AlwaysIsolate.'),
  resiliencyDefaultPeriod: literalDurationSchema.optional().describe('Default 240s; 0s disables compute resiliency (pre-2016 behaviour).'),
  quarantineThreshold: z.number().int().min(1).optional().describe('Isolations within an hour that quarantine a node (default 3).'),
  quarantineDuration: literalDurationSchema.optional().describe('Default 2h.'),
  heartbeat: strictFields({
    delay: literalDurationSchema.optional().describe('SameSubnetDelay (default 1s).'),
    threshold: z.number().int().min(1).optional().describe('SameSubnetThreshold (default 10).'),
  })
    .optional()
    .describe('A lost node is noticed after delay x threshold (heartbeatTimeout).'),
  liveMigration: strictFields({
    concurrent: z.number().int().min(1).optional().describe('Simultaneous live migrations per node (default 2).'),
    bandwidth: sizeSchema(parseBandwidth, 'Live migration bandwidth (default 10Gbps).', '10Gbps').optional(),
  }).optional(),
  quarantineCap: z.number().gt(0).max(1).optional().describe('Fraction of nodes that may be quarantined at once (default 0.25).'),
});

const vmGroupSchema = strictFields({
  count: z.number().int().min(0).describe('How many VMs of this kind.'),
  storage: z.enum(['csv', 'smb']).describe('csv: cluster shared volumes; smb: SMB 3 / Scale-Out File Server.'),
  memory: sizeSchema(parseMemory, 'Memory of each VM, e.g. 8GiB, 512MiB.', '8GiB'),
  configVersion: z.string().regex(/^\d+\.\d+$/, { error: 'a configuration version looks like 8.0' }).optional().describe('Default "8.0"; resiliency covers 8.0 and later.'),
  prefix: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/).optional().describe('Name prefix (default VM): VM0001, VM0002, ... continuing across groups.'),
});

const serviceRestartSchema = z
  .union([z.literal('never'), literalDurationSchema])
  .meta({ description: 'The crashed cluster service is restarted after this; `never` leaves it down.', examples: ['60s', 'never'] });

const bugSchema = z.enum(bugProfiles as [string, ...string[]], {
  error: (issue) =>
    typeof issue.input === 'string' ? coded('invalid-value', unknownName('bug profile', issue.input, bugProfiles)) : coded('invalid-value', `expected a bug profile, got ${describeInput(issue.input)}`),
});

export const simulatedTargetSchema = strictFields({
  target: z.string().min(1).describe('The target name (journals and history are grouped by it).'),
  driver: z.literal('simulated'),
  seed: z.number().int().min(0).optional().describe('Seed of every random choice (default 1); --seed overrides it.'),
  lab: z.boolean().optional().describe('Ignored by the simulator (every fault is safe on it).'),
  cluster: simulatedClusterSchema.optional(),
  nodes: z
    .union([z.number().int().min(1).max(64), z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/)).min(1).max(64)])
    .optional()
    .describe('A count (named HV01..) or a list of names; default 4.'),
  networks: z
    .array(strictFields({ name: z.string().min(1), nics: z.array(z.string().min(1)).min(1).describe('Two or more: a switch-independent team.') }))
    .min(1)
    .optional()
    .describe('The same on every node; cluster traffic uses any working one.'),
  vms: z.array(vmGroupSchema).optional().describe('Named VM0001.. in order, spread round-robin over the nodes.'),
  behaviour: strictFields({
    serviceRestart: serviceRestartSchema.optional(),
    join: literalDurationSchema.optional().describe('Joining lasts this long (default 5s).'),
    failoverStart: literalDurationSchema.optional().describe('A failed-over VM is Starting this long (default 30s).'),
    powerOnBoot: literalDurationSchema.optional().describe('A powered-on node boots this long before it joins (default 3m).'),
    liveMigrationSetup: literalDurationSchema.optional().describe('Fixed setup time of every live migration (default 2s).'),
    quickMigration: literalDurationSchema.optional().describe('Save, move and resume (default 10s).'),
    jitter: z.number().min(0).max(1).optional().describe('0.1 = every delay varies +-10 % (seeded); default 0.'),
  })
    .optional()
    .describe('Timings of the simulated cluster.'),
  bugs: z.array(bugSchema).optional().describe('Known regressions to reproduce (SIMULATOR.md).'),
  settings: settingsSchema.optional(),
}).meta({ description: 'The built-in simulated cluster.' });

export const powershellTargetSchema = strictFields({
  target: z.string().min(1).describe('The target name (journals and history are grouped by it).'),
  driver: z.literal('powershell'),
  cluster: z.string().min(1).describe('DNS name of the cluster (or of one of its nodes).'),
  nodes: z.array(z.string().min(1)).min(1).optional().describe('Optional (discovered on connect); lets validate and dry-run work offline.'),
  lab: z.boolean().optional().describe('Destructive faults run only on a target marked lab (default false).'),
  transport: z
    .discriminatedUnion('kind', [
      strictFields({ kind: z.literal('winrm') }),
      strictFields({ kind: z.literal('ssh'), user: z.string().min(1).optional(), keyFile: z.string().min(1).optional() }),
    ])
    .optional()
    .describe('{ kind: winrm } (default) or { kind: ssh, user, keyFile }.'),
  credential: z
    .union([strictFields({ env: z.string().min(1).describe('Environment variable holding the credential.') }), strictFields({ file: z.string().min(1).describe('File holding the credential.') })])
    .optional()
    .describe('Omitted: the current user\'s identity.'),
  pwsh: z.string().min(1).optional().describe('The PowerShell 7 executable (default pwsh).'),
  settings: settingsSchema.optional(),
}).meta({ description: 'A real cluster, driven through remote PowerShell.' });

export const targetDrivers = ['simulated', 'powershell'] as const;

export const targetSchema = z
  .discriminatedUnion('driver', [simulatedTargetSchema, powershellTargetSchema])
  .meta({ title: 'drill target', description: 'Where a runbook runs: the simulated cluster or a real one (RUNBOOK-FORMAT.md, "Target file").' });

export type SimulatedTargetInput = z.output<typeof simulatedTargetSchema>;
export type PowershellTargetInput = z.output<typeof powershellTargetSchema>;
