// Reads a run's write-ahead log back. A run killed mid-write leaves a partial last line: that is
// expected and tolerated. A bad line anywhere else means the file was damaged: it is reported with
// its file:line, and the records that could be read are still returned so cleanup can do what it can.
import * as fs from 'node:fs';
import type { Diagnostic } from '../errors/drill-error.js';
import { runRecordTypes, type RunRecord, type RunRecordType } from './run-record.js';

export interface RunLogContents {
  readonly path: string;
  readonly records: readonly RunRecord[];
  /** The partial last line of a run killed while writing it, if any (its record is not counted). */
  readonly truncatedTail: string | null;
  /** Damaged lines other than the last, as `file:line:column: message`. */
  readonly problems: readonly Diagnostic[];
}

const isRecordObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fields each record type must carry for cleanup to trust it (the rest is for people). */
const requiredFields: Record<RunRecordType, readonly string[]> = {
  'run-started': ['runId', 'pid', 'host', 'target', 'runbooks'],
  phase: ['phase'],
  'fault-intended': ['fault', 'undo'],
  'fault-made': ['fault', 'undo'],
  'fault-undone': ['undo'],
  'undo-failed': ['undo', 'message'],
  'run-finished': ['verdict'],
  'cleanup-started': ['pid'],
  'run-cleaned': [],
};

/** Why a parsed line is not a record, or null when it is one. */
function shapeProblem(value: unknown): string | null {
  if (!isRecordObject(value)) return 'not a JSON object';
  const type = value['type'];
  if (typeof type !== 'string' || !(runRecordTypes as readonly string[]).includes(type)) {
    return `unknown record type ${JSON.stringify(type)}`;
  }
  const missing = requiredFields[type as RunRecordType].filter((f) => !(f in value));
  if (missing.length > 0) return `${type} record without ${missing.join(', ')}`;
  if ('undo' in value) {
    const undo = value['undo'];
    if (!isRecordObject(undo) || typeof undo['undo'] !== 'string') return `${type} record with a malformed undo`;
  }
  return null;
}

/** Parses one line: the record, or why it is not one. */
function parseLine(line: string): { record: RunRecord } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: 'not valid JSON' };
  }
  const problem = shapeProblem(value);
  return problem === null ? { record: value as RunRecord } : { problem };
}

/** Parses the text of a log (see readRunLog). */
export function parseRunLog(logPath: string, text: string): RunLogContents {
  const lines = text.split('\n');
  // A complete log ends with a newline, so the last piece is empty; anything else was cut mid-write.
  const tail = lines.pop() ?? '';
  const records: RunRecord[] = [];
  const problems: Diagnostic[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = parseLine(line);
    if ('record' in parsed) records.push(parsed.record);
    else problems.push({ file: logPath, line: i + 1, column: 1, code: 'invalid-value', message: `damaged run log record: ${parsed.problem}` });
  });
  let truncatedTail: string | null = null;
  if (tail.trim() !== '') {
    // A last line without its newline whose JSON is whole was written before the crash: keep it.
    const parsed = parseLine(tail);
    if ('record' in parsed) records.push(parsed.record);
    else truncatedTail = tail;
  }
  return { path: logPath, records, truncatedTail, problems };
}

/** Reads a run's log; a missing file is an error the caller names (no such run). */
export function readRunLog(logPath: string): RunLogContents {
  return parseRunLog(logPath, fs.readFileSync(logPath, 'utf8'));
}
