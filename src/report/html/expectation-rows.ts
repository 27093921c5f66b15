// The expectation rows of the timeline: each window as a shaded span, the moment it was met (a check)
// or missed (a cross), and for a late one a red bar from the window's end to when it happened, labelled
// with by how much, so a missed window is visible without reading anything but the labels.
import { skippedText, type ExpectationOutcome } from '../expectation-outcome.js';
import { formatDuration, formatOffset } from '../run-time-text.js';
import { verdictColour, verdictSymbol, windowColour } from './palette.js';
import { hover, tag, text, truncate } from './svg-markup.js';
import type { TimeScale } from './time-scale.js';

export const expectationRowHeight = 24;

export interface RowContext {
  readonly scale: TimeScale;
  readonly runStart: number;
  /** Width of the whole drawing (labels past the plot may use the right margin). */
  readonly width: number;
  /** Characters of label that fit in the left gutter. */
  readonly labelChars: number;
}

/** One row per expectation, starting at `top`. */
export function expectationRows(outcomes: readonly ExpectationOutcome[], top: number, ctx: RowContext): string {
  return outcomes.map((o, i) => expectationRow(o, top + i * expectationRowHeight, ctx)).join('');
}

function expectationRow(o: ExpectationOutcome, y: number, ctx: RowContext): string {
  const r = o.record;
  const colour = verdictColour[r.verdict];
  const mid = y + expectationRowHeight / 2;
  const parts: string[] = [];
  const failed = r.verdict === 'fail';
  if (failed) parts.push(tag('rect', { x: 0, y, width: ctx.width, height: expectationRowHeight, fill: colour, 'fill-opacity': 0.08 }));
  parts.push(
    tag('text', { x: 8, y: mid + 4, class: `exp-label ${r.verdict}`, fill: failed ? colour : '#222' },
      tag('tspan', { fill: colour, 'font-weight': 700 }, text(`${verdictSymbol[r.verdict]} `)),
      text(truncate(o.shortLabel, ctx.labelChars)),
      hover(`${o.caseName}\n${r.verdict.toUpperCase()}: ${o.summary}`),
    ),
  );
  if (r.verdict === 'skipped') {
    parts.push(tag('text', { x: ctx.scale.left + 4, y: mid + 4, class: 'note' }, text(skippedText(r.reason))));
    return tag('g', { class: `expectation ${r.verdict}`, 'data-id': r.id }, ...parts);
  }
  parts.push(windowSpan(o, y, ctx));
  parts.push(...observation(o, mid, ctx));
  return tag('g', { class: `expectation ${r.verdict}`, 'data-id': r.id }, ...parts);
}

/** The window: a shaded span; a `between` window's closed start is hatched. */
function windowSpan(o: ExpectationOutcome, y: number, ctx: RowContext): string {
  const { x } = ctx.scale;
  const w = o.record.window;
  const x1 = x(w.from);
  const x2 = Math.max(x(w.to), x1 + 2);
  const dashed = o.record.verdict === 'inconclusive' ? '4 3' : undefined;
  const title = hover(`window ${w.text}: ${formatOffset(w.from, ctx.runStart)} to ${formatOffset(w.to, ctx.runStart)} (${formatDuration(w.to - w.from)})`);
  const span = tag('rect', { x: x1, y: y + 4, width: x2 - x1, height: expectationRowHeight - 8, rx: 2, fill: windowColour, 'fill-opacity': 0.13, stroke: windowColour, 'stroke-opacity': 0.55, 'stroke-dasharray': dashed, class: 'window' }, title);
  const caption = x2 - x1 > w.text.length * 6.2 + 16 ? tag('text', { x: x2 - 5, y: y + expectationRowHeight / 2 + 4, 'text-anchor': 'end', class: 'window-text' }, text(w.text)) : '';
  if (w.min === undefined || w.min <= 0) return span + caption;
  const opens = x(w.from + w.min);
  return span + caption + tag('rect', { x: x1, y: y + 4, width: Math.max(0, opens - x1), height: expectationRowHeight - 8, fill: 'url(#too-early)', class: 'window-closed' }, hover(`too early before ${formatOffset(w.from + w.min, ctx.runStart)}`));
}

