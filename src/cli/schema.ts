// `drill schema`: print or write the JSON Schema of runbooks and target files.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ExitStatus } from '../errors/drill-error.js';
import { jsonSchemas, schemaFileText } from '../runbook/json-schemas.js';
import type { Wrap } from './main.js';

export function registerSchema(program: Command, wrap: Wrap): void {
  program
    .command('schema')
    .description('print or write the JSON Schema of runbooks and target files')
    .option('-w, --write <dir>', 'write runbook.schema.json and target.schema.json into this directory')
    .option('-k, --kind <kind>', 'print only one: runbook or target')
    .action(
      wrap(async (options: { write?: string; kind?: string }) => {
        const schemas = Object.entries(jsonSchemas());
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
            process.stderr.write(`drill schema: --kind is runbook or target, not '${options.kind}'\n`);
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
