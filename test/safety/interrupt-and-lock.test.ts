// Interrupting `drill run` in each phase, and two `drill run`s against one cluster, through real
// processes (needs dist/: npm run build).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingUndos } from '../../src/safety/pending-undos.js';
import { listRunIds } from '../../src/safety/run-directory.js';
import { readRunLog } from '../../src/safety/run-log-reader.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const drillBin = path.join(repo, 'bin', 'drill.js');

let work: string;
beforeAll(() => {
  if (!fs.existsSync(path.join(repo, 'dist', 'safety', 'run-safety.js'))) throw new Error('build first: npm run build');
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-interrupt-'));
  fs.writeFileSync(path.join(work, 'target.yaml'), 'target: sim-interrupt\ndriver: simulated\nseed: 1\nnodes: 4\nbehaviour: { serviceRestart: never }\n');
  fs.writeFileSync(
    path.join(work, 'runbook.yaml'),
    [
      'runbook: held-crash',
      'vars:',
      '  victim: { node: most-vms }',
      'steadyState:',
      '  - nodes: all',
      '    is: [Up, Normal]',
      'steps:',
      '  - name: crash and hold',
      '    inject: crash-cluster-service',
      '    node: $victim',
      '    expect:',
      '      - node: $victim',
      '        becomes: Isolated',
      '        within: 2 * cluster.heartbeatTimeout',
      '  - name: hold it',
      '    wait: 2m',
      '',
    ].join('\n'),
  );
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Drill {
  readonly child: ChildProcess;
  readonly done: Promise<{ code: number | null; out: string; err: string }>;
  /** Resolves when the drill prints a line matching this. */
  line(pattern: RegExp): Promise<void>;
}

let nextDir = 0;
function scratch(): { runsDir: string; env: NodeJS.ProcessEnv } {
  const dir = path.join(work, `t${nextDir++}`);
  fs.mkdirSync(dir);
  return { runsDir: path.join(dir, 'runs'), env: { ...process.env, DRILL_LOCK_DIR: path.join(work, 'locks'), NO_COLOR: '1' } };
}

/** The phase line of the live view: `+2m10s  rollback`. */
const phaseLine = (phase: string): RegExp => new RegExp(`^\\+\\S+\\s+${phase}$`);
/** The run id from the header line: `drill <runbook> on <target> (simulated) · run <id>`. */
const runIdOf = (out: string): string | undefined => / · run (\S+)$/m.exec(out)?.[1];
const plain = (text: string): string => text.replace(/\x1b\[[0-9;]*m/g, '');

/** Starts the drill at `speed` times real time (the held crash lasts about 2.7 s at 50x). */
function startDrill(s: ReturnType<typeof scratch>, speed = 50): Drill {
  const child = spawn(process.execPath, [drillBin, 'run', 'runbook.yaml', '--target', 'target.yaml', '--runs-dir', s.runsDir, '--speed', String(speed), '--no-history'], {
    cwd: work,
    env: s.env,
  });
  let out = '';
  let err = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const seen = (pattern: RegExp) => plain(out).split('\n').some((l) => pattern.test(l));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.filter((w) => seen(w.pattern))) w.resolve();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('close', (code) => resolve({ code, out, err })));
  return {
    child,
    done,
    line: (pattern) =>
      new Promise<void>((resolve, reject) => {
        if (seen(pattern)) return resolve();
        waiters.push({ pattern, resolve });
        void done.then(() => reject(new Error(`the drill ended without printing ${String(pattern)}:\n${out}${err}`)));
      }),
  };
}

describe('SIGINT in each phase', () => {
  for (const phase of ['preflight', 'steadyStateBefore', 'steps', 'rollback', 'steadyStateAfter']) {
    it(`during ${phase}: exit 130 after the rollback ran, journal complete`, async () => {
      const s = scratch();
      const drill = startDrill(s);
      await drill.line(phaseLine(phase));
      drill.child.kill('SIGINT');
      const result = await drill.done;
      const context = `${result.out}${result.err}`;
      expect(result.code, context).toBe(130);
      const [runId] = listRunIds(s.runsDir);
      const records = readRunLog(path.join(s.runsDir, runId!, 'write-ahead.jsonl')).records;
      expect(pendingUndos(records), context).toEqual([]);
      expect(records.at(-1), context).toMatchObject({ type: 'run-finished', verdict: 'interrupted', exitStatus: 130 });
      const journal = JSON.parse(fs.readFileSync(path.join(s.runsDir, runId!, 'journal.json'), 'utf8')) as { verdict: string; exitStatus: number; rollback: { ok: boolean }[]; runId: string };
      expect(journal).toMatchObject({ verdict: 'interrupted', exitStatus: 130, runId });
      // Every fault that was made was undone by the run itself, and the journal says so.
      const made = records.filter((r) => r.type === 'fault-made').length;
      const undone = records.filter((r) => r.type === 'fault-undone' && r.by === 'run').length;
      expect(undone, context).toBe(made);
      expect(journal.rollback.every((r) => r.ok)).toBe(true);
    }, 60_000);
  }
});

describe('SIGTERM', () => {
  it('during steps: the rollback runs too, exit 130', async () => {
    const s = scratch();
    const drill = startDrill(s);
    await drill.line(phaseLine('steps'));
    drill.child.kill('SIGTERM');
    const result = await drill.done;
    expect(result.code, result.out + result.err).toBe(130);
    const [runId] = listRunIds(s.runsDir);
    const records = readRunLog(path.join(s.runsDir, runId!, 'write-ahead.jsonl')).records;
    expect(pendingUndos(records)).toEqual([]);
    expect(records.at(-1)).toMatchObject({ type: 'run-finished', verdict: 'interrupted' });
  }, 60_000);
});

describe('two drills against one cluster', () => {
  it('a second drill while the first runs exits 3 naming the holder; the first is unharmed', async () => {
    const a = startDrill(scratch());
    await a.line(phaseLine('steps'));
    const b = startDrill(scratch());
    const resultB = await b.done;
    const resultA = await a.done;
    const idA = runIdOf(resultA.out);
    expect(resultA.code, resultA.out + resultA.err).toBe(0);
    expect(resultB.code).toBe(3);
    expect(resultB.err).toContain(`another drill holds this cluster: run ${idA}`);
    expect(plain(resultB.out)).not.toMatch(/preflight/);
  }, 60_000);

  it('two drills started at once: exactly one runs', async () => {
    const drills = [startDrill(scratch(), 100), startDrill(scratch(), 100)];
    const results = await Promise.all(drills.map((d) => d.done));
    const codes = results.map((r) => r.code).sort();
    expect(codes, results.map((r) => r.out + r.err).join('\n---\n')).toEqual([0, 3]);
    const loser = results.find((r) => r.code === 3)!;
    const winner = results.find((r) => r.code === 0)!;
    expect(loser.err).toContain(`another drill holds this cluster: run ${runIdOf(winner.out)}`);
  }, 60_000);
});
