// The journal as JSON: written by `drill run --json`, read back by `drill report`. Reading checks the
// versioned shape and points at the line and column of every problem.
import type { z } from 'zod';
import { journalSchemaVersion, type RunJournal } from '../engine/journal.js';
import { DrillError, type Diagnostic, type DiagnosticCode } from '../errors/drill-error.js';
import { journalSchema } from './journal-schema.js';
import { offsetOfPath, positionOf } from './json-position.js';

/** Top-level keys in the order the schema documents them, so saved journals read the same way every time. */
const topLevelOrder: readonly (keyof RunJournal)[] = [
  'schemaVersion', 'drillVersion', 'runId', 'runbook', 'target', 'seed', 'startedAt', 'endedAt', 'clock', 'vars',
  'steadyState', 'steps', 'rollback', 'events', 'verdict', 'exitStatus', 'reason',
];

/** Pretty, stable JSON of a finished run (two-space indent, documented key order, trailing newline). */
export function renderJson(journal: RunJournal): string {
  const ordered: Record<string, unknown> = {};
  for (const key of topLevelOrder) ordered[key] = journal[key];
  for (const [key, value] of Object.entries(journal)) if (!(key in ordered)) ordered[key] = value;
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Reads a saved journal; throws an invalid-input DrillError (exit 2) listing every problem with its position. */
export function parseJournal(text: string, path: string): RunJournal {
  if (text.trim() === '') throw unreadable(path, [diagnostic(path, 1, 1, 'empty-file', 'the file is empty, not a journal')]);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw unreadable(path, [syntaxDiagnostic(text, path, error)]);
  }
  const version = schemaVersionOf(data);
  if (version !== undefined && version !== journalSchemaVersion) {
    const at = positionOf(text, offsetOfPath(text, ['schemaVersion']));
    throw unreadable(path, [
      diagnostic(path, at.line, at.column, 'invalid-value',
        `journal schemaVersion ${JSON.stringify(version)}: this drill reads schema version ${journalSchemaVersion}`),
    ]);
  }
  const result = journalSchema.safeParse(data);
  if (result.success) return result.data;
  throw unreadable(path, result.error.issues.map((issue) => issueDiagnostic(text, path, issue)));
}

/** The error `drill report` prints for a journal it cannot read. */
function unreadable(path: string, diagnostics: readonly Diagnostic[]): DrillError {
  return new DrillError('invalid-input', `${path} is not a drill journal this version can read`, {
    diagnostics,
    hint: 'pass the file written by `drill run --json <file>`',
  });
}

function diagnostic(file: string, line: number, column: number, code: DiagnosticCode, message: string): Diagnostic {
  return { file, line, column, code, message };
}

/** JSON.parse reports an offset ("at position N") on Node 20; turn it into line and column. */
function syntaxDiagnostic(text: string, path: string, error: unknown): Diagnostic {
  const message = error instanceof Error ? error.message : String(error);
  const offset = /position (\d+)/.exec(message)?.[1];
  const at = positionOf(text, offset === undefined ? (/end of JSON/.test(message) ? text.length : 0) : Number(offset));
  const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/^Unexpected end of JSON input$/, 'the file ends too early');
  return diagnostic(path, at.line, at.column, 'invalid-value', `not valid JSON: ${reason}`);
}

/** `schemaVersion` of whatever was parsed, if it is an object that has one. */
function schemaVersionOf(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'schemaVersion' in data ? data.schemaVersion : undefined;
}

/** One zod issue as `file:line:column: path: message`. */
function issueDiagnostic(text: string, path: string, issue: z.core.$ZodIssue): Diagnostic {
  const at = positionOf(text, offsetOfPath(text, issue.path));
  const where = issue.path.length === 0 ? 'journal' : pathText(issue.path);
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  const message = missing ? `${where} is missing (${issue.message.replace(/^Invalid input: /, '')})` : `${where}: ${issue.message}`;
  return diagnostic(path, at.line, at.column, missing ? 'missing-field' : 'invalid-value', message);
}

/** `steps[2].expectations[0].window` */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}
