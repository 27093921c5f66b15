// Windows judged on a pushing target (exact times) and on a polled one (the truth lies between polls).
import { describe, expect as want, it } from 'vitest';
import { drill, fake, only } from './drill-harness.js';
import { becomes, every, expect, forD, injectStep, node, runbook, s, stays, subjects, within, between, ms } from './runbook-builders.js';

/** A crash whose isolation the fake shows `delay` ms after the injection. */
const isolatedAfter = (delay: number) => (fault: { fault: string }, f: import('./fake-target.js').FakeTarget) => {
  if (fault.fault === 'crash-cluster-service') f.after(delay, () => f.setNode('HV01', { state: 'Down', isolated: true }));
};

const crashExpecting = (window: ReturnType<typeof within>) =>
  runbook({
    steadyState: [],
    steps: [injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), window)] })],
  });

describe('on a target that pushes its changes', () => {
  it('a change exactly at the bound passes', async () => {
    const t = fake();
    t.reaction = isolatedAfter(20_000);
    const e = only(await drill(t, crashExpecting(within(s(20)))));
    want(e.verdict).toBe('pass');
    want(e.firstTrueAt).toBe(20_000);
  });

  it('a change at the bound counts even when its timer was set after the window began (same-instant order)', async () => {
    const t = fake();
    t.reaction = (fault, f) => {
      if (fault.fault === 'crash-cluster-service') f.after(10_000, () => f.after(10_000, () => f.setNode('HV01', { state: 'Down', isolated: true })));
    };
    const e = only(await drill(t, crashExpecting(within(s(20)))));
    want(e.verdict).toBe('pass');
    want(e.firstTrueAt).toBe(20_000);
  });

  it('a change one millisecond after the bound fails, decided when the window closed', async () => {
    const t = fake();
    t.reaction = isolatedAfter(20_001);
    const j = await drill(t, crashExpecting(within(s(20))));
    const e = only(j);
    want(e.verdict).toBe('fail');
    want(e.decidedAt).toBe(20_000);
    want(e.lastFalseAt).toBe(0);
    want(j.exitStatus).toBe(1);
  });

  it('between: reached before min fails at once; at min passes', async () => {
    let t = fake();
    t.reaction = isolatedAfter(9_999);
    let e = only(await drill(t, crashExpecting(between(s(10), s(20)))));
    want(e.verdict).toBe('fail');
    want(e.decidedAt).toBe(9_999);
    want(e.reason).toContain('before the window opened');
    t = fake();
    t.reaction = isolatedAfter(10_000);
    e = only(await drill(t, crashExpecting(between(s(10), s(20)))));
    want(e.verdict).toBe('pass');
    want(e.window).toMatchObject({ from: 0, min: 10_000, to: 20_000 });
  });

  it('stays is decided at the exact end of its window', async () => {
    const t = fake();
    t.reaction = (_f, f) => f.after(30_001, () => f.setNode('HV02', { state: 'Down' }));
    const rb = runbook({
      steadyState: [],
      steps: [injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, { expect: [expect(subjects.node('HV02'), stays(every('node', 'Up')), forD(s(30)))] })],
    });
    const e = only(await drill(t, rb));
    want(e.verdict).toBe('pass');
    want(e.decidedAt).toBe(30_000);
  });
});

describe('on a polled target', () => {
  it('observes every settings.observe from the step start, and a truth between two polls is judged by the first poll that saw it', async () => {
    const t = fake({ mode: 'poll' });
    t.reaction = isolatedAfter(8_500);
    const j = await drill(t, crashExpecting(within(s(9))));
    const e = only(j);
    // Polls at +8s (not yet) and +10s (isolated): the deadline +9s is judged by the first time seen true.
    want(e.verdict).toBe('fail');
    want(e.lastFalseAt).toBe(8_000);
    want(e.firstTrueAt).toBe(10_000);
    want(e.reason).toContain('first seen reached at +10s');
  });

  it('passes when the first poll that sees it is inside the window, and reports the poll before', async () => {
    const t = fake({ mode: 'poll' });
    t.reaction = isolatedAfter(8_500);
    const e = only(await drill(t, crashExpecting(within(s(10)))));
    want(e.verdict).toBe('pass');
    want(e.lastFalseAt).toBe(8_000);
    want(e.firstTrueAt).toBe(10_000);
  });

  it('an observation gap in the window makes a not-reached becomes inconclusive, not failed', async () => {
    const t = fake({ mode: 'poll' });
    t.observeFails = (now) => now >= 3_000 && now <= 7_000;
    const j = await drill(t, crashExpecting(within(s(10))));
    const e = only(j);
    want(e.verdict).toBe('inconclusive');
    want(e.reason).toContain('could not be observed from +4s');
    want(j.exitStatus).toBe(3);
    const gaps = j.events.filter((ev) => ev.kind === 'observation-gap');
    want(gaps.map((g) => [g.at, g.kind === 'observation-gap' && g.until])).toEqual([
      [4_000, null],
      [6_000, null],
      [4_000, 8_000],
    ]);
  });

  it('an adapter that throws while observing is a gap like any other', async () => {
    const t = fake({ mode: 'poll' });
    const observe = t.observe.bind(t);
    t.observe = async () => {
      if (t.clock.now() === 2_000) throw new Error('socket closed');
      return observe();
    };
    const j = await drill(t, crashExpecting(within(s(10))));
    want(only(j).verdict).toBe('inconclusive');
    want(j.events.find((e) => e.kind === 'observation-gap')?.text).toContain('socket closed');
  });

  it('an observation gap makes a stays inconclusive', async () => {
    const t = fake({ mode: 'poll' });
    t.observeFails = (now) => now === 4_000;
    const rb = runbook({
      steadyState: [],
      steps: [injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, { expect: [expect(subjects.node('HV02'), stays(every('node', 'Up')), forD(ms(9_000)))] })],
    });
    want(only(await drill(t, rb)).verdict).toBe('inconclusive');
  });
});
