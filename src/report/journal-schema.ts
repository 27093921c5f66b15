// The journal's published shape as a zod schema: `drill report` validates saved journals with it, and
// schema/journal.schema.json is generated from it (a test keeps the two and RunJournal in step).
import { z } from 'zod';
import { journalSchemaVersion, type RunJournal } from '../engine/journal.js';

const runTime = z.number().describe('ms on the run clock since the run started');
const nodeName = z.string().min(1);

const fault = z.discriminatedUnion('fault', [
  z.object({ fault: z.literal('crash-cluster-service'), node: nodeName }),
  z.object({ fault: z.literal('stop-cluster-service'), node: nodeName }),
  z.object({ fault: z.literal('partition-node'), node: nodeName, forMs: z.number() }),
  z.object({ fault: z.literal('fail-nic'), node: nodeName, nic: z.string(), forMs: z.number().optional() }),
  z.object({ fault: z.literal('power-off-node'), node: nodeName }),
  z.object({ fault: z.literal('lose-storage'), node: nodeName, forMs: z.number() }),
  z.object({ fault: z.literal('freeze-vm'), vm: z.string(), forMs: z.number() }),
]);

const action = z.discriminatedUnion('action', [
  z.object({ action: z.literal('clear-quarantine'), node: nodeName }),
  z.object({ action: z.literal('start-cluster-service'), node: nodeName }),
  z.object({ action: z.literal('drain-node'), node: nodeName }),
  z.object({ action: z.literal('resume-node'), node: nodeName, failback: z.enum(['immediate', 'none']) }),
  z.object({ action: z.literal('move-vm'), vm: z.string(), to: nodeName, type: z.enum(['live', 'quick']) }),
  z.object({ action: z.literal('power-on-node'), node: nodeName }),
]);

const undo = z.discriminatedUnion('undo', [
  z.object({ undo: z.literal('start-cluster-service'), node: nodeName }),
  z.object({ undo: z.literal('lift-partition'), node: nodeName }),
  z.object({ undo: z.literal('enable-nic'), node: nodeName, nic: z.string() }),
  z.object({ undo: z.literal('power-on-node'), node: nodeName }),
  z.object({ undo: z.literal('restore-storage'), node: nodeName }),
  z.object({ undo: z.literal('thaw-vm'), vm: z.string() }),
]);

const expectationVerdict = z.enum(['pass', 'fail', 'inconclusive', 'skipped']);

export const expectationRecordSchema = z.object({
  id: z.string().describe('s<step>.r<repetition>.e<index>, steady.before.<i> or steady.after.<i>'),
  text: z.string(),
  predicate: z.enum(['becomes', 'stays', 'never', 'drained', 'is']),
  window: z.object({ from: runTime, to: runTime, min: z.number().optional(), text: z.string() }),
  verdict: expectationVerdict,
  reason: z.string(),
  lastFalseAt: runTime.nullable(),
  firstTrueAt: runTime.nullable(),
  decidedAt: runTime.nullable(),
});

const stepRecord = z.object({
  index: z.number().int(),
  repetition: z.number().int(),
  name: z.string(),
  kind: z.enum(['inject', 'do', 'wait']),
  status: z.enum(['passed', 'failed', 'inconclusive', 'skipped']),
  startedAt: runTime.nullable(),
  endedAt: runTime.nullable(),
  fault: fault.optional(),
  action: action.optional(),
  actText: z.string().optional().describe('what the step carried out, as text (also for restore and wait)'),
  note: z.string().optional().describe('why the step ended as it did (skipped after a failure, refused by a guard...)'),
  expectations: z.array(expectationRecordSchema),
});

/** Where an injection or action stood: its intent (written before it is made), done, or failed. */
const stage = z.enum(['intent', 'done', 'failed']).optional();

