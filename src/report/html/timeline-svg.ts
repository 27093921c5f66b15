// The timeline drawing: a time axis, the steps, faults and actions as markers, one row per expectation
// (window and verdict), then one lane per node. One SVG with no script; hovers are SVG <title>s.
import type { RunJournal, StepRecord } from '../../engine/journal.js';
import type { ExpectationOutcome } from '../expectation-outcome.js';
import { formatDuration, formatOffset } from '../run-time-text.js';
import type { Timeline, TimelineMarker } from '../timeline.js';
import { expectationRowHeight, expectationRows } from './expectation-rows.js';
import { laneLayout, nodeLanes } from './node-lanes.js';
import { markerColour, verdictColour } from './palette.js';
import { hover, tag, text } from './svg-markup.js';
import { tickLabel, timeScale, type TimeScale } from './time-scale.js';

const width = 1400;
const gutter = 330;
const rightMargin = 150;
const axisHeight = 26;
const stepsHeight = 24;
const markersHeight = 22;
const headingHeight = 26;

export function timelineSvg(journal: RunJournal, timeline: Timeline, outcomes: readonly ExpectationOutcome[]): string {
  const scale = timeScale(timeline.start, domainEnd(journal, outcomes), gutter, width - rightMargin);
  const lanes = laneLayout(timeline);
  const lanesHeight = lanes.reduce((h, l) => h + l.geometry.height, 0);
  let y = axisHeight;
  const stepsTop = y;
  y += stepsHeight;
  const markersTop = y;
  y += markersHeight;
  const expHeadingTop = y;
  y += headingHeight;
  const expTop = y;
  y += outcomes.length * expectationRowHeight;
  const nodeHeadingTop = y;
  y += headingHeight;
  const lanesTop = y;
  y += lanesHeight;
  const lanesBottom = y;
  y += axisHeight;
  const height = y;

  const varsByNode = new Map<string, string[]>();
  for (const [name, node] of Object.entries(journal.vars)) varsByNode.set(node, [...(varsByNode.get(node) ?? []), name]);

  return tag('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', class: 'timeline',
    'aria-label': `Timeline of ${journal.runbook.name}: expectations and node states`, 'font-family': 'inherit',
  },
    defs(),
    grid(scale, axisHeight, lanesBottom),
    axis(scale, 0, 'top'),
    stepsStrip(journal, scale, stepsTop, timeline),
    markerRow(timeline.markers, scale, markersTop, timeline.start),
    heading('Expectations', 'window shaded; ✓ met, ✗ missed (red bar: how late)', expHeadingTop),
    failureColumns(outcomes, scale, expTop, lanesBottom),
    expectationRows(outcomes, expTop, { scale, runStart: timeline.start, width, labelChars: 44 }),
    heading('Nodes', timeline.lanes[0]?.vmCounts === null ? 'state over time (no inventory in the journal: VM counts not shown)' : 'state over time; VMs owned below', nodeHeadingTop),
    nodeLanes(lanesTop, { scale, timeline, width, varsByNode }),
    injectionGuides(timeline.markers, scale, axisHeight, lanesBottom),
    axis(scale, lanesBottom, 'bottom'),
  );
}

/**
 * The drawing spans the run and every step's window (an aborted run's open windows included); the
 * settle window after the rollback is cut at the run's end when it passed, so it does not squeeze the run.
 */
function domainEnd(journal: RunJournal, outcomes: readonly ExpectationOutcome[]): number {
  let end = journal.clock.end;
  for (const o of outcomes) {
    if (o.record.verdict === 'skipped' || (o.group === 'steady-after' && o.record.verdict === 'pass')) continue;
    end = Math.max(end, o.record.window.to, o.record.firstTrueAt ?? 0, o.lateByMs === null ? 0 : o.record.window.to + o.lateByMs);
  }
  return end + Math.max(1000, (end - journal.clock.start) * 0.02);
}

