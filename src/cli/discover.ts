// `drill discover`: write a simulated twin of a real cluster.
import type { Command } from 'commander';
import { DrillError } from '../errors/drill-error.js';
import type { Wrap } from './main.js';

export function registerDiscover(program: Command, wrap: Wrap): void {
  program
    .command('discover <target>')
    .description('write a simulated twin of a real cluster')
    .action(
      wrap(async () => {
        throw new DrillError('internal', 'drill discover is not built yet', { hint: 'see the open issues' });
      }),
    );
}
