// The JSON Schemas editors use to complete and check runbooks and target files, generated from the
// same zod schemas the loader checks with (committed under schema/, written by `drill schema --write`).
import { z } from 'zod';
import { runbookSchema } from './schema/runbook-schema.js';
import { targetSchema } from './schema/target-schema.js';

/** File name -> JSON Schema, in the order they are written. */
export function jsonSchemas(): Readonly<Record<'runbook.schema.json' | 'target.schema.json', unknown>> {
  return {
    'runbook.schema.json': z.toJSONSchema(runbookSchema, { io: 'input' }),
    'target.schema.json': z.toJSONSchema(targetSchema, { io: 'input' }),
  };
}

/** The text of a schema file: two-space JSON and a final newline, so regenerating is a no-op diff. */
export const schemaFileText = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;
