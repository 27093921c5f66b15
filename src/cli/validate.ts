// `drill validate`: check runbooks (and, with --target, their names against its inventory).
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerValidate(program: Command, wrap: Wrap): void {
  program
    .command('validate <runbooks...>')
    .description('check runbooks (and, with --target, their names against its inventory)')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill validate is not built yet', { hint: 'see the open issues' });
      }),
    );
}
