import { describe, expect, it } from 'vitest';
import { timingsOf } from '../../src/history/timings.js';
import { makeJournal, quarantineSteps } from './journal-factory.js';

describe('key timings of a journal', () => {
  it('measures each reached expectation from the start of its window', () => {
    const timings = timingsOf(makeJournal({ runId: 'r1', steps: quarantineSteps(11_000, 185_000, 7_000) }));
    expect(timings.map((t) => [t.name, t.ms, t.windowMs, t.verdict])).toEqual([
      ['first crash isolates the node › HV02 becomes Isolated', 11_000, 20_000, 'pass'],
      ['third crash quarantines and drains › VMs on HV02 drained: live', 185_000, 600_000, 'pass'],
      ['clearing quarantine brings the node back › HV02 becomes Up, quarantined false', 7_000, 120_000, 'pass'],
    ]);
  });

  it('labels the timings an operator asks for first', () => {
    const journal = makeJournal({
      runId: 'r3',
      steps: [...quarantineSteps(11_000, 185_000, 7_000), { name: 'third crash', expect: [{ text: 'HV02 becomes Quarantined', atMs: 2000, withinMs: 300_000 }, { text: 'vm VM0001 becomes Running', atMs: 3000, withinMs: 60_000 }] }],
      steadyAfter: [{ text: 'nodes all Up', atMs: 42_000, withinMs: 300_000 }],
    });
    expect(timingsOf(journal).map((t) => t.label)).toEqual(['time to isolation', 'drain duration', 'time to clear', 'time to quarantine', null, 'time to recover']);
  });

  it('skips stays/never and unreached expectations, keeps late ones, names repetitions and the recovery', () => {
    const journal = makeJournal({
      runId: 'r2',
      steps: [
        { name: 'crash', expect: [{ text: 'a', atMs: 0, withinMs: 5000, predicate: 'stays' }, { text: 'b', atMs: null, withinMs: 5000 }] },
        { name: 'crash', repetition: 1, expect: [{ text: 'c', atMs: 9000, withinMs: 5000 }] },
      ],
      steadyAfter: [{ text: 'nodes all Up', atMs: 42_000, withinMs: 300_000 }],
    });
    expect(timingsOf(journal).map((t) => [t.name, t.ms, t.verdict])).toEqual([
      ['crash #2 › c', 9000, 'fail'],
      ['steady state after rollback › nodes all Up', 42_000, 'pass'],
    ]);
  });
});
