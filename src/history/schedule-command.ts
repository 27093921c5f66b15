// `drill schedule <drills.yaml> [--once]` with its collaborators passed in (engine, cluster lock,
// clock, log output, shutdown signal), so the CLI wires the real ones and tests a virtual week.
import { resolve } from 'node:path';
import { DrillError, ExitStatus } from '../errors/drill-error.js';
import type { Clock } from '../time/clock.js';
import { drillIdentity } from './drill-identity.js';
import { loadDrillsFile } from './drills-file.js';
import { historySink, type SaveJournal } from './history-sink.js';
import { jsonLinesLogger, type LogLevel } from './logger.js';
import type { AcquireLock, RunDrill, ScheduledDrill } from './scheduled-drill.js';
import { onceExitStatus } from './scheduled-run.js';
import { DrillScheduler } from './scheduler.js';
import { HistoryStore } from './store.js';

export interface ScheduleOptions {
  readonly drillsFile: string;
  readonly once: boolean;
  /** `--once`: how late a missed occurrence may still run. */
  readonly graceMs: number;
  /** Only these drills (by name). */
  readonly drills?: readonly string[];
  /** Only drills on this target (its name, or its file). */
  readonly target?: string;
  /** History database instead of the drills file's. */
  readonly db?: string;
  readonly logLevel?: LogLevel;
}

export interface ScheduleDeps {
  readonly runDrill: RunDrill;
  readonly acquireLock?: AcquireLock;
  readonly clock: Clock;
  /** Where the JSON log lines go (stderr in the CLI). */
  readonly writeLog: (line: string) => void;
  /** Aborted on SIGTERM/SIGINT. */
  readonly shutdown: AbortSignal;
  readonly cwd?: string;
  readonly saveJournal?: SaveJournal;
  /** Longest single wait of the scheduler (ms). */
  readonly maxSleepMs?: number;
}

/** Runs the schedule (or one pass of it) and returns the exit status. */
export async function runSchedule(options: ScheduleOptions, deps: ScheduleDeps): Promise<number> {
  const cwd = deps.cwd ?? process.cwd();
  const file = loadDrillsFile(options.drillsFile, { cwd });
  const drills = selectDrills(file.drills, options, cwd);
  const store = HistoryStore.open(options.db !== undefined ? resolve(cwd, options.db) : file.historyPath);
  try {
    const logger = jsonLinesLogger(deps.writeLog, deps.clock, options.logLevel ?? 'info');
    const scheduler = new DrillScheduler(drills, {
      clock: deps.clock,
      runDrill: deps.runDrill,
      acquireLock: deps.acquireLock,
      logger,
      sink: historySink({ store, saveJournal: deps.saveJournal }),
      maxSleepMs: deps.maxSleepMs,
    });
    if (options.once) {
      const summary = await scheduler.runOnce({ graceMs: options.graceMs, lastScheduledFor: (name) => store.lastScheduledFor(name) }, deps.shutdown);
      return onceExitStatus(summary.results, summary.interrupted);
    }
    const summary = await scheduler.run(deps.shutdown);
    return summary.interrupted ? ExitStatus.interrupted : ExitStatus.passed;
  } finally {
    store.close();
  }
}

/** Applies `--drill` and `--target`; naming a drill or target the file does not have is invalid input. */
function selectDrills(all: readonly ScheduledDrill[], options: ScheduleOptions, cwd: string): ScheduledDrill[] {
  let chosen = [...all];
  if (options.drills !== undefined && options.drills.length > 0) {
    const unknown = options.drills.filter((name) => !all.some((d) => d.name === name));
    if (unknown.length > 0) {
      throw new DrillError('invalid-input', `no drill named ${unknown.join(', ')} in ${options.drillsFile}`, { hint: `drills: ${all.map((d) => d.name).join(', ')}` });
    }
    chosen = chosen.filter((d) => options.drills!.includes(d.name));
  }
  if (options.target !== undefined) {
    const wanted = options.target;
    chosen = chosen.filter((d) => d.target === resolve(cwd, wanted) || drillIdentity(d).target === wanted);
    if (chosen.length === 0) throw new DrillError('invalid-input', `no drill in ${options.drillsFile} runs on target ${wanted}`);
  }
  return chosen;
}
