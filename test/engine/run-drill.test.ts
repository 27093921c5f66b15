// The run lifecycle end to end on a scripted fake target: steady state, steps, rollback, verdicts.
import { describe, expect as want, it } from 'vitest';
import type { JournalEvent } from '../../src/engine/journal.js';
import type { ProgressEvent } from '../../src/engine/run-log.js';
import { drill, expectations, fake, only } from './drill-harness.js';
import type { FakeTarget } from './fake-target.js';
import {
  becomes,
  count,
  doStep,
  drained,
  every,
  expect,
  forD,
  injectStep,
  never,
  node,
  rollbackDo,
  runbook,
  s,
  stays,
  subjects,
  victimVar,
  waitStep,
  within,
} from './runbook-builders.js';

/** A crash that isolates HV01 after 10 s and brings it back after 60 s. */
function crashAndRecover(t: FakeTarget): void {
  t.reaction = (fault, f) => {
    if (fault.fault !== 'crash-cluster-service') return;
    const n = fault.node;
    f.after(10_000, () => f.setNode(n, { state: 'Down', isolated: true }));
    f.after(60_000, () => f.setNode(n, { state: 'Up', isolated: false }));
  };
}

const crash = (n = '$victim') => ({ fault: 'crash-cluster-service' as const, node: node(n) });

