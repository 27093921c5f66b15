// Runs the built `drill` command (bin/drill.js over dist/) in a child process, isolated from other tests:
// its own runs directory and lock directory, no history unless asked.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const bin = path.join(repoRoot, 'bin', 'drill.js');

export interface DrillResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A scratch directory for one test's runs, locks and reports. */
export function scratch(prefix = 'drill-e2e-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function drill(args: readonly string[], options: { readonly dir: string; readonly env?: NodeJS.ProcessEnv } ): DrillResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: {
      ...process.env,
      CI: 'true',
      DRILL_RUNS_DIR: path.join(options.dir, 'runs'),
      DRILL_LOCK_DIR: path.join(options.dir, 'locks'),
      ...options.env,
    },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
