// Loads drills.yaml: YAML with positions, the zod shape, then what zod cannot see (cron expressions,
// time zones, unique names, files that exist). Every problem of the file is reported at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { invalidInput, type Diagnostic, type DiagnosticCode, type SourcePosition } from '../errors/drill-error.js';
import { parseYamlTree } from '../runbook/yaml/parse-yaml-tree.js';
import { positionAt, toPlain } from '../runbook/yaml/yaml-locate.js';
import { diagnosticsFromIssues } from '../runbook/zod-diagnostics.js';
import { cronSchedule } from './cron-schedule.js';
import { drillsFileSchema, type DrillsFileData } from './drills-schema.js';
import type { DrillsFile, ScheduledDrill } from './scheduled-drill.js';

export const defaultHistoryPath = '.drill/history.db';
export const defaultResultsDir = '.drill/results';
export const defaultTimezone = 'UTC';

/** Options of `loadDrillsFile`. */
export interface LoadDrillsOptions {
  /** Directory `.drill/...` defaults are relative to (the working directory). */
  readonly cwd?: string;
  /** Whether runbook and target files must exist (true for `drill schedule`). */
  readonly checkFiles?: boolean;
}

/** Reads and checks a drills file; throws DrillError('invalid-input') with every diagnostic. */
export function loadDrillsFile(path: string, options: LoadDrillsOptions = {}): DrillsFile {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, path);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw invalidInput([{ file: path, line: 1, column: 1, code: 'file-not-found', message: `no drills file at ${path}` }]);
  }
  return parseDrillsFile(readFileSync(file, 'utf8'), path, { ...options, cwd });
}

/** Checks the text of a drills file named `file` (as the user wrote it, for messages). */
export function parseDrillsFile(source: string, file: string, options: LoadDrillsOptions = {}): DrillsFile {
  const cwd = options.cwd ?? process.cwd();
  const parsed = parseYamlTree(source, file, 'a drills file (defaults, drills)');
  if (parsed.root === undefined || parsed.diagnostics.length > 0) throw invalidInput(parsed.diagnostics);
  const root = parsed.root;
  const shape = drillsFileSchema.safeParse(toPlain(root));
  if (!shape.success) throw invalidInput(diagnosticsFromIssues(shape.error.issues, { file, root }));
  const base = resolve(cwd, dirname(file));
  const diagnostics: Diagnostic[] = [];
  const at = (path: readonly PropertyKey[]): SourcePosition => {
    const { line, column } = positionAt(root, path);
    return { file, line, column };
  };
  const drills = checkDrills(shape.data, at, base, cwd, options.checkFiles ?? true, diagnostics);
  if (diagnostics.length > 0) throw invalidInput(diagnostics);
  const history = shape.data.defaults?.history;
  return { path: resolve(cwd, file), historyPath: history ? resolve(base, history) : resolve(cwd, defaultHistoryPath), drills };
}

/** Semantic checks and path resolution of each drill entry. */
function checkDrills(
  data: DrillsFileData,
  positionOf: (path: readonly PropertyKey[]) => SourcePosition,
  base: string,
  cwd: string,
  checkFiles: boolean,
  out: Diagnostic[],
): ScheduledDrill[] {
  const report = (path: PropertyKey[], code: DiagnosticCode, message: string) => out.push({ ...positionOf(path), code, message });
  const resultsRoot = data.defaults?.results ? resolve(base, data.defaults.results) : resolve(cwd, defaultResultsDir);
  const defaultZone = data.defaults?.timezone ?? defaultTimezone;
  if (data.defaults?.timezone !== undefined) {
    const check = cronSchedule('* * * * *', data.defaults.timezone);
    if (!check.ok) report(['defaults', 'timezone'], 'invalid-value', check.message);
  }
  const seen = new Map<string, number>();
  return data.drills.map((entry, i) => {
    const at = (...rest: PropertyKey[]) => ['drills', i, ...rest];
    const first = seen.get(entry.name);
    if (first !== undefined) report(at('name'), 'invalid-value', `drill name "${entry.name}" is already used by drill ${first + 1}`);
    else seen.set(entry.name, i);
    const timezone = entry.timezone ?? defaultZone;
    const schedule = cronSchedule(entry.schedule, timezone);
    if (!schedule.ok) report(at(entry.timezone !== undefined && schedule.message.startsWith('unknown time zone') ? 'timezone' : 'schedule'), 'invalid-value', schedule.message);
    const runbook = resolvePath(base, entry.runbook);
    const target = resolvePath(base, entry.target);
    if (checkFiles && !existsSync(runbook)) report(at('runbook'), 'file-not-found', `no runbook at ${entry.runbook} (paths are relative to the drills file)`);
    if (checkFiles && !existsSync(target)) report(at('target'), 'file-not-found', `no target file at ${entry.target} (paths are relative to the drills file)`);
    const results = entry.results;
    return {
      name: entry.name,
      runbook,
      target,
      vars: Object.fromEntries(Object.entries(entry.vars ?? {}).map(([k, v]) => [k, String(v)])),
      schedule: entry.schedule,
      timezone,
      results: {
        dir: results?.dir ? resolve(base, results.dir) : resolve(resultsRoot, entry.name),
        ...(results?.junit ? { junit: results.junit } : {}),
        ...(results?.html ? { html: results.html } : {}),
      },
      at: positionOf(at()),
    };
  });
}

/** Paths in a drills file are relative to the file, like a runbook's. */
const resolvePath = (base: string, path: string): string => (isAbsolute(path) ? path : resolve(base, path));