const text = z.string();
const journalEvent = z.discriminatedUnion('kind', [
  z.object({ at: runTime, kind: z.literal('phase'), phase: z.string(), text }),
  z.object({ at: runTime, kind: z.literal('inject'), fault, undo, text, stage }),
  z.object({ at: runTime, kind: z.literal('action'), action, text, stage }),
  z.object({ at: runTime, kind: z.literal('undo'), undo, ok: z.boolean(), text }),
  z.object({ at: runTime, kind: z.literal('node'), node: z.string(), field: z.string(), from: z.string(), to: z.string(), text }),
  z.object({ at: runTime, kind: z.literal('vm'), vm: z.string(), field: z.string(), from: z.string(), to: z.string(), text }),
  z.object({
    at: runTime,
    kind: z.literal('cluster'),
    node: z.string().optional(),
    vm: z.string().optional(),
    event: z.string(),
    text,
  }),
  z.object({ at: runTime, kind: z.literal('observation-gap'), until: runTime.nullable(), text }),
  z.object({ at: runTime, kind: z.literal('expectation'), id: z.string(), verdict: expectationVerdict, text }),
  z.object({ at: runTime, kind: z.literal('abort'), text }),
  z.object({ at: runTime, kind: z.literal('error'), text }),
]);

const clusterSettings = z.object({
  name: z.string(),
  resiliencyLevel: z.enum(['AlwaysIsolate', 'IsolateOnSpecialHeartbeat']),
  resiliencyDefaultPeriodMs: z.number(),
  quarantineThreshold: z.number(),
  quarantineDurationMs: z.number(),
  heartbeatDelayMs: z.number(),
  heartbeatThreshold: z.number(),
  liveMigrationConcurrent: z.number(),
  liveMigrationBandwidthBps: z.number(),
  quarantineCapFraction: z.number(),
});

export const journalSchema = z
  .object({
    schemaVersion: z.literal(journalSchemaVersion),
    drillVersion: z.string(),
    runId: z.string(),
    runbook: z.object({ name: z.string(), path: z.string(), sha256: z.string(), description: z.string().optional() }),
    target: z.object({
      name: z.string(),
      driver: z.string(),
      path: z.string(),
      cluster: clusterSettings,
      nodes: z.array(z.string()),
      vmCount: z.number().int(),
      vms: z
        .array(z.object({ name: z.string(), owner: z.string(), storage: z.enum(['csv', 'smb']), resilient: z.boolean() }))
        .optional(),
    }),
    seed: z.number().nullable(),
    startedAt: z.string().describe('wall clock, ISO 8601'),
    endedAt: z.string().describe('wall clock, ISO 8601'),
    clock: z.object({ start: runTime, end: runTime, virtual: z.boolean() }),
    vars: z.record(z.string(), z.string()),
    steadyState: z.object({ before: z.array(expectationRecordSchema), after: z.array(expectationRecordSchema) }),
    steps: z.array(stepRecord),
    rollback: z.array(z.object({ at: runTime, text: z.string(), ok: z.boolean(), message: z.string() })),
    events: z.array(journalEvent),
    verdict: z.enum(['pass', 'fail', 'inconclusive', 'aborted', 'interrupted', 'invalid']),
    exitStatus: z.number().int(),
    reason: z.string(),
  })
  .describe(`drill run journal, schema version ${journalSchemaVersion}`);

/** Deeply readonly, to compare zod's (mutable) output with the journal's readonly interfaces. */
type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
type Parsed = DeepReadonly<z.output<typeof journalSchema>>;
// Compile-time guard: a parsed journal is a RunJournal and every RunJournal passes the schema's shape.
const parsedIsJournal = (j: Parsed): RunJournal => j;
const journalIsParsed = (j: RunJournal): Parsed => j;
void parsedIsJournal;
void journalIsParsed;

/** The JSON Schema published as schema/journal.schema.json. */
export function journalJsonSchema(): Record<string, unknown> {
  return {
    title: 'drill run journal',
    ...z.toJSONSchema(journalSchema, { io: 'input' }),
  };
}
