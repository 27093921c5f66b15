// `drill cleanup` of one run: read its write-ahead log, re-open its target from the recorded target
// file, replay the undos still pending (newest first, each retried with backoff, each idempotent at the
// target), record what happened, then wait for steady state and mark the run cleaned.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { DrillError, formatDiagnostic } from '../errors/drill-error.js';
import { describeUndo } from '../engine/describe.js';
import type { LoadedTarget } from '../targets/target-config.js';
import type { Target, Undo } from '../targets/target.js';
import type { Clock } from '../time/clock.js';
import { RealClock } from '../time/real-clock.js';
import type { ClusterLock } from './cluster-lock.js';
import { awaitSteadyState, steadyCheckFor } from './cluster-at-rest.js';
import { clusterLockFor, takeClusterLock, type HeldLock } from './hold-cluster-lock.js';
import { isProcessAlive } from './process-liveness.js';
import { isRunId, runDirectoryOf } from './run-directory.js';
import { readRunLog } from './run-log-reader.js';
import type { RunStarted } from './run-record.js';
import { runStatus } from './run-status.js';
import { undoWithRetry, type UndoRetryOptions } from './undo-retrying-target.js';
import { currentOwner } from './write-ahead-recorder.js';
import { WriteAheadLog } from './write-ahead-log.js';

export interface CleanupDeps {
  readonly runsDir: string;
  /** Clock of retries and of the settle wait (a RealClock: the cluster lives in real time). */
  readonly clock: Clock;
  /** Reads the recorded target file; throws DrillError when it cannot. */
  readonly loadTarget: (path: string) => Promise<LoadedTarget>;
  readonly openTarget: (loaded: LoadedTarget, options: { clock: Clock }) => Promise<Target>;
  readonly lockFor?: (loaded: LoadedTarget) => ClusterLock;
  readonly retry?: Omit<UndoRetryOptions, 'clock'>;
  /** How long steady state may take to return after the undos; default the run's settle, else 5 min. */
  readonly settleMs?: number;
  readonly pollMs?: number;
  /** Progress lines for the operator. */
  readonly say: (line: string) => void;
  readonly host?: string;
  readonly isAlive?: (pid: number) => boolean;
  readonly wallClock?: Clock;
}

export type CleanupStatus = 'cleaned' | 'already-clean' | 'undo-failed' | 'not-steady' | 'damaged-log';

export interface CleanupResult {
  readonly runId: string;
  readonly status: CleanupStatus;
  readonly undone: readonly Undo[];
  readonly failed: readonly { readonly undo: Undo; readonly message: string }[];
  /** What the operator must look at when the status is not clean. */
  readonly problems: readonly string[];
}

const defaultSettleMs = 5 * 60_000;

/** Reads a run's log; a run id that names no run is invalid input. */
function readRun(runsDir: string, runId: string) {
  if (!isRunId(runId)) throw new DrillError('invalid-input', `${JSON.stringify(runId)} is not a run id`);
  const run = runDirectoryOf(runsDir, runId);
  if (!fs.existsSync(run.logPath)) {
    throw new DrillError('invalid-input', `no run ${runId} in ${runsDir}`, { hint: 'run `drill cleanup --all` to clean every unfinished run, or pass --runs-dir' });
  }
  return { run, log: readRunLog(run.logPath) };
}

/** Refuses to clean a run whose process is still alive on this host: its own rollback is in charge. */
function refuseIfRunning(started: RunStarted, finished: boolean, deps: CleanupDeps): void {
  const host = deps.host ?? os.hostname();
  const alive = deps.isAlive ?? isProcessAlive;
  if (finished || started.host !== host || !alive(started.pid)) return;
  throw new DrillError('run-locked', `run ${started.runId} is still running (pid ${started.pid} on ${host}); its own rollback will undo its faults`, {
    hint: `interrupt it (Ctrl-C rolls back) or wait for it to end; if it hangs, kill ${started.pid} and run drill cleanup ${started.runId}`,
  });
}

