// `drill run`: run runbooks against a target (the simulated cluster by default).
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerRun(program: Command, wrap: Wrap): void {
  program
    .command('run <runbooks...>')
    .description('run runbooks against a target (the simulated cluster by default)')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill run is not built yet', { hint: 'see the open issues' });
      }),
    );
}
