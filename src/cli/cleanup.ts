// `drill cleanup [<run-id> | --all]`: undo what a killed run left injected, check steady state, and
// mark the run cleaned. Exit 0 when every named run is clean; 3 with what to do when one is not.
import type { Command } from 'commander';
import { DrillError, ExitStatus, invalidInput } from '../errors/drill-error.js';
import { loadTargetFile } from '../runbook/load-target-file.js';
import { cleanUpRun, type CleanupResult } from '../safety/clean-up-run.js';
import { resolveRunsDir } from '../safety/run-directory.js';
import { findUnfinishedRuns } from '../safety/unfinished-runs.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { openTarget } from '../targets/open-target.js';
import { RealClock } from '../time/real-clock.js';
import type { Wrap } from './main.js';

interface CleanupOptions {
  readonly all?: boolean;
  readonly runsDir?: string;
  readonly attempts?: string;
  readonly settle?: string;
}

/** A positive whole number option, or invalid input naming the option. */
function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new DrillError('invalid-input', `${option} must be a whole number, got ${JSON.stringify(text)}`);
  return n;
}

/** Loads the target file a run recorded; its problems are invalid input (exit 2) like any target file. */
async function loadRecordedTarget(path: string): Promise<LoadedTarget> {
  const loaded = await loadTargetFile(path);
  if (!loaded.ok) throw invalidInput(loaded.diagnostics);
  return loaded.target;
}

/** The exit error for runs that are not clean: every problem, and what the operator must do. */
function notClean(results: readonly CleanupResult[]): DrillError {
  const dirty = results.filter((r) => r.status !== 'cleaned' && r.status !== 'already-clean');
  const lines = dirty.flatMap((r) => r.problems.map((p) => `run ${r.runId}: ${p}`));
  const ids = dirty.map((r) => r.runId).join(' ');
  return new DrillError('rollback-failed', `the cluster may still be changed by drill:\n  ${lines.join('\n  ')}`, {
    hint: `fix what is named above on the cluster (the Safety section of README.md lists what each fault changes and how to undo it by hand), then run \`drill cleanup ${ids}\` again; it only marks a run cleaned when every undo succeeded and steady state holds`,
  });
}

export function registerCleanup(program: Command, wrap: Wrap): void {
  program
    .command('cleanup [run-id]')
    .description('undo what a killed run left injected, then check steady state')
    .option('--all', 'clean every unfinished run of every target')
    .option('--runs-dir <dir>', 'where run logs are kept (default DRILL_RUNS_DIR or .drill/runs)')
    .option('--attempts <n>', 'tries of each undo, with backoff between them (default 5)')
    .option('--settle <seconds>', 'how long steady state may take to return (default: the runbook settle, else 300)')
    .action(
      wrap(async (runId: string | undefined, options: CleanupOptions) => {
        const runsDir = resolveRunsDir(options.runsDir);
        const attempts = wholeNumber(options.attempts, '--attempts');
        const settleSeconds = wholeNumber(options.settle, '--settle');
        if ((runId === undefined) === (options.all !== true)) {
          const unfinished = findUnfinishedRuns(runsDir).filter((r) => r.dead);
          const list = unfinished.map((r) => `drill cleanup ${r.runId}   # ${r.targetName}, started ${r.startedAt} by ${r.owner}`);
          throw new DrillError('invalid-input', runId === undefined ? 'name a run id or pass --all' : 'pass a run id or --all, not both', {
            hint: list.length === 0 ? `no unfinished runs in ${runsDir}` : `unfinished runs:\n  ${list.join('\n  ')}`,
          });
        }
        const runIds = runId !== undefined ? [runId] : findUnfinishedRuns(runsDir).filter((r) => r.dead).map((r) => r.runId);
        if (runIds.length === 0) {
          process.stdout.write(`no unfinished runs in ${runsDir}\n`);
          return ExitStatus.passed;
        }
        const results: CleanupResult[] = [];
        for (const id of runIds) {
          results.push(
            await cleanUpRun(id, {
              runsDir,
              clock: new RealClock(),
              loadTarget: loadRecordedTarget,
              openTarget: (loaded, o) => openTarget(loaded, o),
              say: (line) => process.stdout.write(`${line}\n`),
              ...(attempts === undefined ? {} : { retry: { attempts: Math.max(1, attempts) } }),
              ...(settleSeconds === undefined ? {} : { settleMs: settleSeconds * 1_000 }),
            }),
          );
        }
        if (results.every((r) => r.status === 'cleaned' || r.status === 'already-clean')) return ExitStatus.passed;
        throw notClean(results);
      }),
    );
}
