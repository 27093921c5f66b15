// `drill report`: re-render reports from a saved journal.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerReport(program: Command, wrap: Wrap): void {
  program
    .command('report <journal>')
    .description('re-render reports from a saved journal')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill report is not built yet', { hint: 'see the open issues' });
      }),
    );
}
