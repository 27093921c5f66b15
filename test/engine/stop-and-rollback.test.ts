// Stop conditions, interrupts, target errors and the rollback that always follows them.
import { describe, expect as want, it } from 'vitest';
import { drill, expectations, fake } from './drill-harness.js';
import {
  abortOn,
  becomes,
  count,
  doStep,
  every,
  expect,
  injectStep,
  node,
  rollbackDo,
  runbook,
  s,
  subjects,
  waitStep,
  within,
} from './runbook-builders.js';

const crash = (n: string) => ({ fault: 'crash-cluster-service' as const, node: node(n) });
const twoNodesDownAbort = (forSeconds?: number) =>
  abortOn(subjects.nodesAll(), count('node', 'not', 'Up', 'above', 1), forSeconds === undefined ? undefined : s(forSeconds));

describe('stop conditions (abort)', () => {
  it('fire on the first observation that holds them: stop, skip, roll back, exit 3', async () => {
    const t = fake();
    t.reaction = (fault, f) => {
      if ('node' in fault && fault.node === 'HV01') {
        f.after(5_000, () => f.setNode('HV01', { state: 'Down' }));
        f.after(8_000, () => f.setNode('HV03', { state: 'Down' }));
      }
    };
    const rb = runbook({
      steadyState: [],
      abort: [twoNodesDownAbort()],
      steps: [
        injectStep(crash('HV01'), { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(60)))] }),
        injectStep(crash('HV02')),
      ],
      rollback: [rollbackDo({ action: 'start-cluster-service', node: node('HV01') })],
    });
    const j = await drill(t, rb);
    want(j.events.find((e) => e.kind === 'abort')).toMatchObject({ at: 8_000 });
    want(j.steps.map((st) => st.status)).toEqual(['inconclusive', 'skipped']);
    want(expectations(j)[0]).toMatchObject({ verdict: 'inconclusive', decidedAt: 8_000 });
    want(t.injected).toHaveLength(1);
    want(t.undone).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
    want(t.acted).toEqual([{ action: 'start-cluster-service', node: 'HV01' }]);
    want([j.verdict, j.exitStatus]).toEqual(['aborted', 3]);
  });

  it('with `for`: fires only when it has held that long, at that exact moment', async () => {
    const t = fake();
    t.reaction = (_fault, f) => {
      f.after(5_000, () => f.setNode('HV01', { state: 'Down' }));
      f.after(6_000, () => f.setNode('HV03', { state: 'Down' }));
      f.after(15_000, () => f.setNode('HV03', { state: 'Up' })); // held 9 s: not long enough
      f.after(20_000, () => f.setNode('HV03', { state: 'Down' })); // from 20 s on: fires at 30 s
    };
    const rb = runbook({ steadyState: [], abort: [twoNodesDownAbort(10)], steps: [injectStep(crash('HV01')), waitStep(s(60))] });
    const j = await drill(t, rb);
    const abort = j.events.filter((e) => e.kind === 'abort');
    want(abort).toHaveLength(1);
    want(abort[0]!.at).toBe(30_000);
    want(abort[0]!.text).toContain('held for 10s');
    want(j.steps[1]!.endedAt).toBe(30_000);
    want(j.verdict).toBe('aborted');
  });

  it('that never fire leave the verdict alone', async () => {
    const t = fake();
    const rb = runbook({ steadyState: [], abort: [twoNodesDownAbort()], steps: [injectStep(crash('HV01')), waitStep(s(10))] });
    want((await drill(t, rb)).verdict).toBe('pass');
  });
});

describe('interrupt (Ctrl-C)', () => {
  it('stops the step, rolls back, skips the steady state after and exits 130', async () => {
    const t = fake();
    const controller = new AbortController();
    t.reaction = (_f, f) => f.after(7_000, () => controller.abort());
    const rb = runbook({
      steadyState: [],
      steps: [injectStep(crash('HV01'), { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(60)))] }), injectStep(crash('HV02'))],
    });
    const j = await drill(t, rb, { signal: controller.signal });
    want(j.steps.map((st) => st.status)).toEqual(['inconclusive', 'skipped']);
    want(expectations(j)[0]!.reason).toContain('interrupted');
    want(t.undone).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
    want(j.steadyState.after).toEqual([]);
    want([j.verdict, j.exitStatus]).toEqual(['interrupted', 130]);
  });

  it('during the rollback: the rollback still completes, then exit 130 without the steady state after', async () => {
    const t = fake();
    t.undoFailures.set('start-cluster-service', 2);
    const controller = new AbortController();
    // Interrupted while the failing undo backs off (it is tried at 0 s, 1 s and 3 s).
    t.after(2_000, () => controller.abort());
    const j = await drill(t, runbook({ steadyState: [], steps: [injectStep(crash('HV01'))] }), { signal: controller.signal });
    want(t.undone).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
    want(j.rollback.at(-1)).toMatchObject({ ok: true, at: 3_000 });
    want(j.steadyState.after).toEqual([]);
    want([j.verdict, j.exitStatus]).toEqual(['interrupted', 130]);
  });

  it('before anything was injected: nothing to roll back, exit 130', async () => {
    const t = fake();
    const controller = new AbortController();
    controller.abort();
    const j = await drill(t, runbook({ steps: [injectStep(crash('HV01'))] }), { signal: controller.signal });
    want(t.injected).toEqual([]);
    want(t.calls.some((c) => c.startsWith('undo'))).toBe(false);
    want(j.exitStatus).toBe(130);
  });
});

