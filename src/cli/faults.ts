// `drill faults`: list the faults and actions, and which targets support each.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerFaults(program: Command, wrap: Wrap): void {
  program
    .command('faults')
    .description('list the faults and actions, and which targets support each')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill faults is not built yet', { hint: 'see the open issues' });
      }),
    );
}
