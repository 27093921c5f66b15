// The JSON Schemas editors use to complete and check runbooks and target files, generated from the
// same zod schemas the loader checks with (committed under schema/, written by `drill schema --write`).
import { z } from 'zod';
import { predicateKeys } from './schema/expectation-schema.js';
import { runbookSchema } from './schema/runbook-schema.js';
import { stepKindKeys } from './schema/step-schema.js';
import { subjectKeys } from './schema/subject-schema.js';
import { targetSchema } from './schema/target-schema.js';

/** `exactly one of these keys`, which the loader checks in code and editors learn from the schema. */
const exactlyOne = (keys: readonly string[]) => ({ oneOf: keys.map((k) => ({ required: [k] })) });

/**
 * Rules the loader enforces beyond the zod shapes (one step kind, one subject, one predicate), added to
 * the schemas by id so editors flag them as the user types.
 */
const exactlyOneRules: Readonly<Record<string, readonly (readonly string[])[]>> = {
  Step: [stepKindKeys],
  Expectation: [subjectKeys, predicateKeys],
  SteadyStateCheck: [subjectKeys],
  StopCondition: [subjectKeys, ['is', 'count']],
};

/** Adds the `exactly one of` rules to the schemas that carry an id listed above. */
function addExactlyOneRules(ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: z.core.JSONSchema.BaseSchema }): void {
  const id = z.globalRegistry.get(ctx.zodSchema)?.id;
  const rules = id === undefined ? undefined : exactlyOneRules[id];
  if (rules === undefined) return;
  if (rules.length === 1 && rules[0] !== undefined) Object.assign(ctx.jsonSchema, exactlyOne(rules[0]));
  else ctx.jsonSchema.allOf = rules.map(exactlyOne);
}

/** Draft 7: the version every YAML editor (yaml-language-server, JetBrains) understands fully. */
const target = 'draft-07';

/** File name -> JSON Schema, in the order they are written. */
export function jsonSchemas(): Readonly<Record<'runbook.schema.json' | 'target.schema.json', unknown>> {
  return {
    'runbook.schema.json': z.toJSONSchema(runbookSchema, { io: 'input', target, override: addExactlyOneRules }),
    'target.schema.json': z.toJSONSchema(targetSchema, { io: 'input', target }),
  };
}

/** The text of a schema file: two-space JSON and a final newline, so regenerating is a no-op diff. */
export const schemaFileText = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;