describe('a passing run', () => {
  it('resolves vars, injects, judges, rolls back, reaches steady state again and exits 0', async () => {
    const t = fake();
    crashAndRecover(t);
    const progress: ProgressEvent[] = [];
    const rb = runbook({
      vars: [victimVar()],
      steps: [
        injectStep(crash(), {
          expect: [
            expect(subjects.node('$victim'), becomes(every('node', 'Isolated')), within(s(20))),
            expect(subjects.node('$victim'), becomes(every('node', 'Up', 'Normal')), within(s(90))),
            expect(subjects.node('HV02'), never(every('node', 'Down')), forD(s(30))),
          ],
        }),
      ],
      rollback: [rollbackDo({ action: 'start-cluster-service', node: node('$victim') })],
    });
    const j = await drill(t, rb, { progress });
    want(j.vars).toEqual({ victim: 'HV01' });
    want(expectations(j).map((e) => [e.verdict, e.firstTrueAt, e.decidedAt])).toEqual([
      ['pass', 10_000, 10_000],
      ['pass', 60_000, 60_000],
      ['pass', null, 30_000],
    ]);
    want(j.steps[0]!.startedAt).toBe(0);
    want(j.steps[0]!.endedAt).toBe(60_000);
    want(j.rollback.map((r) => r.text)).toEqual(['start-cluster-service on HV01', 'undo start-cluster-service on HV01']);
    want(j.steadyState.after.map((r) => r.verdict)).toEqual(['pass', 'pass']);
    want([j.verdict, j.exitStatus]).toEqual(['pass', 0]);
    want(progress.filter((p) => p.kind === 'phase').map((p) => (p as { phase: string }).phase)).toEqual([
      'preflight',
      'steadyStateBefore',
      'steps',
      'rollback',
      'steadyStateAfter',
      'verdict',
    ]);
    const decided = progress.flatMap((p) => (p.kind === 'expectationDecided' ? [p.record.id] : []));
    want(decided).toEqual(['steady.before.1', 'steady.before.2', 's1.r1.e1', 's1.r1.e3', 's1.r1.e2', 'steady.after.1', 'steady.after.2']);
    const started = progress.find((p) => p.kind === 'stepStarted');
    want(started).toMatchObject({ step: 1, repetition: 1, expectations: [{ from: 0, to: 20_000 }, { to: 90_000 }, { to: 30_000 }] });
  });

  it('journals every node and VM change with its time', async () => {
    const t = fake();
    crashAndRecover(t);
    const j = await drill(t, runbook({ steps: [injectStep(crash('HV01')), waitStep(s(90))], steadyState: [] }));
    const changes = j.events.filter((e) => e.kind === 'node');
    want(changes.map((e) => [e.at, (e as { field: string }).field, (e as { to: string }).to])).toEqual([
      [10_000, 'state', 'Down'],
      [10_000, 'isolated', 'true'],
      [60_000, 'state', 'Up'],
      [60_000, 'isolated', 'false'],
    ]);
  });

  it('writes each injection with its undo before making it (write-ahead), and its effect after', async () => {
    const t = fake();
    const seen: string[] = [];
    const recorder = {
      append: async (e: JournalEvent) => {
        if (e.kind === 'inject') seen.push(`${e.stage}:${t.calls.filter((c) => c.startsWith('inject')).length}:${e.undo.undo}`);
      },
    };
    await drill(t, runbook({ steps: [injectStep(crash('HV01'))], steadyState: [] }), { recorder });
    want(seen).toEqual(['intent:0:start-cluster-service', 'done:1:start-cluster-service']);
  });

  it('a slow recorder holds virtual time still: the injection happens at the time it was written ahead', async () => {
    const t = fake();
    crashAndRecover(t);
    // Real I/O that takes longer than the virtual clock's settling between deadlines.
    const slowDisk = async () => {
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01')), injectStep(crash('HV02'))] });
    const j = await drill(t, rb, { recorder: { append: slowDisk } });
    want(j.steps.map((st) => st.startedAt)).toEqual([0, 0]);
    want(j.events.filter((e) => e.kind === 'inject').map((e) => e.at)).toEqual([0, 0, 0, 0]);
  });

  it('refuses to inject when the journal cannot be written', async () => {
    const t = fake();
    const recorder = { append: async () => Promise.reject(new Error('disk full')) };
    const j = await drill(t, runbook({ steps: [injectStep(crash('HV01'))], steadyState: [] }), { recorder });
    want(t.injected).toEqual([]);
    want(j.exitStatus).toBe(3);
    want(j.reason).toContain('disk full');
  });
});

describe('steady state', () => {
  it('not met before step 1: nothing is injected, no rollback, exit 3', async () => {
    const t = fake();
    t.setNode('HV03', { state: 'Down' });
    const j = await drill(t, runbook({ steps: [injectStep(crash('HV01'))] }));
    want(t.calls).toEqual(['inventory']);
    want(j.steadyState.before[0]).toMatchObject({ verdict: 'fail', reason: 'did not hold (1 of 4 not: HV03)' });
    want(j.steps).toEqual([]);
    want(j.rollback).toEqual([]);
    want([j.verdict, j.exitStatus]).toEqual(['inconclusive', 3]);
    want(j.reason).toContain('steady state not met');
  });

  it('not reached within settle after the rollback: a failed expectation, exit 1, decided when settle ends', async () => {
    const t = fake();
    t.reaction = (_f, f) => f.after(5_000, () => f.setNode('HV01', { state: 'Down' }));
    const rb = runbook({ steps: [injectStep(crash('HV01')), waitStep(s(10))], settings: { settle: s(120) } });
    const j = await drill(t, rb);
    const [nodes, vms] = j.steadyState.after;
    want(nodes).toMatchObject({ verdict: 'fail', window: { from: 10_000, to: 130_000 }, decidedAt: 130_000, lastFalseAt: 10_000 });
    want(nodes!.reason).toContain('the cluster did not recover');
    want(vms!.verdict).toBe('pass');
    want([j.verdict, j.exitStatus]).toEqual(['fail', 1]);
  });

  it('requires: a node not Up and Normal before step 1 means nothing is injected', async () => {
    const t = fake();
    t.setNode('HV02', { quarantined: true });
    const j = await drill(t, runbook({ steps: [injectStep(crash('HV01'))], steadyState: [], requires: { nodes: 3, cluster: {} } }));
    want(t.injected).toEqual([]);
    want(j.reason).toContain('requires');
    want(j.exitStatus).toBe(3);
  });

  it('requires: too few nodes or other cluster settings fail preflight, exit 3', async () => {
    const t = fake({ nodes: ['HV01', 'HV02'] });
    const j = await drill(t, runbook({ steps: [injectStep(crash('HV01'))], requires: { nodes: 3, cluster: { quarantineThreshold: 2 } } }));
    want(j.reason).toContain('needs at least 3 nodes');
    want(j.reason).toContain('needs quarantineThreshold 2');
    want(t.injected).toEqual([]);
    want(j.exitStatus).toBe(3);
  });
});

describe('expectation subjects', () => {
  it('an empty subject set when the step starts is inconclusive: nothing was tested', async () => {
    const t = fake({ vms: [{ name: 'VM01', owner: 'HV02' }] });
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01'), { expect: [expect(subjects.vmsOn('HV01'), drained('any'), within(s(60)))] })] });
    const e = only(await drill(t, rb));
    want(e.verdict).toBe('inconclusive');
    want(e.reason).toContain('nothing was tested');
    want(e.decidedAt).toBe(0);
  });

  it('`vms: { on }` is the set owned when the step starts, fixed for the step', async () => {
    const t = fake();
    // HV01 owns VM01 and VM05; VM02 arrives on HV01 during the step and must not join the set.
    t.reaction = (_f, f) => {
      f.after(1_000, () => f.setVms(['VM02'], { owner: 'HV01' }));
      f.after(5_000, () => f.setVms(['VM01', 'VM05'], { owner: 'HV03' }));
    };
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01'), { expect: [expect(subjects.vmsOn('HV01'), drained('live'), within(s(60)))] })] });
    const e = only(await drill(t, rb));
    want(e.verdict).toBe('pass');
    want(e.firstTrueAt).toBe(5_000);
  });

  it('drained: live fails when a VM restarted on its way (boot time changed)', async () => {
    const t = fake();
    t.reaction = (_f, f) => {
      f.after(3_000, () => f.setVms(['VM01'], { owner: 'HV02', state: 'Starting', bootTime: 3_000 }));
      f.after(6_000, () => f.setVms(['VM01'], { state: 'Running' }));
    };
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01'), { expect: [expect(subjects.vmsOn('HV01'), drained('live'), within(s(60)))] })] });
    const e = only(await drill(t, rb));
    want(e.verdict).toBe('fail');
    want(e.decidedAt).toBe(3_000);
    want(e.reason).toContain('VM01 was restarted');
  });

  it('drained: any accepts a failover; it needs every VM Running on another node', async () => {
    const t = fake();
    t.reaction = (_f, f) => {
      f.after(3_000, () => f.setVms(['VM01', 'VM05'], { owner: 'HV02', state: 'Starting', bootTime: 3_000 }));
      f.after(33_000, () => f.setVms(['VM01', 'VM05'], { state: 'Running' }));
    };
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01'), { expect: [expect(subjects.vmsOn('HV01'), drained('any'), within(s(60)))] })] });
    const e = only(await drill(t, rb));
    want(e).toMatchObject({ verdict: 'pass', firstTrueAt: 33_000, lastFalseAt: 3_000 });
  });

  it('unknown VM states (host cannot be queried) make a stays inconclusive, never a silent pass', async () => {
    const t = fake();
    t.reaction = (_f, f) => f.after(2_000, () => f.setVms(f.vmsOn('HV01'), { state: undefined, heartbeat: undefined }));
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01'), { expect: [expect(subjects.vmsAll(), stays(every('vm', 'Running')), forD(s(10)))] })] });
    const j = await drill(t, rb);
    want(only(j).verdict).toBe('inconclusive');
    want(j.exitStatus).toBe(3);
  });

  it('counted set conditions', async () => {
    const t = fake();
    t.reaction = (_f, f) => {
      f.after(10_000, () => f.setNode('HV01', { state: 'Down' }));
      f.after(20_000, () => f.setNode('HV02', { state: 'Down' }));
    };
    const rb = runbook({
      steadyState: [],
      steps: [
        injectStep(crash('HV01'), {
          expect: [
            expect(subjects.nodesAll(), becomes(count('node', 'not', 'Up', 'equals', 1)), within(s(15))),
            expect(subjects.nodesAll(), never(count('node', 'not', 'Up', 'above', 1)), forD(s(30))),
          ],
        }),
      ],
    });
    const [one, more] = expectations(await drill(t, rb));
    want(one).toMatchObject({ verdict: 'pass', firstTrueAt: 10_000 });
    want(more).toMatchObject({ verdict: 'fail', firstTrueAt: 20_000 });
  });
});

describe('steps', () => {
  it('repeat: the step with its expectations runs N times in a row, each its own record', async () => {
    const t = fake();
    crashAndRecover(t);
    const rb = runbook({
      steadyState: [],
      steps: [injectStep(crash('HV01'), { repeat: 3, expect: [expect(subjects.node('HV01'), becomes(every('node', 'Up', 'Normal')), within(s(90)))] })],
    });
    const j = await drill(t, rb);
    want(j.steps.map((st) => [st.repetition, st.startedAt, st.status])).toEqual([
      [1, 0, 'passed'],
      [2, 60_000, 'passed'],
      [3, 120_000, 'passed'],
    ]);
    want(expectations(j).map((e) => e.id)).toEqual(['s1.r1.e1', 's1.r2.e1', 's1.r3.e1']);
    want(t.injected).toHaveLength(3);
    // The same undo is made once however often its fault was injected.
    want(t.undone).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
  });

  it('a failed step stops the run: remaining steps are skipped, the rollback runs, exit 1', async () => {
    const t = fake();
    const rb = runbook({
      steadyState: [],
      steps: [
        injectStep(crash('HV01'), { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(20)))] }),
        injectStep(crash('HV02'), { expect: [expect(subjects.node('HV02'), becomes(every('node', 'Isolated')), within(s(20)))] }),
      ],
    });
    const j = await drill(t, rb);
    want(j.steps.map((st) => st.status)).toEqual(['failed', 'skipped']);
    want(j.steps[1]!.expectations[0]!.verdict).toBe('skipped');
    want(t.injected.map((f) => 'node' in f && f.node)).toEqual(['HV01']);
    want(t.undone).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
    want([j.verdict, j.exitStatus]).toEqual(['fail', 1]);
  });

  it('onFailure: continue runs the remaining steps anyway', async () => {
    const t = fake();
    const rb = runbook({
      steadyState: [],
      settings: { onFailure: 'continue' },
      steps: [
        injectStep(crash('HV01'), { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(20)))] }),
        injectStep(crash('HV02'), { expect: [] }),
      ],
    });
    const j = await drill(t, rb);
    want(j.steps.map((st) => st.status)).toEqual(['failed', 'passed']);
    want(t.injected).toHaveLength(2);
    want(t.undone.map((u) => 'node' in u && u.node)).toEqual(['HV02', 'HV01']);
    want(j.exitStatus).toBe(1);
  });

  it('a wait step lets its duration pass while its expectations are checked; do and restore steps', async () => {
    const t = fake();
    crashAndRecover(t);
    const rb = runbook({
      steadyState: [],
      steps: [
        injectStep(crash('HV01')),
        waitStep(s(120), { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Up')), within(s(90)))] }),
        doStep({ action: 'restore' }),
        doStep({ action: 'drain-node', node: node('HV02') }),
      ],
    });
    const j = await drill(t, rb);
    want(j.steps.map((st) => [st.kind, st.startedAt, st.endedAt])).toEqual([
      ['inject', 0, 0],
      ['wait', 0, 120_000],
      ['do', 120_000, 120_000],
      ['do', 120_000, 120_000],
    ]);
    want(t.acted).toEqual([{ action: 'drain-node', node: 'HV02' }]);
    // restore undid the crash; the rollback has nothing left to undo.
    want(t.calls.filter((c) => c.startsWith('undo'))).toEqual(['undo start-cluster-service@120000']);
  });
});
