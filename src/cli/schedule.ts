// `drill schedule`: run drills on their schedules.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerSchedule(program: Command, wrap: Wrap): void {
  program
    .command('schedule <drills>')
    .description('run drills on their schedules')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill schedule is not built yet', { hint: 'see the open issues' });
      }),
    );
}
