// The top of the report: the verdict, what decided it, and the key timings drawn as bars against their
// windows (a late one overruns its window in red), so the answer is visible before any timeline.
import { skippedText } from '../expectation-outcome.js';
import type { RunJournal } from '../../engine/journal.js';
import type { ExpectationOutcome } from '../expectation-outcome.js';
import type { KeyTiming } from '../key-timings.js';
import { formatDuration } from '../run-time-text.js';
import { verdictColour, windowColour } from './palette.js';
import { tag, text } from './svg-markup.js';

const verdictWords: Readonly<Record<RunJournal['verdict'], string>> = {
  pass: 'PASSED',
  fail: 'FAILED',
  inconclusive: 'INCONCLUSIVE',
  aborted: 'ABORTED',
  interrupted: 'INTERRUPTED',
  invalid: 'INVALID',
};

export function verdictHeader(journal: RunJournal, outcomes: readonly ExpectationOutcome[]): string {
  const t = journal.target;
  const virtual = journal.clock.end - journal.clock.start;
  const failed = outcomes.filter((o) => o.record.verdict === 'fail');
  const count = (v: string): number => outcomes.filter((o) => o.record.verdict === v).length;
  const callout = failed.length > 0
    ? failed.map((o) => tag('div', {}, tag('span', { class: 'what' }, text(`✗ ${o.caseName}`)), text(` — ${o.summary}`))).join('')
    : text(journal.reason);
  return [
    tag('header', {},
      tag('h1', {}, text(journal.runbook.name), tag('span', { class: `badge ${journal.verdict}` }, text(verdictWords[journal.verdict]))),
      tag('p', { class: 'meta' },
        text('on '), tag('b', {}, text(t.name)), text(` (${t.driver}, cluster ${t.cluster.name}, ${t.nodes.length} nodes, ${t.vmCount} VMs)`),
        text(` · ${formatDuration(virtual)} of ${journal.clock.virtual ? 'simulated' : 'real'} time · exit ${journal.exitStatus}`),
        text(` · seed ${journal.seed ?? 'none'} · started ${journal.startedAt}`)),
      tag('div', { class: `callout ${journal.verdict === 'pass' ? 'pass' : journal.verdict === 'fail' ? 'fail' : ''}` }, callout),
      tag('p', { class: 'counts' },
        tag('span', {}, text(`✓ ${count('pass')} passed`)), tag('span', {}, text(`✗ ${count('fail')} failed`)),
        tag('span', {}, text(`? ${count('inconclusive')} inconclusive`)), tag('span', {}, text(`– ${count('skipped')} skipped`))),
    ),
  ].join('');
}

/** "Key timings": one bar per timing against its window. */
export function keyTimingsSection(timings: readonly KeyTiming[]): string {
  if (timings.length === 0) return '';
  const rows = timings.flatMap((k) => [
    tag('div', { class: 'label' }, text(k.label), tag('small', { title: k.outcome.caseName }, text(k.outcome.record.text))),
    timingBar(k.outcome),
    tag('div', { class: `value ${k.outcome.record.verdict}` }, text(timingWords(k.outcome))),
  ]);
  return tag('section', { class: 'key-timings' }, tag('h2', {}, text('Key timings')), tag('div', { class: 'timings' }, ...rows));
}

/** "10s of 20s", "12m07s of 10m · 2m07s late", "never reached in 10m". */
function timingWords(o: ExpectationOutcome): string {
  const window = formatDuration(o.windowMs);
  if (o.record.verdict === 'skipped') return `– ${skippedText(o.record.reason)}`;
  if (o.record.verdict === 'inconclusive') return `? inconclusive (window ${window})`;
  if (o.record.verdict === 'fail') {
    if (o.neverReached) return `✗ not reached in ${window}`;
    if (o.earlyByMs !== null) return `✗ ${formatDuration(o.reachedAfterMs ?? 0)}: ${formatDuration(o.earlyByMs)} too early`;
    if (o.lateByMs !== null) return `✗ ${formatDuration(o.reachedAfterMs ?? 0)} of ${window} · ${formatDuration(o.lateByMs)} late`;
    const failedAfter = failedAfterMs(o);
    return failedAfter === null ? `✗ failed (window ${window})` : `✗ failed after ${formatDuration(failedAfter)} of ${window}`;
  }
  return `✓ ${formatDuration(o.reachedAfterMs ?? o.windowMs)} of ${window}`;
}

/** A failure decided inside its window (a restart, a violation): how far into the window it came; null otherwise. */
function failedAfterMs(o: ExpectationOutcome): number | null {
  if (o.record.verdict !== 'fail' || o.lateByMs !== null || o.earlyByMs !== null || o.failedAt === null) return null;
  return Math.max(0, o.failedAt - o.record.window.from);
}

/** A bar: the window as a shaded track, the time taken in green, any overrun past the window in red. */
function timingBar(o: ExpectationOutcome): string {
  const width = 520;
  const height = 26;
  const taken = o.neverReached ? o.windowMs + (o.lateByMs ?? 0) : (o.reachedAfterMs ?? (o.record.verdict === 'pass' ? o.windowMs : 0));
  const max = Math.max(o.windowMs, taken, 1) * 1.06;
  const x = (ms: number): number => 2 + (ms / max) * (width - 4);
  const windowEnd = x(o.windowMs);
  const parts = [
    tag('rect', { x: 2, y: 4, width: windowEnd - 2, height: height - 8, rx: 3, fill: windowColour, 'fill-opacity': 0.13, stroke: windowColour, 'stroke-opacity': 0.55 }),
  ];
  if (o.record.verdict === 'pass') {
    parts.push(tag('rect', { x: 2, y: 9, width: Math.max(x(taken) - 2, 2), height: 8, rx: 2, fill: verdictColour.pass }));
  } else if (o.record.verdict === 'fail') {
    parts.push(tag('rect', { x: 2, y: 9, width: Math.max(Math.min(x(taken), windowEnd) - 2, 2), height: 8, rx: 2, fill: '#8a8a8a' }));
    if (taken > o.windowMs)
      parts.push(tag('rect', { x: windowEnd, y: 6, width: Math.max(x(taken) - windowEnd, 2), height: 14, rx: 2, fill: verdictColour.fail }));
    const failedAfter = failedAfterMs(o);
    if (taken === 0 && failedAfter !== null)
      parts.push(tag('rect', { x: 2, y: 6, width: Math.max(x(Math.min(failedAfter, o.windowMs)) - 2, 2), height: 14, rx: 2, fill: verdictColour.fail }));
  }
  if (o.record.verdict !== 'skipped') parts.push(tag('line', { x1: windowEnd, y1: 1, x2: windowEnd, y2: height - 1, stroke: windowColour, 'stroke-width': 2 }));
  return tag('svg', { class: 'timing-bar', viewBox: `0 0 ${width} ${height}`, width: '100%', height, preserveAspectRatio: 'none', role: 'img', 'aria-label': timingWords(o) },
    ...parts, `<title>${text(o.summary)}</title>`);
}
