// `drill validate`: check runbooks (and, with --target, their names against its inventory).
import type { Command } from 'commander';
import { invalidInput, ExitStatus } from '../errors/drill-error.js';
import { loadRunbooksForTarget } from '../runbook/validate-files.js';
import type { Wrap } from './main.js';

export function registerValidate(program: Command, wrap: Wrap): void {
  program
    .command('validate <runbooks...>')
    .description('check runbooks (and, with --target, their names against its inventory)')
    .option('-t, --target <file>', 'a target file: check node, VM and NIC names and fault support against it')
    .action(
      wrap(async (runbooks: string[], options: { target?: string }) => {
        const loaded = await loadRunbooksForTarget(runbooks, { targetPath: options.target });
        for (const path of loaded.validPaths) process.stdout.write(`ok ${path}\n`);
        if (loaded.diagnostics.length > 0) throw invalidInput(loaded.diagnostics);
        return ExitStatus.passed;
      }),
    );
}
