// Properties of the judges against a direct reading of the contract, over random observation sequences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeReading, judgeTime, openJudge, type Judge } from '../../src/engine/expectation-judge.js';
import type { PlannedExpectation } from '../../src/engine/plan-model.js';
import type { Truth } from '../../src/engine/truth.js';
import { every } from './runbook-builders.js';

type Kind = 'becomes' | 'stays' | 'never';

const plan = (kind: Kind, minMs: number | null, maxMs: number): PlannedExpectation => ({
  index: 1,
  text: 'x',
  subject: { kind: 'node', set: 'named', names: ['HV01'], text: 'node HV01' },
  predicate: { kind, condition: every('node', 'Up') },
  window: { kind: kind === 'becomes' ? (minMs === null ? 'within' : 'between') : 'for', minMs, maxMs, text: 'w' },
});

/** Observations at strictly increasing times from 0 (the first is the step's time 0). */
const observations = (values: fc.Arbitrary<Truth>) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 5_000 }), values), { minLength: 1, maxLength: 30 }).map((xs) => {
    let t = 0;
    return xs.map(([gap, truth], i) => {
      if (i > 0) t += gap;
      return { at: t, truth };
    });
  });

/** Runs a judge over the observations, then lets time pass the window's end. */
function judge(kind: Kind, minMs: number | null, maxMs: number, obs: { at: number; truth: Truth }[]): Judge {
  let j = openJudge('e', plan(kind, minMs, maxMs), 0);
  for (const o of obs) j = judgeReading(j, o.at, { truth: o.truth });
  return judgeTime(j, maxMs + 1);
}

const window = fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 40_000 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

describe('judges follow the contract on definite observations', () => {
  const definite = fc.boolean() as fc.Arbitrary<Truth>;

  it('becomes: reached at the first true after a false; before min fails; after max fails', () => {
    fc.assert(
      fc.property(observations(definite), window, fc.boolean(), (obs, [min, max], between) => {
        const minMs = between ? min : null;
        const j = judge('becomes', minMs, max, obs);
        const inWindow = obs.filter((o) => o.at <= max);
        const firstFalse = inWindow.findIndex((o) => o.truth === false);
        const reach = firstFalse < 0 ? undefined : inWindow.slice(firstFalse).find((o) => o.truth === true);
        const expected = reach === undefined ? 'fail' : minMs !== null && reach.at < minMs ? 'fail' : 'pass';
        expect(j.verdict).toBe(expected);
        expect(j.decidedAt).toBe(reach?.at ?? max);
        if (reach) expect(j.firstTrueAt).toBe(reach.at);
      }),
    );
  });

  it('stays fails at the first false in the window, else passes at its end; never is its mirror', () => {
    fc.assert(
      fc.property(observations(definite), fc.integer({ min: 0, max: 40_000 }), (obs, max) => {
        const inWindow = obs.filter((o) => o.at <= max);
        const firstFalse = inWindow.find((o) => o.truth === false);
        const stays = judge('stays', null, max, obs);
        expect(stays.verdict).toBe(firstFalse ? 'fail' : 'pass');
        expect(stays.decidedAt).toBe(firstFalse?.at ?? max);
        const firstTrue = inWindow.find((o) => o.truth === true);
        const never = judge('never', null, max, obs);
        expect(never.verdict).toBe(firstTrue ? 'fail' : 'pass');
        expect(never.decidedAt).toBe(firstTrue?.at ?? max);
      }),
    );
  });
});

describe('unknown observations never make a silent pass', () => {
  const anyTruth = fc.constantFrom<Truth>(true, false, 'unknown');

  it('stays and never pass only when every observation in the window was definite', () => {
    fc.assert(
      fc.property(observations(anyTruth), fc.integer({ min: 0, max: 40_000 }), fc.constantFrom<Kind>('stays', 'never'), (obs, max, kind) => {
        const j = judge(kind, null, max, obs);
        if (j.verdict === 'pass') expect(obs.filter((o) => o.at <= max).some((o) => o.truth === 'unknown')).toBe(false);
      }),
    );
  });

  it('becomes passes only on a definite false then a definite true, with no unknown in between that lies before min', () => {
    fc.assert(
      fc.property(observations(anyTruth), window, (obs, [min, max]) => {
        const j = judge('becomes', min, max, obs);
        if (j.verdict !== 'pass') return;
        const reachAt = j.firstTrueAt!;
        const before = obs.filter((o) => o.at < reachAt);
        const lastFalse = [...before].reverse().find((o) => o.truth === false);
        expect(lastFalse).toBeDefined();
        expect(reachAt >= min && reachAt <= max).toBe(true);
        const doubtful = before.filter((o) => o.at > lastFalse!.at && o.truth === 'unknown');
        expect(doubtful.every((o) => o.at >= min)).toBe(true);
      }),
    );
  });
});
