// The summary printed at the end of `drill run`: the verdict, the key timings against their windows, and
// every expectation that did not pass — from the same outcomes the JUnit and HTML reports use.
import type { ExpectationVerdict, RunJournal } from '../engine/journal.js';
import { expectationOutcomes } from './expectation-outcome.js';
import { keyTimings } from './key-timings.js';

const verdictWords: Record<RunJournal['verdict'], string> = {
  pass: 'PASSED',
  fail: 'FAILED',
  inconclusive: 'INCONCLUSIVE',
  aborted: 'ABORTED',
  interrupted: 'INTERRUPTED',
  invalid: 'INVALID',
};

export function renderTerminalSummary(journal: RunJournal, options: { readonly color: boolean }): string {
  const paint = (code: number, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const good = journal.verdict === 'pass';
  const outcomes = expectationOutcomes(journal);
  const count = (v: string) => outcomes.filter((o) => o.record.verdict === v).length;
  const lines = [
    `${paint(good ? 32 : 31, verdictWords[journal.verdict])} ${journal.runbook.name} on ${journal.target.name} — ${journal.reason} (exit ${journal.exitStatus})`,
    `  ${count('pass')} passed, ${count('fail')} failed, ${count('inconclusive')} inconclusive, ${count('skipped')} skipped`,
  ];
  const timings = keyTimings(outcomes);
  if (timings.length > 0) lines.push('  key timings:');
  for (const { label, outcome } of timings) {
    const mark = markOf(outcome.record.verdict, paint);
    lines.push(`    ${mark} ${label.padEnd(18)} ${outcome.summary}`);
  }
  const others = outcomes.filter((o) => (o.record.verdict === 'inconclusive' || o.record.verdict === 'fail') && !timings.some((t) => t.outcome === o));
  for (const o of others) lines.push(`    ${markOf(o.record.verdict, paint)} ${o.caseName}: ${o.record.reason}`);
  return lines.join('\n');
}

/** One mark per verdict, never colour alone: ✓ green, ✗ red, ? yellow, – plain. */
function markOf(verdict: ExpectationVerdict, paint: (code: number, s: string) => string): string {
  if (verdict === 'pass') return paint(32, '✓');
  if (verdict === 'fail') return paint(31, '✗');
  if (verdict === 'inconclusive') return paint(33, '?');
  return '–';
}
