// `drill schema`: write the JSON Schema of runbooks and target files.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerSchema(program: Command, wrap: Wrap): void {
  program
    .command('schema')
    .description('write the JSON Schema of runbooks and target files')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill schema is not built yet', { hint: 'see the open issues' });
      }),
    );
}
