// `drill run`: run runbooks against a target (the simulated cluster by default), one after another.
import { Command, Option } from 'commander';
import type { RunJournal } from '../engine/journal.js';
import { invalidInput } from '../errors/drill-error.js';
import { staticInventoryOf } from '../runbook/check-against-target.js';
import type { Runbook } from '../runbook/model.js';
import { resolveVars } from '../runbook/resolve-vars.js';
import { loadRunbooksForTarget } from '../runbook/validate-files.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { printDryRun } from './dry-run.js';
import { combinedExitStatus } from './exit-status.js';
import type { Wrap } from './main.js';
import { runOneDrill } from './run-one-drill.js';
import { parseRunOptions, type RawRunOptions, type RunOptions } from './run-options.js';
import { writeReports } from './write-reports.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerRun(program: Command, wrap: Wrap): void {
  program
    .command('run <runbooks...>')
    .description('run runbooks against a target (the simulated cluster by default)')
    .option('-t, --target <file>', 'target file (default: the embedded simulated cluster)')
    .option('--var <name=value>', 'set a var to a node, overriding its pick (repeatable)', collect)
    .option('--seed <n>', "seed of the simulated cluster and of random picks (overrides the target file's)")
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write the JSON journal')
    .option('--html <file>', 'write the HTML timeline')
    .option('--dry-run', 'resolve everything and print what would be injected and checked, without doing it')
    .option('--speed <n>', 'pace a simulated run at N times real time (default: as fast as possible)')
    .option('--force', 'start even though the target has an unfinished run (see drill cleanup)')
    .option('--runs-dir <dir>', 'where run directories and write-ahead logs go (default .drill/runs or DRILL_RUNS_DIR)')
    .option('--history <db>', 'history database every run is recorded in', '.drill/history.db')
    .addOption(new Option('--no-history', 'do not record the run in the history'))
    .option('--baseline <n>', 'compare with the last N runs of this runbook on this target; flag slower passes')
    .action(
      wrap(async (paths: string[], raw: RawRunOptions) => {
        const options = parseRunOptions(raw);
        const files = await loadRunbooksForTarget(paths, { targetPath: options.target, useDefaultTarget: true });
        if (files.diagnostics.length > 0 || files.target === undefined) throw invalidInput(files.diagnostics);
        checkVarOverrides(files.runbooks, files.target, options);
        if (options.dryRun) return printDryRun(files.runbooks, files.target, options);
        const journals: RunJournal[] = [];
        for (const runbook of files.runbooks) {
          const journal = await runOneDrill(runbook, files.target, options);
          journals.push(journal);
          if (journal.exitStatus === 130) break;
        }
        writeReports(journals, options);
        return combinedExitStatus(journals.map((j) => j.exitStatus));
      }),
    );
}

/**
 * `--var` values and picks checked before any run starts, against the inventory the target file
 * describes (a simulated cluster, or a lab's `nodes:`): a node that is not there is invalid input, exit 2.
 * Without a static inventory, preflight checks them against the inventory read from the cluster.
 */
function checkVarOverrides(runbooks: readonly Runbook[], loaded: LoadedTarget, options: RunOptions): void {
  const inventory = staticInventoryOf(loaded.config);
  if (!inventory) return;
  const seed = options.seed ?? (loaded.config.driver === 'simulated' ? loaded.config.seed : 1);
  const diagnostics = runbooks.flatMap((runbook) => {
    const resolved = resolveVars(runbook, inventory, seed, options.vars);
    return resolved.ok ? [] : resolved.diagnostics;
  });
  if (diagnostics.length > 0) throw invalidInput(diagnostics);
}
