// The history of runs in an embedded SQLite database (.drill/history.db by default). WAL mode and a
// busy timeout let several writers (two schedulers, a scheduler and a `drill run`) share one file;
// each run is written in one IMMEDIATE transaction, so a run and its timings land together or not at all.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RunJournal } from '../engine/journal.js';
import { DrillError } from '../errors/drill-error.js';
import { entryFromJournal, type JournalMeta, type RecordedRun, type RunEntry } from './run-record.js';
import { openSqlite, type SqliteDatabase, type SqliteStatement } from './sqlite.js';
import { readRunRow, readTimingRow, type TimingRow } from './store-rows.js';

/** Bumped when the tables change; older files are migrated on open. */
const schemaVersion = 1;

const createTables = `
CREATE TABLE IF NOT EXISTS runs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id        TEXT NOT NULL UNIQUE,
  drill         TEXT,
  runbook       TEXT NOT NULL,
  target        TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped', 'error')),
  verdict       TEXT NOT NULL,
  exit_status   INTEGER,
  reason        TEXT NOT NULL,
  scheduled_for TEXT,
  started_at    TEXT NOT NULL,
  ended_at      TEXT,
  journal_path  TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_pair ON runs (runbook, target, started_at);
CREATE INDEX IF NOT EXISTS runs_by_drill ON runs (drill, scheduled_for);
CREATE TABLE IF NOT EXISTS timings (
  run          INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  expectation  TEXT NOT NULL,
  ms           REAL NOT NULL,
  window_ms    REAL NOT NULL,
  verdict      TEXT NOT NULL,
  label        TEXT,
  position     INTEGER NOT NULL,
  PRIMARY KEY (run, name)
);
`;

export const defaultBusyTimeoutMs = 10_000;

/** Filters of `HistoryStore.runs`. */
export interface RunQuery {
  readonly runbook?: string;
  readonly target?: string;
  readonly drill?: string;
  readonly outcome?: RecordedRun['outcome'];
  /** Only the last N runs (by start time); all when undefined. */
  readonly last?: number;
}

export interface OpenHistoryOptions {
  /** How long a writer waits for another writer's lock before failing (ms). */
  readonly busyTimeoutMs?: number;
  /** Open an existing file for reading only (`drill history`). */
  readonly readonly?: boolean;
}

export class HistoryStore {
  readonly path: string;
  readonly #db: SqliteDatabase;
  readonly #insertRun: SqliteStatement;
  readonly #insertTiming: SqliteStatement;
  readonly #write: (entry: RunEntry) => number;

