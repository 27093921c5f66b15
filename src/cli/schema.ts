// `drill schema`: print or write the JSON Schemas of drill's files: runbooks, target files, drills files
// (drill schedule) and run journals.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ExitStatus } from '../errors/drill-error.js';
import { drillsJsonSchema } from '../history/drills-schema.js';
import { journalJsonSchema } from '../report/journal-schema.js';
import { jsonSchemas, schemaFileText } from '../runbook/json-schemas.js';
import type { Wrap } from './main.js';

/** Every schema drill publishes, by file name (the files committed under schema/). */
export function allJsonSchemas(): Readonly<Record<string, unknown>> {
  return { ...jsonSchemas(), 'drills.schema.json': drillsJsonSchema(), 'journal.schema.json': journalJsonSchema() };
}

const kinds = ['runbook', 'target', 'drills', 'journal'] as const;

export function registerSchema(program: Command, wrap: Wrap): void {
  program
    .command('schema')
    .description('print or write the JSON Schemas of runbooks, target files, drills files and journals')
    .option('-w, --write <dir>', 'write runbook, target, drills and journal .schema.json files into this directory')
    .option('-k, --kind <kind>', `print only one: ${kinds.join(', ')}`)
    .action(
      wrap(async (options: { write?: string; kind?: string }) => {
        const schemas = Object.entries(allJsonSchemas());
        if (options.write !== undefined) {
          await mkdir(options.write, { recursive: true });
          for (const [file, schema] of schemas) {
            const path = join(options.write, file);
            await writeFile(path, schemaFileText(schema));
            process.stdout.write(`wrote ${path}\n`);
          }
          return ExitStatus.passed;
        }
        if (options.kind !== undefined) {
          const chosen = schemas.find(([file]) => file === `${options.kind}.schema.json`);
          if (chosen === undefined) {
            process.stderr.write(`drill schema: --kind is one of ${kinds.join(', ')}, not '${options.kind}'\n`);
            return ExitStatus.invalidInput;
          }
          process.stdout.write(schemaFileText(chosen[1]));
          return ExitStatus.passed;
        }
        process.stdout.write(schemaFileText(Object.fromEntries(schemas)));
        return ExitStatus.passed;
      }),
    );
}