function defs(): string {
  return tag('defs', {},
    tag('pattern', { id: 'too-early', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      tag('rect', { width: 6, height: 6, fill: '#fff', 'fill-opacity': 0.4 }), tag('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#0072B2', 'stroke-width': 2, 'stroke-opacity': 0.5 })),
    tag('pattern', { id: 'rollback', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      tag('rect', { width: 8, height: 8, fill: '#eeeeee' }), tag('line', { x1: 0, y1: 0, x2: 0, y2: 8, stroke: '#c4c4c4', 'stroke-width': 3 })),
  );
}

function grid(scale: TimeScale, top: number, bottom: number): string {
  return tag('g', { class: 'grid' }, ...scale.ticks().map((t) => tag('line', { x1: scale.x(t), y1: top, x2: scale.x(t), y2: bottom, stroke: '#e3e5e8', 'stroke-width': 1 })));
}

function axis(scale: TimeScale, y: number, side: 'top' | 'bottom'): string {
  const labelY = side === 'top' ? y + 17 : y + 18;
  return tag('g', { class: `axis ${side}` },
    tag('text', { x: scale.left - 10, y: labelY, 'text-anchor': 'end', class: 'axis-title' }, text('time since start')),
    ...scale.ticks().map((t) => tag('text', { x: scale.x(t), y: labelY, 'text-anchor': 'middle', class: 'tick' }, text(tickLabel(t - scale.start)))),
  );
}

/** Steps as labelled spans; the rollback and settle as a hatched span. */
function stepsStrip(journal: RunJournal, scale: TimeScale, y: number, timeline: Timeline): string {
  const parts: string[] = [tag('text', { x: 8, y: y + 16, class: 'row-title' }, text('Steps'))];
  journal.steps.forEach((s, i) => {
    if (s.startedAt === null) return;
    const from = s.startedAt;
    const to = s.endedAt ?? timeline.end;
    const x1 = scale.x(from);
    const w = Math.max(scale.x(to) - x1, 1);
    const fill = s.status === 'failed' ? '#fbe3d6' : i % 2 === 0 ? '#e8ebf0' : '#d9dee6';
    parts.push(tag('g', { class: `step ${s.status}` },
      tag('rect', { x: x1, y: y + 2, width: w, height: stepsHeight - 4, fill, stroke: '#fff' }),
      w > 22 ? tag('text', { x: x1 + 5, y: y + 16, class: 'step-label' }, text(w > 70 ? `step ${stepLabel(s)}` : stepLabel(s))) : '',
      hover(`step ${stepLabel(s)}: ${s.name} (${s.status})\n${formatOffset(from, timeline.start)} → ${formatOffset(to, timeline.start)} (${formatDuration(to - from)})`)));
  });
  const rollback = timeline.phases.find((p) => p.phase === 'rollback');
  if (rollback !== undefined && timeline.end > rollback.at) {
    const x1 = scale.x(rollback.at);
    const w = Math.max(scale.x(timeline.end) - x1, 1);
    parts.push(tag('g', { class: 'rollback' },
      tag('rect', { x: x1, y: y + 2, width: w, height: stepsHeight - 4, fill: 'url(#rollback)', stroke: '#fff' }),
      w > 60 ? tag('text', { x: x1 + 5, y: y + 16, class: 'step-label' }, text('rollback')) : '',
      hover(`rollback and settle: ${formatOffset(rollback.at, timeline.start)} → ${formatOffset(timeline.end, timeline.start)}`)));
  }
  return tag('g', { class: 'steps' }, ...parts);
}

/** `3` or `3 (2/3)` for a repeated step. */
function stepLabel(s: StepRecord): string {
  return s.repetition > 1 ? `${s.index}.${s.repetition}` : String(s.index);
}

/** Faults, actions, undos and stops: one glyph per kind and instant (undos drawn first, beneath), every text in its hover. */
function markerRow(markers: readonly TimelineMarker[], scale: TimeScale, y: number, start: number): string {
  const groups = new Map<string, TimelineMarker[]>();
  const drawOrder: readonly TimelineMarker['kind'][] = ['undo', 'action', 'inject', 'abort', 'error'];
  const ordered = [...markers].sort((a, b) => drawOrder.indexOf(a.kind) - drawOrder.indexOf(b.kind));
  for (const m of ordered) {
    const key = `${m.kind}@${Math.round(scale.x(m.at))}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const parts: string[] = [tag('text', { x: 8, y: y + 15, class: 'row-title' }, text('Faults and actions'))];
  for (const group of groups.values()) {
    const m = group[0];
    if (m === undefined) continue;
    const x = scale.x(m.at);
    const cy = y + markersHeight / 2;
    const title = hover(group.map((g) => `${formatOffset(g.at, start)} ${g.text}`).join('\n'));
    const fill = markerColour[m.kind];
    if (m.kind === 'inject') parts.push(tag('path', { d: `M${x - 7},${cy - 7} L${x + 7},${cy - 7} L${x},${cy + 7} z`, fill, class: 'marker inject' }, title));
    else if (m.kind === 'action') parts.push(tag('path', { d: `M${x},${cy - 7} l7,7 l-7,7 l-7,-7 z`, fill, class: 'marker action' }, title));
    else if (m.kind === 'undo') parts.push(tag('circle', { cx: x, cy, r: 5, fill: '#fff', stroke: fill, 'stroke-width': 2, class: 'marker undo' }, title));
    else parts.push(tag('g', { class: `marker ${m.kind}` }, tag('rect', { x: x - 7, y: cy - 7, width: 14, height: 14, fill }), tag('text', { x, y: cy + 4.5, 'text-anchor': 'middle', class: 'glyph' }, text('!')), title));
  }
  return tag('g', { class: 'markers' }, ...parts);
}

/** Faint vertical lines at every fault and action, through the expectations and the lanes. */
function injectionGuides(markers: readonly TimelineMarker[], scale: TimeScale, top: number, bottom: number): string {
  const xs = new Set(markers.filter((m) => m.kind === 'inject' || m.kind === 'action' || m.kind === 'abort').map((m) => Math.round(scale.x(m.at))));
  return tag('g', { class: 'guides', 'pointer-events': 'none' },
    ...[...xs].map((x) => tag('line', { x1: x, y1: top, x2: x, y2: bottom, stroke: '#111', 'stroke-opacity': 0.22, 'stroke-dasharray': '3 4' })));
}

/** For every missed window, a red column from the window's end to the miss, down through the lanes. */
function failureColumns(outcomes: readonly ExpectationOutcome[], scale: TimeScale, top: number, bottom: number): string {
  const parts = outcomes.flatMap((o) => {
    if (o.record.verdict !== 'fail' || o.lateByMs === null) return [];
    const x1 = scale.x(o.record.window.to);
    const x2 = scale.x(o.record.window.to + o.lateByMs);
    return [
      tag('rect', { x: x1, y: top, width: Math.max(x2 - x1, 1), height: bottom - top, fill: verdictColour.fail, 'fill-opacity': 0.07 }),
      tag('line', { x1, y1: top, x2: x1, y2: bottom, stroke: verdictColour.fail, 'stroke-width': 1.5, 'stroke-dasharray': '6 3' }),
    ];
  });
  return tag('g', { class: 'failure-columns', 'pointer-events': 'none' }, ...parts);
}

function heading(title: string, note: string, y: number): string {
  return tag('g', { class: 'heading' },
    tag('line', { x1: 0, y1: y + 0.5, x2: width, y2: y + 0.5, stroke: '#c9cdd3' }),
    tag('text', { x: 8, y: y + 18, class: 'section-title' }, text(title)),
    tag('text', { x: gutter, y: y + 18, class: 'note' }, text(note)));
}
