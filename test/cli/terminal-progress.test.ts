import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ExpectationRecord } from '../../src/engine/journal.js';
import { createTerminalProgress, expectationLine } from '../../src/cli/terminal-progress.js';

const record = (over: Partial<ExpectationRecord> = {}): ExpectationRecord => ({
  id: 's1.r1.e1',
  text: 'node $victim becomes Isolated within 2 * cluster.heartbeatTimeout',
  predicate: 'becomes',
  window: { from: 0, to: 20_000, text: 'within 2 * cluster.heartbeatTimeout (20s)' },
  verdict: 'pass',
  reason: 'reached at +10s (last seen not holding at +0s)',
  lastFalseAt: 0,
  firstTrueAt: 10_000,
  decidedAt: 10_000,
  ...over,
});

/** A stream that keeps what was written, with a terminal's width. */
function screen(columns: number): Writable & { text: string; columns: number } {
  const out = new Writable({
    write(chunk, _enc, done) {
      out.text += String(chunk);
      done();
    },
  }) as Writable & { text: string; columns: number };
  out.text = '';
  out.columns = columns;
  return out;
}

const started = {
  kind: 'stepStarted' as const,
  at: 0,
  step: 1,
  repetition: 1,
  repetitions: 1,
  name: 'a crash isolates the node',
  act: 'crash-cluster-service on HV01',
  expectations: [{ id: 's1.r1.e1', text: record().text, from: 0, to: 20_000 }],
};

describe('terminal progress', () => {
  it('gives the verdict, what was seen when, and the window in numbers', () => {
    expect(expectationLine(record())).toBe(
      '  ✓ pass         node $victim becomes Isolated within 2 * cluster.heartbeatTimeout  reached at +10s (last seen not holding at +0s) · window ≤ 20s',
    );
    expect(expectationLine(record({ predicate: 'becomes', window: { from: 0, to: 120_000, min: 60_000, text: '' }, verdict: 'fail' }))).toContain('✗ FAIL');
    expect(expectationLine(record({ window: { from: 0, to: 120_000, min: 60_000, text: '' } }))).toContain('window 1m–2m');
  });

  it('in CI prints each decided expectation once, in order, with no cursor movement', () => {
    const out = screen(80);
    const progress = createTerminalProgress(out, { live: false });
    progress.listener(started);
    progress.listener({ kind: 'expectationDecided', record: record() });
    expect(out.text).not.toContain('\x1b[');
    expect(out.text.match(/✓ pass/g)).toHaveLength(1);
    expect(out.text).not.toContain('waiting');
  });

  it('on a terminal shows the step waiting, then redraws the line in place, never wider than the screen', () => {
    const out = screen(60);
    const progress = createTerminalProgress(out, { live: true });
    progress.listener(started);
    expect(out.text).toContain('waiting');
    progress.listener({ kind: 'expectationDecided', record: record() });
    expect(out.text).toContain('\x1b[1A');
    // The redrawn block must not wrap (the step's heading above it is printed once and may).
    const block = out.text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\n').filter((l) => /waiting|pass/.test(l));
    expect(block.length).toBeGreaterThan(1);
    expect(Math.max(...block.map((l) => l.length))).toBeLessThan(60);
  });
});
