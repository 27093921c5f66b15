// `drill cleanup`: undo what a killed run left injected.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerCleanup(program: Command, wrap: Wrap): void {
  program
    .command('cleanup [run-id]')
    .description('undo what a killed run left injected')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill cleanup is not built yet', { hint: 'see the open issues' });
      }),
    );
}
