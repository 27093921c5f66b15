// Journals of REAL drills on the simulator, made by the built `drill run` in a scratch directory, so the
// renderer tests read what the engine actually writes rather than hand-made fixtures.
import fs from 'node:fs';
import path from 'node:path';
import type { RunJournal } from '../../src/engine/journal.js';
import { parseJournal } from '../../src/report/journal-json.js';
import { drill, repoRoot, scratch } from '../e2e/drill-cli.js';

export type RealRunName = 'passing' | 'failing' | 'aborted' | 'scale';

export interface RealRun {
  readonly name: RealRunName;
  /** Exit status of `drill run`. */
  readonly status: number | null;
  readonly journal: RunJournal;
  /** The files the CLI wrote for this run. */
  readonly jsonPath: string;
  readonly htmlPath: string;
  readonly junitPath: string;
}

/** A crash whose abort condition (any node not Up) fires as soon as the node is isolated. */
const abortingRunbook = `runbook: crash-aborts
description: A crash of the cluster service on the busiest node; the abort condition stops the run.
vars:
  victim: { node: most-vms }
steps:
  - name: crash the cluster service
    inject: crash-cluster-service
    node: $victim
    expect:
      - node: $victim
        becomes: Isolated
        within: 2m
abort:
  - nodes: all
    count: { not: Up, above: 0 }
`;

const made = new Map<RealRunName, RealRun>();
let workDir: string | undefined;

/** One scratch directory per test process, holding every run's files. */
function dir(): string {
  workDir ??= scratch('drill-real-runs-');
  return workDir;
}

/** The default simulated target with one known regression switched on. */
function buggyTarget(bug: string): string {
  const file = path.join(dir(), `simulated-${bug}.yaml`);
  const text = fs.readFileSync(path.join(repoRoot, 'targets', 'simulated.yaml'), 'utf8');
  const changed = text.replace(/^bugs: \[\]/m, `bugs: [${bug}]`);
  if (changed === text) throw new Error('targets/simulated.yaml no longer has a `bugs: []` line to switch a regression on');
  fs.writeFileSync(file, changed);
  return file;
}

/** The runbook and extra arguments of each named run. */
function argumentsOf(name: RealRunName): string[] {
  switch (name) {
    case 'passing':
      return ['runbooks/quarantine-drain-clear.yaml'];
    case 'failing':
      return ['runbooks/quarantine-drain-clear.yaml', '--target', buggyTarget('drain-restarts-vms')];
    case 'aborted': {
      const runbook = path.join(dir(), 'crash-aborts.yaml');
      fs.writeFileSync(runbook, abortingRunbook);
      return [runbook];
    }
    case 'scale':
      return ['runbooks/quarantine-drain-clear.yaml', '--target', 'targets/scale.yaml'];
  }
}

/** Runs (once per process) the named drill through the CLI and reads back its journal. */
export function realRun(name: RealRunName): RealRun {
  const cached = made.get(name);
  if (cached !== undefined) return cached;
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const base = path.join(dir(), name);
  const files = { jsonPath: `${base}.json`, htmlPath: `${base}.html`, junitPath: `${base}.xml` };
  const result = drill(['run', ...argumentsOf(name), '--json', files.jsonPath, '--html', files.htmlPath, '--junit', files.junitPath, '--no-history'], { dir: dir() });
  if (!fs.existsSync(files.jsonPath)) throw new Error(`drill run (${name}) wrote no journal (exit ${result.status}):\n${result.stderr}`);
  const journal = parseJournal(fs.readFileSync(files.jsonPath, 'utf8'), files.jsonPath);
  const run: RealRun = { name, status: result.status, journal, ...files };
  made.set(name, run);
  return run;
}
