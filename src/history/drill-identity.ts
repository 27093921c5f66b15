// The runbook and target names a drill is recorded under when there is no journal to read them from
// (a skipped run, or one that failed to start): the `runbook:` / `target:` fields of its files,
// else the file name, so such runs line up with the completed ones in `drill history`.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { load } from 'js-yaml';
import type { ScheduledDrill } from './scheduled-drill.js';

export interface DrillIdentity {
  readonly runbook: string;
  readonly target: string;
}

/** Reads one top-level name field of a YAML file; the file's base name when it cannot. */
function nameField(path: string, field: 'runbook' | 'target'): string {
  try {
    const data = load(readFileSync(path, 'utf8'));
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      const value = (data as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.length > 0) return value;
    }
  } catch {
    // Unreadable or invalid: the run will fail on it and say why; the file name is enough here.
  }
  return basename(path, extname(path));
}

/** The names a drill's runs are recorded under. */
export function drillIdentity(drill: ScheduledDrill): DrillIdentity {
  return { runbook: nameField(drill.runbook, 'runbook'), target: nameField(drill.target, 'target') };
}
