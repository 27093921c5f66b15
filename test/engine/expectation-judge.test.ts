import { describe, expect, it } from 'vitest';
import { judgeGap, judgeReading, judgeTime, openJudge, type Judge, type Reading } from '../../src/engine/expectation-judge.js';
import type { PlannedExpectation, PlannedWindow } from '../../src/engine/plan-model.js';
import { every } from './runbook-builders.js';

const T: Reading = { truth: true };
const F: Reading = { truth: false };
const U: Reading = { truth: 'unknown' };

function judge(kind: 'becomes' | 'stays' | 'never' | 'drained', window: Partial<PlannedWindow> & { maxMs: number }, from = 1000): Judge {
  const e: PlannedExpectation = {
    index: 1,
    text: 'x',
    subject: { kind: 'node', set: 'named', names: ['HV01'], text: 'node HV01' },
    predicate: kind === 'drained' ? { kind: 'drained', mode: 'live' } : { kind, condition: every('node', 'Up') },
    window: { kind: window.minMs != null ? 'between' : kind === 'stays' || kind === 'never' ? 'for' : 'within', minMs: null, text: 'w', ...window },
  };
  return openJudge('s1.r1.e1', e, from);
}

/** Feeds readings at absolute times, then lets time reach `until`. */
function run(j: Judge, readings: [number, Reading | 'gap'][], until?: number): Judge {
  for (const [at, r] of readings) j = r === 'gap' ? judgeGap(j, at) : judgeReading(j, at, r);
  return until === undefined ? j : judgeTime(j, until);
}

describe('becomes within', () => {
  it('passes when reached exactly at the bound', () => {
    const j = run(judge('becomes', { maxMs: 30_000 }), [[1000, F], [31_000, T]], 31_000);
    expect(j.verdict).toBe('pass');
    expect(j.firstTrueAt).toBe(31_000);
    expect(j.lastFalseAt).toBe(1000);
    expect(j.decidedAt).toBe(31_000);
  });

  it('fails when reached one millisecond after the bound, and still records when it was first seen true', () => {
    let j = run(judge('becomes', { maxMs: 30_000 }), [[1000, F]], 31_000);
    expect(j.verdict).toBe('fail');
    expect(j.decidedAt).toBe(31_000);
    j = judgeReading(j, 31_001, T);
    expect(j.verdict).toBe('fail');
    expect(j.firstTrueAt).toBe(31_001);
    expect(j.reason).toContain('first seen reached at +30.001s');
  });

  it('fails at the deadline when an observation after it arrives first', () => {
    const j = run(judge('becomes', { maxMs: 30_000 }), [[1000, F], [31_001, T]]);
    expect(j.verdict).toBe('fail');
    expect(j.decidedAt).toBe(31_000);
    expect(j.firstTrueAt).toBe(31_001);
  });

  it('is decided as soon as it holds, not at the end of the window', () => {
    const j = run(judge('becomes', { maxMs: 30_000 }), [[1000, F], [5000, T]]);
    expect(j.verdict).toBe('pass');
    expect(j.decidedAt).toBe(5000);
  });

  it('is a change: a condition already true at time 0 must first stop holding', () => {
    let j = run(judge('becomes', { maxMs: 60_000 }), [[1000, T], [5000, T]]);
    expect(j.verdict).toBe('pending');
    j = run(j, [[11_000, F], [40_000, T]]);
    expect(j.verdict).toBe('pass');
    expect(j.firstTrueAt).toBe(40_000);
    expect(j.lastFalseAt).toBe(11_000);
  });

  it('fails when it held at time 0 and never stopped holding', () => {
    const j = run(judge('becomes', { maxMs: 10_000 }), [[1000, T]], 11_000);
    expect(j.verdict).toBe('fail');
    expect(j.reason).toContain('already held at +0s');
  });

  it('is inconclusive when an unknown observation in the window could hide the change', () => {
    const j = run(judge('becomes', { maxMs: 10_000 }), [[1000, F], [4000, U], [6000, F]], 11_000);
    expect(j.verdict).toBe('inconclusive');
    expect(j.reason).toContain('could not be observed from +3s');
  });

  it('is inconclusive, not failed, after an observation gap', () => {
    const j = run(judge('becomes', { maxMs: 10_000 }), [[1000, F], [3000, 'gap']], 11_000);
    expect(j.verdict).toBe('inconclusive');
  });

  it('does not count unknown as not holding: true after only unknowns is not a change', () => {
    const j = run(judge('becomes', { maxMs: 10_000 }), [[1000, U], [3000, T]], 11_000);
    expect(j.verdict).toBe('inconclusive');
  });
});

