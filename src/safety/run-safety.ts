// Everything `drill run` does for safety around the engine, in the order it must happen: refuse a
// target with an unfinished run, take the cluster lock, open the write-ahead log; hand the engine its
// recorder; at the end, record the verdict and give the lock back. (The engine's rollback retries
// each undo with backoff itself, so the target is handed over as it is.)
import type { RunVerdict } from '../engine/journal.js';
import type { LoadedTarget } from '../targets/target-config.js';
import type { Clock } from '../time/clock.js';
import type { ClusterLock } from './cluster-lock.js';
import { clusterLockFor, takeClusterLock, type HeldLock } from './hold-cluster-lock.js';
import { newRunId } from './run-directory.js';
import type { RunStarted } from './run-record.js';
import { guardUnfinishedRuns } from './unfinished-runs.js';
import { currentOwner, startRunLog, type RunLogRecorder } from './write-ahead-recorder.js';
import { RealClock } from '../time/real-clock.js';

export interface RunSafetyOptions {
  readonly runsDir: string;
  readonly target: LoadedTarget;
  readonly runbooks: readonly string[];
  /** The run's clock (virtual on the simulator): times of records and undo backoff. */
  readonly clock: Clock;
  /** `--force`: start even though the target has an unfinished run. */
  readonly force?: boolean;
  readonly steadyState?: RunStarted['steadyState'];
  readonly lock?: ClusterLock;
  /** Told when the cluster lock is lost during the run (printed as a warning). */
  readonly onLockLost?: (message: string) => void;
}

export interface RunSafety {
  readonly runId: string;
  /** The engine's `recorder` (RunRecorder: append of journal events), fsync'd write-ahead. */
  readonly recorder: RunLogRecorder;
  /**
   * Records the verdict and releases the lock. Call it in `finally` whatever happened (the engine's
   * verdict, or 'inconclusive' with the DrillError's exit status when it threw): a run without an end
   * record is taken for a killed one. Faults whose undo failed stay pending and call for cleanup.
   */
  finish(verdict: RunVerdict, exitStatus: number): Promise<void>;
}

/** Throws DrillError (exit 3) when the run must not start: an unfinished run, a held lock, an unwritable log. */
export async function openRunSafety(options: RunSafetyOptions): Promise<RunSafety> {
  const { config } = options.target;
  const refusal = guardUnfinishedRuns(options.runsDir, config.name, { force: options.force ?? false });
  if (refusal) throw refusal;
  const wallClock = new RealClock();
  const runId = newRunId(wallClock);
  const held: HeldLock = await takeClusterLock(options.lock ?? clusterLockFor(config), {
    runId,
    owner: currentOwner(),
    wallClock,
    ...(options.onLockLost ? { onLost: options.onLockLost } : {}),
  });
  let recorder: RunLogRecorder;
  try {
    recorder = startRunLog({
      runsDir: options.runsDir,
      clock: options.clock,
      wallClock,
      runId,
      target: { name: config.name, driver: config.driver, path: options.target.path },
      runbooks: options.runbooks,
      ...(options.steadyState ? { steadyState: options.steadyState } : {}),
    });
  } catch (error) {
    await held.release();
    throw error;
  }
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await held.release();
  };
  return {
    runId,
    recorder,
    async finish(verdict, exitStatus) {
      try {
        recorder.finished(verdict, exitStatus);
      } finally {
        await release();
      }
    },
  };
}
