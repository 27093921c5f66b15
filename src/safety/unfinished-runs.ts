// Runs that were killed or left a fault in effect and were not cleaned up since. `drill run` refuses to
// start against a target that has one (unless --force): the cluster may not be as its runbook assumes.
import * as os from 'node:os';
import { DrillError } from '../errors/drill-error.js';
import type { Undo } from '../targets/target.js';
import { isProcessAlive } from './process-liveness.js';
import { listRunIds, runDirectoryOf } from './run-directory.js';
import { readRunLog } from './run-log-reader.js';
import { runStatus } from './run-status.js';

export interface UnfinishedRun {
  readonly runId: string;
  readonly logPath: string;
  readonly targetName: string;
  readonly pid: number;
  readonly owner: string;
  readonly startedAt: string;
  /** Whether the run's process died (or is on another host); false: it is still running here. */
  readonly dead: boolean;
  readonly pending: readonly Undo[];
  /** How it ended, or null when it never recorded an end (killed). */
  readonly verdict: string | null;
}

export interface FindOptions {
  readonly host?: string;
  readonly isAlive?: (pid: number) => boolean;
}

/** Every run of `targetName` (all targets when undefined) that needs `drill cleanup`, oldest first. */
export function findUnfinishedRuns(runsDir: string, targetName?: string, options: FindOptions = {}): UnfinishedRun[] {
  const host = options.host ?? os.hostname();
  const isAlive = options.isAlive ?? isProcessAlive;
  const found: UnfinishedRun[] = [];
  for (const runId of listRunIds(runsDir)) {
    const { logPath } = runDirectoryOf(runsDir, runId);
    const log = readRunLog(logPath);
    const status = runStatus(log.records);
    const started = status.started;
    // A damaged line may have been a fault's intent: such a run needs an operator's look.
    const damaged = log.problems.length > 0 && !status.cleaned;
    if (!started || !(status.needsCleanup || damaged)) continue;
    if (targetName !== undefined && started.target.name !== targetName) continue;
    const running = status.finished === undefined && started.host === host && isAlive(started.pid);
    found.push({
      runId,
      logPath,
      targetName: started.target.name,
      pid: started.pid,
      owner: started.owner,
      startedAt: started.wallTime,
      dead: !running,
      pending: status.pending,
      verdict: status.finished?.verdict ?? null,
    });
  }
  return found;
}

export interface GuardOptions extends FindOptions {
  readonly force?: boolean;
}

/**
 * The error `drill run` throws when the target has a run that needs cleaning, or undefined. Runs
 * still alive on this host are left to the cluster lock, which names their holder.
 */
export function guardUnfinishedRuns(runsDir: string, targetName: string, options: GuardOptions = {}): DrillError | undefined {
  if (options.force) return undefined;
  const dead = findUnfinishedRuns(runsDir, targetName, options).filter((r) => r.dead);
  const first = dead[0];
  if (!first) return undefined;
  const what =
    first.pending.length > 0
      ? `${first.pending.length} fault${first.pending.length === 1 ? '' : 's'} may still be in effect`
      : 'it ended without recording its end';
  const others = dead.length > 1 ? ` (and ${dead.length - 1} more: drill cleanup --all)` : '';
  return new DrillError('preflight-failed', `target ${targetName} has an unfinished run ${first.runId} by ${first.owner}: ${what}${others}; nothing was injected`, {
    hint: `run \`drill cleanup ${first.runId}\` to undo it and check steady state, or pass --force to run anyway`,
  });
}
