// One runbook through the whole safety envelope, for `drill run` and the scheduler alike: unfinished-run
// guard and cluster lock, write-ahead log, the engine over the opened target, the journal kept in the
// run's directory. Aborting `signal` interrupts the drill: the rollback runs, the verdict is interrupted.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runDrill, type ProgressListener } from '../engine/index.js';
import type { RunJournal } from '../engine/journal.js';
import { evaluateDuration } from '../runbook/duration.js';
import type { Runbook } from '../runbook/model.js';
import { resolveVars } from '../runbook/resolve-vars.js';
import { openTarget } from '../targets/open-target.js';
import type { LoadedTarget } from '../targets/target-config.js';
import type { Clock } from '../time/clock.js';
import { RealClock } from '../time/real-clock.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { resolveRunsDir, runDirectoryOf } from './run-directory.js';
import { openRunSafety, type RunSafety } from './run-safety.js';
import { refuseAtTheDoor } from './door-guards.js';

export interface GuardedRunOptions {
  readonly vars?: Readonly<Record<string, string>>;
  readonly seed?: number;
  readonly speed?: number;
  readonly force?: boolean;
  readonly runsDir?: string;
  readonly signal?: AbortSignal;
  readonly drillVersion?: string;
  /** Told the run id as soon as the run exists (before anything is injected). */
  readonly onRunId?: (runId: string) => void;
  readonly onProgress?: ProgressListener;
  readonly onWarning?: (message: string) => void;
}

export interface GuardedRun {
  readonly journal: RunJournal;
  /** Where the finished journal was written: `<runs dir>/<run id>/journal.json`. */
  readonly journalPath: string;
}

export async function runUnderSafety(runbook: Runbook, loaded: LoadedTarget, options: GuardedRunOptions = {}): Promise<GuardedRun> {
  const { config } = loaded;
  // The simulator lives on a virtual clock; a real cluster on the monotonic one.
  // A virtual clock's wall time starts at the real start of the run, so journals and history say when it ran.
  const clock: Clock = config.driver === 'simulated' ? new VirtualClock(0, Date.parse(new RealClock().wallTime())) : new RealClock();
  const seed = options.seed ?? (config.driver === 'simulated' ? config.seed : undefined);
  const runsDir = resolveRunsDir(options.runsDir);
  // The target is opened first so the lock can live on the cluster itself when the target can hold one
  // (a marker through the PowerShell agent); otherwise openRunSafety falls back to its lock file.
  const target = await openTarget(loaded, { clock, ...(seed !== undefined ? { seed } : {}) });
  let safety: RunSafety;
  try {
    safety = await openRunSafety({
      runsDir,
      target: loaded,
      runbooks: [runbook.source.path],
      clock,
      force: options.force ?? false,
      ...(target.clusterLock ? { lock: target.clusterLock() } : {}),
      ...(options.onWarning ? { onLockLost: options.onWarning } : {}),
    });
  } catch (error) {
    await target.close();
    throw error;
  }
  options.onRunId?.(safety.runId);
  let journal: RunJournal | undefined;
  let finishError: unknown;
  try {
    try {
      await refuseAtTheDoor({ target, config, runbook, vars: options.vars ?? {}, ...(seed !== undefined ? { seed } : {}) });
      journal = await runDrill({
        runbook,
        target,
        clock,
        resolveVars,
        evaluateDuration,
        vars: options.vars ?? {},
        ...(seed !== undefined ? { seed } : {}),
        recorder: safety.recorder,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.speed !== undefined ? { speed: options.speed } : {}),
        // On a real cluster the target file's poll interval wins: it says what the lab can bear.
        ...(config.driver === 'powershell' ? { observeMs: config.observeMs } : {}),
        targetPath: loaded.path,
        ...(options.drillVersion ? { drillVersion: options.drillVersion } : {}),
        runId: safety.runId,
      });
    } finally {
      await target.close();
    }
  } finally {
    try {
      await safety.finish(journal?.verdict ?? 'inconclusive', journal?.exitStatus ?? 3);
    } catch (error) {
      // The write-ahead log broke during the run (full disk): keep the journal if it can still be written, then stop with exit 3.
      finishError = error;
    }
  }
  const journalPath = path.join(runDirectoryOf(runsDir, safety.runId).dir, 'journal.json');
  try {
    writeFileSync(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
  } catch (error) {
    throw finishError ?? error;
  }
  if (finishError !== undefined) throw finishError;
  return { journal, journalPath };
}
