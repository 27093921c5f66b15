// The typed edge of better-sqlite3 (it ships no types): only the calls the history store makes.
import { createRequire } from 'node:module';

export type SqlValue = string | number | bigint | null | Uint8Array;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface SqliteStatement {
  run(params?: SqlParams): { readonly changes: number; readonly lastInsertRowid: number | bigint };
  get(params?: SqlParams): unknown;
  all(params?: SqlParams): unknown[];
}

/** A transaction function; `.immediate` takes the write lock at BEGIN, so busy_timeout applies up front. */
export type Transaction<A extends unknown[], R> = ((...args: A) => R) & { immediate: (...args: A) => R };

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<A, R>;
  close(): void;
}

interface DatabaseOptions {
  readonly readonly?: boolean;
  readonly fileMustExist?: boolean;
  /** ms to wait on a locked database before failing (SQLite's busy timeout). */
  readonly timeout?: number;
}

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3') as new (path: string, options?: DatabaseOptions) => SqliteDatabase;

/** Opens (creating if needed) an SQLite database file. */
export function openSqlite(path: string, options: DatabaseOptions = {}): SqliteDatabase {
  return new Database(path, options);
}