/** What was seen: how long it took, and a check, a cross with the miss, or a question mark. */
function observation(o: ExpectationOutcome, mid: number, ctx: RowContext): string[] {
  const { x } = ctx.scale;
  const r = o.record;
  const colour = verdictColour[r.verdict];
  const w = r.window;
  const out: string[] = [];
  if (r.verdict === 'pass') {
    const at = r.firstTrueAt !== null && r.predicate !== 'stays' && r.predicate !== 'never' ? r.firstTrueAt : (r.decidedAt ?? w.to);
    out.push(tag('rect', { x: x(w.from), y: mid - 2, width: Math.max(0, x(at) - x(w.from)), height: 4, fill: colour, class: 'took' }));
    out.push(glyph('pass', x(at), mid, `${o.summary}`));
    return out;
  }
  if (r.verdict === 'inconclusive') {
    out.push(glyph('inconclusive', x(r.decidedAt ?? w.to), mid, o.summary));
    return out;
  }
  // fail
  const label = (x1: number, words: string): string => missLabel(x1, mid, words, ctx);
  if (o.earlyByMs !== null && r.firstTrueAt !== null) {
    const opens = w.from + (w.min ?? 0);
    out.push(tag('rect', { x: x(r.firstTrueAt), y: mid - 5, width: Math.max(2, x(opens) - x(r.firstTrueAt)), height: 10, fill: colour, class: 'miss' }, hover(o.summary)));
    out.push(glyph('fail', x(r.firstTrueAt), mid, o.summary));
    out.push(label(x(opens), `${formatDuration(o.earlyByMs)} early`));
    return out;
  }
  if (o.lateByMs !== null) {
    const until = w.to + o.lateByMs;
    out.push(tag('rect', { x: x(w.from), y: mid - 1.5, width: Math.max(0, x(w.to) - x(w.from)), height: 3, fill: '#888' }));
    out.push(tag('rect', { x: x(w.to), y: mid - 5, width: Math.max(2, x(until) - x(w.to)), height: 10, fill: colour, class: 'miss' }, hover(o.summary)));
    if (o.neverReached) {
      out.push(tag('path', { d: `M${x(until)},${mid - 7} l8,7 l-8,7 z`, fill: colour }));
      out.push(label(x(until) + 10, `never reached (+${formatDuration(o.lateByMs)} watched)`));
    } else {
      out.push(glyph('fail', x(until), mid, o.summary));
      out.push(label(x(until) + 10, `${formatDuration(o.lateByMs)} late`));
    }
    return out;
  }
  out.push(glyph('fail', x(o.failedAt ?? w.to), mid, o.summary));
  out.push(label(x(o.failedAt ?? w.to) + 10, o.failedAt === null ? 'failed' : `failed at ${formatOffset(o.failedAt, ctx.runStart)}`));
  return out;
}

/** The bold red words beside a miss; flipped to the left of `x1` when the right margin is too narrow. */
function missLabel(x1: number, mid: number, words: string, ctx: RowContext): string {
  const room = ctx.width - x1;
  const needed = words.length * 7.4;
  const attrs = room >= needed ? { x: x1, 'text-anchor': 'start' } : { x: x1 - 22, 'text-anchor': 'end' };
  return tag('text', { ...attrs, y: mid + 4.5, class: 'miss-label', fill: verdictColour.fail }, text(words));
}

/** A verdict mark: a filled circle with a check, cross or question mark. */
function glyph(verdict: 'pass' | 'fail' | 'inconclusive', cx: number, cy: number, title: string): string {
  const colour = verdictColour[verdict];
  const radius = verdict === 'fail' ? 8 : 6.5;
  return tag('g', { class: `mark ${verdict}` },
    tag('circle', { cx, cy, r: radius, fill: colour, stroke: '#fff', 'stroke-width': 1.5 }),
    tag('text', { x: cx, y: cy + (verdict === 'fail' ? 4.5 : 3.8), 'text-anchor': 'middle', class: 'glyph' }, text(verdictSymbol[verdict])),
    hover(title),
  );
}