export async function cleanUpRun(runId: string, deps: CleanupDeps): Promise<CleanupResult> {
  const { run, log } = readRun(deps.runsDir, runId);
  const status = runStatus(log.records);
  const started = status.started;
  if (!started) {
    throw new DrillError('rollback-failed', `run ${runId}'s log ${run.logPath} has no run-started record, so its target is unknown`, {
      hint: 'check the cluster by hand; then remove the run directory',
    });
  }
  const damaged = log.problems.map(formatDiagnostic);
  if (status.cleaned) {
    deps.say(`run ${runId}: already cleaned`);
    return { runId, status: 'already-clean', undone: [], failed: [], problems: [] };
  }
  refuseIfRunning(started, status.finished !== undefined, deps);
  const loaded = await deps.loadTarget(started.target.path);
  const wall = deps.wallClock ?? new RealClock();
  const wal = WriteAheadLog.reopen(run.logPath);
  const stamp = () => wall.wallTime();
  try {
    wal.append({ type: 'cleanup-started', pid: process.pid, owner: currentOwner(), wallTime: stamp() });
    if (loaded.config.driver === 'simulated') {
      // The simulated cluster lived in the run's process and ended with it: nothing of it is left to undo.
      const message = `target ${started.target.name} is simulated: its cluster ended with the run's process, nothing to undo`;
      deps.say(`run ${runId}: ${message}`);
      wal.append({ type: 'run-cleaned', message, wallTime: stamp() });
      return { runId, status: 'cleaned', undone: [], failed: [], problems: [] };
    }
    // The lock lives on the cluster when the target can hold one (a marker through its own agent).
    const target = await deps.openTarget(loaded, { clock: deps.clock });
    try {
      const lock = deps.lockFor?.(loaded) ?? target.clusterLock?.() ?? clusterLockFor(loaded.config);
      let held: HeldLock;
      try {
        held = await takeClusterLock(lock, { runId: `cleanup-${runId}`, owner: currentOwner(), wallClock: wall });
      } catch (error) {
        // A cluster that cannot be reached cannot be cleaned: every pending undo failed, loudly, and the run stays unfinished.
        if (!(error instanceof DrillError) || error.code !== 'target-unreachable') throw error;
        return unreachable(runId, status.pending, error.message, wal, deps);
      }
      try {
        return await replayAndSettle(runId, started, status.pending, damaged, target, wal, deps);
      } finally {
        await held.release();
      }
    } finally {
      await target.close();
    }
  } finally {
    wal.close();
  }
}

async function replayAndSettle(
  runId: string,
  started: RunStarted,
  pending: readonly Undo[],
  damaged: readonly string[],
  target: Target,
  wal: WriteAheadLog,
  deps: CleanupDeps,
): Promise<CleanupResult> {
  const { clock, say } = deps;
  const wallTime = () => (deps.wallClock ?? new RealClock()).wallTime();
  const undone: Undo[] = [];
  const failed: { undo: Undo; message: string }[] = [];
  say(`run ${runId}: ${pending.length === 0 ? 'no fault is pending' : `${pending.length} pending undo${pending.length === 1 ? '' : 's'}`} on ${started.target.name}`);
  for (const undo of pending) {
    const result = await undoWithRetry(target, undo, {
      ...deps.retry,
      clock,
      onRetry: (u, message, attempt, next) => {
        if (next !== null) say(`  ${describeUndo(u)}: try ${attempt} failed (${message}); retrying in ${Math.round(next / 1000)} s`);
      },
    });
    if (result.ok) {
      undone.push(undo);
      wal.append({ type: 'fault-undone', undo, by: 'cleanup', message: result.value.message, at: clock.now(), wallTime: wallTime() });
      say(`  ${describeUndo(undo)}: ${result.value.message}`);
    } else {
      failed.push({ undo, message: result.error.message });
      wal.append({ type: 'undo-failed', undo, by: 'cleanup', message: result.error.message, attempts: result.attempts, at: clock.now(), wallTime: wallTime() });
      say(`  ${describeUndo(undo)}: FAILED: ${result.error.message}`);
    }
  }
  // After a failed undo the cluster cannot be at rest: one observation says how it stands, no waiting.
  const settleMs = failed.length > 0 ? 0 : (deps.settleMs ?? started.steadyState?.settleMs ?? defaultSettleMs);
  if (settleMs > 0) say(`run ${runId}: waiting up to ${Math.round(settleMs / 1000)} s for steady state`);
  const steady = await awaitSteadyState(target, steadyCheckFor(started), { clock, settleMs, pollMs: deps.pollMs ?? 2_000 });
  const problems = [
    ...failed.map((f) => `${describeUndo(f.undo)} failed: ${f.message}`),
    ...(steady.ok ? [] : steady.problems.map((p) => `not in steady state: ${p}`)),
    ...damaged.map((d) => `${d} (a record there could not be read: a fault it names may not have been undone)`),
  ];
  if (problems.length === 0) {
    wal.append({ type: 'run-cleaned', message: `${undone.length} undone; steady state holds`, wallTime: wallTime() });
    say(`run ${runId}: cleaned; steady state holds`);
    return { runId, status: 'cleaned', undone, failed, problems };
  }
  const status = failed.length > 0 ? 'undo-failed' : damaged.length > 0 ? 'damaged-log' : 'not-steady';
  return { runId, status, undone, failed, problems };
}

/** Cleanup of a cluster it could not reach: each pending undo is recorded as failed with why. */
function unreachable(runId: string, pending: readonly Undo[], why: string, wal: WriteAheadLog, deps: CleanupDeps): CleanupResult {
  const wallTime = (deps.wallClock ?? new RealClock()).wallTime();
  const failed = pending.map((undo) => ({ undo, message: `the cluster could not be reached: ${why}` }));
  for (const f of failed) {
    wal.append({ type: 'undo-failed', undo: f.undo, by: 'cleanup', message: f.message, attempts: 1, at: deps.clock.now(), wallTime });
    deps.say(`  ${describeUndo(f.undo)}: FAILED: ${f.message}`);
  }
  const problems = failed.map((f) => `${describeUndo(f.undo)} failed: ${f.message}`);
  return { runId, status: failed.length > 0 ? 'undo-failed' : 'not-steady', undone: [], failed, problems: problems.length > 0 ? problems : [`not in steady state: the cluster could not be reached: ${why}`] };
}