  private constructor(path: string, db: SqliteDatabase) {
    this.path = path;
    this.#db = db;
    this.#insertRun = db.prepare(
      `INSERT INTO runs (run_id, drill, runbook, target, outcome, verdict, exit_status, reason, scheduled_for, started_at, ended_at, journal_path)
       VALUES (@runId, @drill, @runbook, @target, @outcome, @verdict, @exitStatus, @reason, @scheduledFor, @startedAt, @endedAt, @journalPath)
       ON CONFLICT (run_id) DO NOTHING`,
    );
    this.#insertTiming = db.prepare(
      'INSERT INTO timings (run, name, expectation, ms, window_ms, verdict, label, position) VALUES (@run, @name, @expectation, @ms, @windowMs, @verdict, @label, @position)',
    );
    const existing = db.prepare('SELECT id FROM runs WHERE run_id = ?');
    this.#write = db.transaction((entry: RunEntry): number => {
      const result = this.#insertRun.run({
        runId: entry.runId,
        drill: entry.drill,
        runbook: entry.runbook,
        target: entry.target,
        outcome: entry.outcome,
        verdict: entry.verdict,
        exitStatus: entry.exitStatus,
        reason: entry.reason,
        scheduledFor: entry.scheduledFor,
        startedAt: entry.startedAt,
        endedAt: entry.endedAt,
        journalPath: entry.journalPath,
      });
      // Recording the same run twice (a retry after a crash) keeps the first record.
      if (result.changes === 0) return Number((existing.get([entry.runId]) as { id: number }).id);
      const run = Number(result.lastInsertRowid);
      entry.timings.forEach((t, position) =>
        this.#insertTiming.run({ run, name: t.name, expectation: t.expectationId, ms: t.ms, windowMs: t.windowMs, verdict: t.verdict, label: t.label, position }),
      );
      return run;
    }).immediate;
  }

  /** Opens (creating it and its directory if needed) the history database at `path`. */
  static open(path: string, options: OpenHistoryOptions = {}): HistoryStore {
    const timeout = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
    let db: SqliteDatabase;
    try {
      if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
      db = openSqlite(path, { timeout, readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
    } catch (error) {
      throw new DrillError('invalid-input', `cannot open the history database ${path}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        hint: options.readonly ? 'no run has been recorded there yet; pass --db to read another file' : undefined,
      });
    }
    db.pragma(`busy_timeout = ${timeout}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      migrate(db);
    }
    return new HistoryStore(path, db);
  }

  /** Records a run; returns it as stored (the first record when its runId was already there). */
  record(entry: RunEntry): RecordedRun {
    const id = this.#write(entry);
    return { ...entry, id };
  }

  /** Records a finished run from its journal. */
  recordJournal(journal: RunJournal, meta: JournalMeta): RecordedRun {
    return this.record(entryFromJournal(journal, meta));
  }

  /** Runs matching the query, oldest first (the last N by start time when `last` is set). */
  runs(query: RunQuery = {}): RecordedRun[] {
    const where: string[] = [];
    const params: Record<string, string | number> = {};
    for (const key of ['runbook', 'target', 'drill', 'outcome'] as const) {
      const value = query[key];
      if (value !== undefined) {
        where.push(`${key} = @${key}`);
        params[key] = value;
      }
    }
    const limit = query.last !== undefined ? `LIMIT ${Math.max(0, Math.floor(query.last))}` : '';
    const rows = this.#db
      .prepare(`SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, id DESC ${limit}`)
      .all(params)
      .map(readRunRow)
      .reverse();
    return this.#withTimings(rows);
  }

  /** The latest cron occurrence already recorded for a drill (ISO), so `--once` does not run it twice. */
  lastScheduledFor(drill: string): string | null {
    const row = this.#db.prepare('SELECT MAX(scheduled_for) AS at FROM runs WHERE drill = ?').get([drill]) as { at: string | null } | undefined;
    return row?.at ?? null;
  }

  /** Total number of recorded runs. */
  count(): number {
    return Number((this.#db.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n);
  }

  /** SQLite's own consistency check: 'ok' when the file is sound. */
  integrityCheck(): string {
    return String(this.#db.pragma('integrity_check', { simple: true }));
  }

  close(): void {
    this.#db.close();
  }

  /** Attaches each run's timings (one query for all of them). */
  #withTimings(runs: Array<Omit<RecordedRun, 'timings'>>): RecordedRun[] {
    if (runs.length === 0) return [];
    const ids = runs.map((r) => r.id);
    const rows = this.#db
      .prepare(`SELECT * FROM timings WHERE run IN (${ids.map(() => '?').join(',')}) ORDER BY run, position`)
      .all(ids)
      .map(readTimingRow);
    const byRun = new Map<number, TimingRow[]>();
    for (const row of rows) byRun.set(row.run, [...(byRun.get(row.run) ?? []), row]);
    return runs.map((run) => ({ ...run, timings: (byRun.get(run.id) ?? []).map((r) => r.timing) }));
  }
}

/** Creates or upgrades the tables, under the write lock so two processes opening at once agree. */
function migrate(db: SqliteDatabase): void {
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > schemaVersion) {
      throw new DrillError('invalid-input', `the history database was written by a newer drill (schema ${version}, this drill knows ${schemaVersion})`);
    }
    db.exec(createTables);
    db.pragma(`user_version = ${schemaVersion}`);
  }).immediate();
}
