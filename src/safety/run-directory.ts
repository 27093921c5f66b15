// Where runs keep their write-ahead logs: `.drill/runs/<run-id>/` under the working directory by
// default, or the `--runs-dir` option, or DRILL_RUNS_DIR. One directory per run, created exclusively.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DrillError } from '../errors/drill-error.js';
import type { Clock } from '../time/clock.js';

/** Name of the write-ahead log inside a run's directory. */
export const runLogFileName = 'write-ahead.jsonl';

/** The runs directory: the explicit option first, then DRILL_RUNS_DIR, then `.drill/runs` in `cwd`. */
export function resolveRunsDir(option?: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const chosen = option ?? (env['DRILL_RUNS_DIR'] || undefined) ?? path.join('.drill', 'runs');
  return path.resolve(cwd, chosen);
}

/** A run id people can sort and type: wall time to the second, then 6 random hex digits. */
export function newRunId(clock: Clock): string {
  const stamp = clock.wallTime().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Run ids are path segments: refuse anything that could climb out of the runs directory. */
export function isRunId(text: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(text) && !text.includes('..');
}

/** A run's directory and log file. */
export interface RunDirectory {
  readonly runId: string;
  readonly dir: string;
  readonly logPath: string;
}

/** Paths of a run, whether or not it exists. */
export function runDirectoryOf(runsDir: string, runId: string): RunDirectory {
  const dir = path.join(runsDir, runId);
  return { runId, dir, logPath: path.join(dir, runLogFileName) };
}

/** Creates the run's directory (and the runs directory); an unwritable place stops the run before anything is injected. */
export function createRunDirectory(runsDir: string, runId: string): RunDirectory {
  const run = runDirectoryOf(runsDir, runId);
  try {
    fs.mkdirSync(runsDir, { recursive: true });
    fs.mkdirSync(run.dir);
  } catch (error) {
    throw unwritable(run.dir, error);
  }
  return run;
}

/** Ids of every run directory that holds a log, oldest first (ids sort by time). */
export function listRunIds(runsDir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(runsDir, { withFileTypes: true });
  } catch (error) {
    // No runs directory yet (or a file in its place, which creating a run then reports): no runs.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw error;
  }
  return entries
    .filter((e) => e.isDirectory() && isRunId(e.name) && fs.existsSync(path.join(runsDir, e.name, runLogFileName)))
    .map((e) => e.name)
    .sort();
}

/** The one message for a run log that cannot be written: where, why, and that nothing was injected. */
export function unwritable(where: string, error: unknown): DrillError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'the file system is read-only'
          : error instanceof Error
            ? error.message
            : String(error);
  return new DrillError('journal-unwritable', `cannot write the run's write-ahead log at ${where}: ${why}; nothing more was injected`, {
    hint: 'free space or choose a writable place with --runs-dir <dir> (or DRILL_RUNS_DIR), then run again',
    cause: error,
  });
}
