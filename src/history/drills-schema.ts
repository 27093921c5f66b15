// The drills file as written (drills.yaml): its zod schema, and the JSON Schema editors read.
// Only the shape is checked here; cron expressions, time zones and files are checked in drills-file.ts.
import { z } from 'zod';
import { strictFields } from '../runbook/schema/strict-fields.js';

export const drillNamePattern = /^[a-z0-9][a-z0-9-]*$/;

/** A var's value; numbers and booleans are accepted and read as their text (as `--var` would give them). */
const varValue = z.union([z.string(), z.number(), z.boolean()]);

const results = strictFields({
    dir: z.string().min(1).optional().describe('directory of this drill\'s results; default: <defaults.results>/<drill name>'),
    junit: z.string().min(1).optional().describe('JUnit file name inside dir; may use {runId}, {drill}, {date}'),
    html: z.string().min(1).optional().describe('HTML timeline file name inside dir; may use {runId}, {drill}, {date}'),
  })
  .describe('where the results of each run go (the journal is always written to dir)');

export const drillEntrySchema = strictFields({
    name: z.string().regex(drillNamePattern, 'a drill name is lowercase letters, digits and \'-\'').describe('unique name of the drill'),
    runbook: z.string().min(1).describe('runbook file, relative to this file'),
    target: z.string().min(1).describe('target file, relative to this file'),
    vars: z.record(z.string(), varValue).optional().describe('values for the runbook\'s vars (as --var name=value)'),
    schedule: z.string().min(1).describe('cron expression: "m h dom mon dow", six fields with seconds first, or @daily, @hourly...'),
    timezone: z.string().min(1).optional().describe('IANA time zone the schedule is read in; default: defaults.timezone'),
    results: results.optional(),
  })
  .describe('one runbook against one target on a schedule');

export const drillsFileSchema = strictFields({
    defaults: strictFields({
        history: z.string().min(1).optional().describe('history database, relative to this file; default: .drill/history.db in the working directory'),
        results: z.string().min(1).optional().describe('results directory, relative to this file; default: .drill/results in the working directory'),
        timezone: z.string().min(1).optional().describe('time zone of schedules that name none; default UTC'),
      })
      .optional(),
    drills: z.array(drillEntrySchema).min(1, 'a drills file lists at least one drill'),
  })
  .describe('drill schedule: drills run on their cron schedules and recorded in the history');

export type DrillsFileInput = z.input<typeof drillsFileSchema>;
export type DrillsFileData = z.output<typeof drillsFileSchema>;

/** The JSON Schema of drills.yaml (written to schema/drills.schema.json). */
export function drillsJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(drillsFileSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'drill schedule file (drills.yaml)',
  };
}