describe('target errors', () => {
  it('a thrown error while injecting: the rollback undoes every fault that may be in effect, exit 3', async () => {
    const t = fake();
    t.reaction = (fault, f) => {
      if ('node' in fault && fault.node === 'HV01') f.injectFailure = 'throws';
    };
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01')), injectStep(crash('HV02')), injectStep(crash('HV03'))] });
    const j = await drill(t, rb);
    want(j.steps.map((st) => st.status)).toEqual(['passed', 'inconclusive', 'skipped']);
    want(j.steps[1]!.note).toContain('the adapter crashed');
    // Newest first: HV02's crash may have happened before the adapter broke.
    want(t.calls.filter((c) => c.startsWith('undo'))).toEqual(['undo start-cluster-service@0', 'undo start-cluster-service@0']);
    want(t.undone.map((u) => 'node' in u && u.node)).toEqual(['HV02', 'HV01']);
    want([j.verdict, j.exitStatus]).toEqual(['inconclusive', 3]);
    want(j.reason).toContain('target error');
  });

  it('an action the target refuses is a target error, exit 3', async () => {
    const t = fake();
    t.actFailure = { code: 'refused', message: 'node is not quarantined', retryable: false };
    const j = await drill(t, runbook({ steadyState: [], steps: [doStep({ action: 'clear-quarantine', node: node('HV01') })] }));
    want(j.exitStatus).toBe(3);
    want(j.reason).toContain('node is not quarantined');
  });

  it('the quorum guard refuses an injection that would leave fewer than a majority of members', async () => {
    const t = fake({ nodes: ['HV01', 'HV02', 'HV03'] });
    const rb = runbook({ steadyState: [], steps: [injectStep(crash('HV01')), injectStep(crash('HV02'))] });
    t.reaction = (fault, f) => f.setNode((fault as { node: string }).node, { state: 'Down', isolated: true });
    const j = await drill(t, rb);
    want(t.injected.map((f) => (f as { node: string }).node)).toEqual(['HV01']);
    want(j.steps[1]!.note).toContain('would leave 1 of 3 nodes as active members; quorum needs 2');
    want(j.exitStatus).toBe(3);
  });

  it('the quorum guard checks the first injection before anything is done', async () => {
    const t = fake({ nodes: ['HV01', 'HV02'] });
    const j = await drill(t, runbook({ steadyState: [], steps: [injectStep(crash('HV01'))] }));
    want(t.injected).toEqual([]);
    want(j.reason).toContain('quorum needs 2');
    want(j.exitStatus).toBe(3);
  });
});

describe('rollback', () => {
  it('retries a failing undo with backoff on the clock', async () => {
    const t = fake();
    t.undoFailures.set('start-cluster-service', 2);
    const j = await drill(t, runbook({ steadyState: [], steps: [injectStep(crash('HV01'))] }));
    want(t.calls.filter((c) => c.startsWith('undo'))).toEqual([
      'undo start-cluster-service@0',
      'undo start-cluster-service@1000',
      'undo start-cluster-service@3000',
    ]);
    want(j.rollback.at(-1)).toMatchObject({ ok: true, at: 3_000 });
    want(j.exitStatus).toBe(0);
  });

  it('an undo that keeps failing is reported loudly and exits 3, even after a failed expectation', async () => {
    const t = fake();
    t.undoFailures.set('start-cluster-service', 99);
    const rb = runbook({
      steadyState: [],
      steps: [injectStep(crash('HV01'), { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(5)))] })],
    });
    const j = await drill(t, rb);
    want(t.calls.filter((c) => c.startsWith('undo'))).toHaveLength(5);
    want(j.rollback).toEqual([{ at: 5_000 + 15_000, text: 'undo start-cluster-service on HV01', ok: false, message: 'undo timed out' }]);
    want(j.events.some((e) => e.kind === 'error' && e.text.startsWith('ROLLBACK FAILED'))).toBe(true);
    want([j.verdict, j.exitStatus]).toEqual(['inconclusive', 3]);
    want(j.reason).toContain('ROLLBACK FAILED');
  });

  it('runs the runbook rollback actions first, then undoes faults newest first; a restore entry undoes them in place', async () => {
    const t = fake();
    const rb = runbook({
      steadyState: [],
      steps: [injectStep(crash('HV01')), injectStep({ fault: 'lose-storage', node: node('HV02'), for: s(30) })],
      rollback: [rollbackDo({ action: 'clear-quarantine', node: node('HV01') }), rollbackDo({ action: 'restore' }), rollbackDo({ action: 'start-cluster-service', node: node('HV01') })],
    });
    const j = await drill(t, rb);
    want(j.rollback.map((r) => r.text)).toEqual([
      'clear-quarantine on HV01',
      'undo restore-storage on HV02',
      'undo start-cluster-service on HV01',
      'start-cluster-service on HV01',
    ]);
  });
});
