// `drill history`: past runs and how their timings trend.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerHistory(program: Command, wrap: Wrap): void {
  program
    .command('history')
    .description('past runs and how their timings trend')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill history is not built yet', { hint: 'see the open issues' });
      }),
    );
}