describe('becomes between', () => {
  it('fails when reached before min', () => {
    const j = run(judge('becomes', { minMs: 10_000, maxMs: 20_000 }), [[1000, F], [10_999, T]]);
    expect(j.verdict).toBe('fail');
    expect(j.decidedAt).toBe(10_999);
    expect(j.reason).toContain('before the window opened at +10s');
  });

  it('passes when reached exactly at min and exactly at max', () => {
    expect(run(judge('becomes', { minMs: 10_000, maxMs: 20_000 }), [[1000, F], [11_000, T]]).verdict).toBe('pass');
    expect(run(judge('becomes', { minMs: 10_000, maxMs: 20_000 }), [[1000, F], [21_000, T]], 21_000).verdict).toBe('pass');
  });

  it('is inconclusive when a gap before min may hide an early reach', () => {
    const j = run(judge('becomes', { minMs: 10_000, maxMs: 20_000 }), [[1000, F], [5000, 'gap'], [12_000, T]]);
    expect(j.verdict).toBe('inconclusive');
  });

  it('passes when the gap was after min', () => {
    const j = run(judge('becomes', { minMs: 10_000, maxMs: 20_000 }), [[1000, F], [12_000, 'gap'], [14_000, T]]);
    expect(j.verdict).toBe('pass');
  });
});

describe('stays and never', () => {
  it('stays passes when it held at every observation to the end of the window, inclusive', () => {
    const j = run(judge('stays', { maxMs: 10_000 }), [[1000, T], [11_000, T]], 11_000);
    expect(j.verdict).toBe('pass');
    expect(j.decidedAt).toBe(11_000);
  });

  it('stays fails at the first violation, even on the last millisecond', () => {
    const j = run(judge('stays', { maxMs: 10_000 }), [[1000, T], [11_000, F]]);
    expect(j.verdict).toBe('fail');
    expect(j.lastFalseAt).toBe(11_000);
  });

  it('stays ignores what happens one millisecond after the window', () => {
    const j = run(judge('stays', { maxMs: 10_000 }), [[1000, T], [11_001, F]]);
    expect(j.verdict).toBe('pass');
    expect(j.decidedAt).toBe(11_000);
  });

  it('never fails when the condition holds, and records when', () => {
    const j = run(judge('never', { maxMs: 10_000 }), [[1000, F], [4000, T]]);
    expect(j.verdict).toBe('fail');
    expect(j.firstTrueAt).toBe(4000);
    expect(j.lastFalseAt).toBe(1000);
  });

  it('an unknown observation makes stays and never inconclusive, never a silent pass', () => {
    expect(run(judge('stays', { maxMs: 10_000 }), [[1000, T], [2000, U], [3000, T]], 11_000).verdict).toBe('inconclusive');
    expect(run(judge('never', { maxMs: 10_000 }), [[1000, F], [2000, 'gap'], [3000, F]], 11_000).verdict).toBe('inconclusive');
  });
});

describe('drained', () => {
  it('needs no prior false (the set is on its node at time 0)', () => {
    expect(run(judge('drained', { maxMs: 10_000 }), [[1000, T]]).verdict).toBe('pass');
  });

  it('fails at once when a VM was restarted on its way', () => {
    const j = run(judge('drained', { maxMs: 10_000 }), [[1000, F], [3000, { truth: false, restarted: 'VM01' }]]);
    expect(j.verdict).toBe('fail');
    expect(j.decidedAt).toBe(3000);
    expect(j.reason).toContain('VM01 was restarted');
  });

  it('is inconclusive when a boot time was unknown at the step start', () => {
    expect(run(judge('drained', { maxMs: 10_000 }), [[1000, F], [3000, { truth: true, bootUnknown: true }]]).verdict).toBe('inconclusive');
  });
});
