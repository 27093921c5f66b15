// Two schedulers share one history file: two processes write many runs into it at the same time.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/history/store.js';
import { openSqlite } from '../../src/history/sqlite.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// Compiled inside node_modules so the children resolve better-sqlite3 like the CLI does.
const outDir = join(root, 'node_modules/.cache/drill-history-test');
const storeModule = join(outDir, 'src/history/store.js');
const writerScript = join(import.meta.dirname, 'fixtures/write-runs.mjs');

beforeAll(() => {
  const tsc = join(root, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, 'src/history/store.ts', '--outDir', outDir, '--rootDir', '.', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node'], { cwd: root });
});

describe('history database with concurrent writers', () => {
  it('keeps every run of two processes writing at once, and stays sound', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'history-concurrent-')), 'history.db');
    const perWriter = 400;
    HistoryStore.open(db).close(); // the file exists before they race (creation is also safe, but not the point)
    const startAt = String(Date.now() + 2500);
    const outputs = await Promise.all(['east', 'west'].map((w) => run(process.execPath, [writerScript, storeModule, db, w, String(perWriter), startAt])));
    expect(outputs.map((o) => o.stdout.trim())).toEqual([`east wrote ${perWriter}`, `west wrote ${perWriter}`]);

    const store = HistoryStore.open(db);
    expect(store.count()).toBe(2 * perWriter);
    expect(store.integrityCheck()).toBe('ok');
    const east = store.runs({ target: 'east' });
    expect(east.map((r) => r.runId)).toEqual(Array.from({ length: perWriter }, (_, i) => `east-${i}`));
    expect(east.every((r) => r.timings.length === 3)).toBe(true);
    store.close();
    const raw = openSqlite(db);
    expect(raw.prepare('SELECT COUNT(*) AS n FROM timings').get()).toEqual({ n: 6 * perWriter });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    // The two writers' rows interleave: they were writing at the same time, not one after the other.
    const order = (raw.prepare('SELECT target FROM runs ORDER BY id').all() as { target: string }[]).map((r) => r.target);
    const switches = order.filter((t, i) => i > 0 && t !== order[i - 1]).length;
    expect(switches).toBeGreaterThan(1);
    raw.close();
  });
});
