// The saved journal fixtures are exactly what the scenario builders produce (regenerate them with
// UPDATE_JOURNAL_FIXTURES=1), and each tells the story its name says.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/journal-json.js';
import { abortedStorageLoss, failingDrainLate, passingQuarantineDrill } from '../fixtures/journals/scenarios.js';
import { fixturePath, loadJournal, type JournalFixture } from '../fixtures/journals/index.js';

const builders: Record<JournalFixture, () => ReturnType<typeof passingQuarantineDrill>> = {
  passing: passingQuarantineDrill,
  failing: failingDrainLate,
  aborted: abortedStorageLoss,
};

describe('journal fixtures', () => {
  for (const [name, build] of Object.entries(builders) as [JournalFixture, () => ReturnType<typeof passingQuarantineDrill>][]) {
    it(`${name} is up to date with its scenario`, () => {
      const text = renderJson(build());
      if (process.env.UPDATE_JOURNAL_FIXTURES === '1') writeFileSync(fixturePath(name), text);
      expect(readFileSync(fixturePath(name), 'utf8')).toBe(text);
    });
  }

  it('the failing drill misses its 10m drain window by about 2m', () => {
    const j = loadJournal('failing');
    const drain = j.steps[2]?.expectations[1];
    expect(drain?.verdict).toBe('fail');
    expect(drain && drain.firstTrueAt !== null ? drain.firstTrueAt - drain.window.to : null).toBeGreaterThan(120_000);
    expect(j.steps[3]?.status).toBe('skipped');
    expect(j.verdict).toBe('fail');
  });

  it('the passing drill passes every expectation and the aborted one stops with inconclusive ones', () => {
    const all = (n: JournalFixture) => loadJournal(n).steps.flatMap((s) => s.expectations.map((e) => e.verdict));
    expect(new Set(all('passing'))).toEqual(new Set(['pass']));
    expect(all('aborted')).toEqual(['inconclusive', 'inconclusive', 'inconclusive', 'skipped']);
  });
});
