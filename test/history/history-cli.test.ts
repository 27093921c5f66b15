// `drill history` and `drill schedule` as a user runs them: the built CLI in a child process.
import { existsSync, mkdtempSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../src/history/store.js';
import { makeJournal, quarantineSteps } from './journal-factory.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const drillBin = join(repo, 'bin/drill.js');
const run = (args: string[], cwd = repo) => execa('node', [drillBin, ...args], { cwd, reject: false });

/** Newest modification time of the sources of these commands. */
function newestSource(): number {
  const dir = join(repo, 'src/history');
  const files = [...readdirSync(dir).map((f) => join(dir, f)), join(repo, 'src/cli/history.ts'), join(repo, 'src/cli/schedule.ts')];
  return Math.max(...files.map((f) => statSync(f).mtimeMs));
}

beforeAll(async () => {
  const built = join(repo, 'dist/history/schedule-command.js');
  // Build when these commands are not built yet or older than their sources (other areas may be mid-edit: tsc still emits).
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource()) await execa('npm', ['run', 'build'], { cwd: repo, reject: false });
}, 180_000);

/** A history with ten runs of one runbook on one target, the last three with a slower drain. */
function seededHistory(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'history-cli-')), 'history.db');
  const store = HistoryStore.open(path);
  for (let i = 0; i < 10; i++) {
    const startedAt = new Date(Date.UTC(2026, 0, 5 + i, 1)).toISOString();
    store.recordJournal(makeJournal({ runId: `r${i}`, startedAt, target: 'hvc01', steps: quarantineSteps(11_000, i < 7 ? 180_000 : 260_000, 7_000) }), {
      journalPath: `/results/r${i}.journal.json`,
      drill: 'nightly',
      scheduledFor: startedAt,
    });
  }
  store.close();
  return path;
}

describe('drill history', () => {
  it('lists runs and trends, flags the drift, and writes the chart', async () => {
    const db = seededHistory();
    const html = join(mkdtempSync(join(tmpdir(), 'history-html-')), 'trend.html');
    const result = await run(['history', '--db', db, '--last', '10', '--html', html, '--fail-on-regression']);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('Last 10 runs:');
    expect(result.stdout).toMatch(/2026-01-14 01:00:00Z\s+quarantine-drain-clear\s+hvc01\s+nightly\s+pass\s+0/);
    expect(result.stdout).toMatch(/drained: live\s+4m20s\s+3m\s+4m20s\s+10m\s+REGRESSION \+44 % vs median 3m of the earlier runs \(still inside its window\)/);
    expect(result.stderr).toBe(`wrote ${html}`);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg[\s\S]*class="ring"/);
  });

  it('filters by target and exits 0 without --fail-on-regression', async () => {
    const result = await run(['history', '--db', seededHistory(), '--target', 'elsewhere']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('No runs recorded for target elsewhere.');
  });

  it('refuses a missing database and bad options with exit 2', async () => {
    const missing = await run(['history', '--db', join(tmpdir(), 'no-such-dir', 'history.db')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/^drill: cannot open the history database /);
    const bad = await run(['history', '--db', seededHistory(), '--threshold', '0.5']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--threshold 0.5: expected a ratio above 1');
  });
});

describe('drill schedule', () => {
  /** A directory with a drills file (as given), a runbook and a target. */
  function workspace(drills: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'schedule-cli-'));
    writeFileSync(join(dir, 'rb.yaml'), 'runbook: quarantine-drain-clear\n');
    writeFileSync(join(dir, 'sim.yaml'), 'target: simulated\n');
    writeFileSync(join(dir, 'drills.yaml'), drills);
    return dir;
  }

  it('rejects an invalid drills file with exit 2 and positioned problems', async () => {
    const dir = workspace('drills:\n  - name: a\n    runbook: rb.yaml\n    target: sim.yaml\n    schedule: "0 25 * * *"\n    timezon: UTC\n');
    const result = await run(['schedule', 'drills.yaml', '--once'], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual(["drills.yaml:6:5: unknown field 'timezon', did you mean 'timezone'?", 'drill: 1 problem found; nothing was injected']);
  });

  it('--once runs the due drill on the simulator, records what happened, and logs JSON lines', async () => {
    const dir = workspace('drills:\n  - { name: every-minute, runbook: quarantine.yaml, target: simulated.yaml, schedule: "* * * * *" }\n');
    writeFileSync(join(dir, 'quarantine.yaml'), readFileSync(join(repo, 'runbooks/quarantine-drain-clear.yaml')));
    writeFileSync(join(dir, 'simulated.yaml'), readFileSync(join(repo, 'targets/simulated.yaml')));
    const result = await execa('node', [drillBin, 'schedule', 'drills.yaml', '--once'], {
      cwd: dir,
      reject: false,
      env: { DRILL_RUNS_DIR: join(dir, 'runs'), DRILL_LOCK_DIR: join(dir, 'locks') },
    });
    expect(result.exitCode, result.stderr).toBe(0);
    const events = result.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e['event'])).toEqual(['scheduler.once', 'drill.started', 'drill.finished', 'scheduler.stopped']);
    expect(events[2]).toMatchObject({ drill: 'every-minute' });
    const store = HistoryStore.open(join(dir, '.drill/history.db'));
    expect(store.runs().map((r) => [r.drill, r.runbook, r.target, r.outcome, r.verdict])).toEqual([
      ['every-minute', 'quarantine-drain-clear', 'simulated', 'completed', 'pass'],
    ]);
    store.close();
  });

  it('stops cleanly on SIGTERM while waiting for the next occurrence', async () => {
    const dir = workspace('drills:\n  - { name: yearly, runbook: rb.yaml, target: sim.yaml, schedule: "0 0 1 1 *" }\n');
    const child = execa('node', [drillBin, 'schedule', 'drills.yaml'], { cwd: dir, reject: false });
    await new Promise<void>((resolve) => child.stderr!.on('data', (chunk: Buffer) => chunk.toString().includes('scheduler.started') && resolve()));
    child.kill('SIGTERM');
    const result = await child;
    expect(result.exitCode).toBe(0);
    expect(result.stderr.trim().split('\n').map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['scheduler.started', 'scheduler.stopping', 'scheduler.stopped']);
  });
});
