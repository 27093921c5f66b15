// Loads drills.yaml: YAML with positions, the zod shape, then what zod cannot see (cron expressions,
// time zones, unique names, files that exist). Every problem of the file is reported at once.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { invalidInput, type Diagnostic, type DiagnosticCode } from '../errors/drill-error.js';
import { cronSchedule } from './cron-schedule.js';
import { drillsFileSchema, type DrillsFileData } from './drills-schema.js';
import type { DrillsFile, ScheduledDrill } from './scheduled-drill.js';
import { parseYamlWithPositions, type PositionedDocument } from './yaml-positions.js';

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
  const parsed = parseYamlWithPositions(source, file);
  if (!parsed.ok) throw invalidInput([parsed.diagnostic]);
  const doc = parsed.doc;
  const shape = drillsFileSchema.safeParse(doc.data);
  if (!shape.success) throw invalidInput(shape.error.issues.flatMap((issue) => issueDiagnostics(issue, doc)));
  const diagnostics: Diagnostic[] = [];
  const drills = checkDrills(shape.data, doc, resolve(cwd, dirname(file)), cwd, options.checkFiles ?? true, diagnostics);
  if (diagnostics.length > 0) throw invalidInput(diagnostics);
  const base = resolve(cwd, dirname(file));
  const history = shape.data.defaults?.history;
  return { path: resolve(cwd, file), historyPath: history ? resolve(base, history) : resolve(cwd, defaultHistoryPath), drills };
}

/** Semantic checks and path resolution of each drill entry. */
function checkDrills(data: DrillsFileData, doc: PositionedDocument, base: string, cwd: string, checkFiles: boolean, out: Diagnostic[]): ScheduledDrill[] {
  const report = (path: PropertyKey[], code: DiagnosticCode, message: string) => out.push({ ...doc.at(path), code, message });
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
      at: doc.at(at()),
    };
  });
}

/** Paths in a drills file are relative to the file, like a runbook's. */
const resolvePath = (base: string, path: string): string => (isAbsolute(path) ? path : resolve(base, path));

/** One zod issue → positioned diagnostics (an unknown-keys issue names each key at its own place). */
function issueDiagnostics(issue: z.core.$ZodIssue, doc: PositionedDocument): Diagnostic[] {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ ...doc.keyAt([...path, key]), code: 'unknown-field', message: `unknown field "${key}"${hintFor(path)}` }));
  }
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  if (key !== undefined && issue.code === 'invalid_type' && !hasKey(valueAt(doc.data, parentPath), key)) {
    return [{ ...doc.at(parentPath), code: 'missing-field', message: `missing field "${String(key)}"${hintFor(parentPath)}` }];
  }
  const where = key === undefined ? '' : `${String(key)}: `;
  return [{ ...doc.at(path), code: 'invalid-value', message: `${where}${issue.message}` }];
}

/** Names the fields a mapping accepts, so an unknown or missing field comes with what was expected. */
function hintFor(path: readonly PropertyKey[]): string {
  if (path.length === 0) return ' (expected defaults, drills)';
  if (path[0] === 'defaults') return ' (expected history, results, timezone)';
  if (path.length === 2 && path[0] === 'drills') return ' in drill (expected name, runbook, target, vars, schedule, timezone, results)';
  if (path[path.length - 1] === 'results') return ' in results (expected dir, junit, html)';
  return '';
}

/** The loaded value at a path of the document, if any. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const hasKey = (value: unknown, key: PropertyKey): boolean => value !== null && typeof value === 'object' && Object.hasOwn(value, key);
