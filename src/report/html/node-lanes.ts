// One lane per node: its state as coloured bands over time (hover for exact times) and, beneath,
// how many VMs it owned (a drain reads as a falling count). Sized to stay legible at 64 nodes.
import { formatDuration, formatExact, formatOffset } from '../run-time-text.js';
import type { NodeLane, Timeline, TimelineMarker } from '../timeline.js';
import { laneColour, markerColour, vmCountColour } from './palette.js';
import { hover, tag, text } from './svg-markup.js';
import type { TimeScale } from './time-scale.js';

export interface LaneGeometry {
  readonly height: number;
  readonly band: number;
  readonly count: number;
}

const geometryOf = (height: number): LaneGeometry => {
  const band = Math.round(height * 0.5);
  return { height, band, count: height - band - 5 };
};

/**
 * Lane sizes: roomy for a lab; on a large cluster the nodes where something happened (a state change,
 * a fault or action aimed at them) stay roomy and the quiet ones are compact but still readable.
 */
export function laneLayout(timeline: Timeline): { readonly lane: NodeLane; readonly offset: number; readonly geometry: LaneGeometry }[] {
  const n = timeline.lanes.length;
  const quiet = geometryOf(n <= 16 ? 34 : n <= 32 ? 26 : 22);
  const active = geometryOf(34);
  const targeted = new Set(timeline.markers.map((m) => m.node));
  let offset = 0;
  return timeline.lanes.map((lane) => {
    const geometry = lane.bands.length > 1 || targeted.has(lane.node) ? active : quiet;
    const placed = { lane, offset, geometry };
    offset += geometry.height;
    return placed;
  });
}

export interface LaneContext {
  readonly scale: TimeScale;
  readonly timeline: Timeline;
  readonly width: number;
  /** Node -> the runbook vars that resolved to it (`$victim`), shown beside its name. */
  readonly varsByNode: ReadonlyMap<string, readonly string[]>;
}

export function nodeLanes(top: number, ctx: LaneContext): string {
  return laneLayout(ctx.timeline).map((l, i) => nodeLane(l.lane, top + l.offset, l.geometry, i, ctx)).join('');
}

function nodeLane(lane: NodeLane, y: number, g: LaneGeometry, index: number, ctx: LaneContext): string {
  const { scale, timeline } = ctx;
  const parts: string[] = [];
  if (index % 2 === 1) parts.push(tag('rect', { x: 0, y, width: ctx.width, height: g.height, fill: '#f6f7f9' }));
  const vars = ctx.varsByNode.get(lane.node) ?? [];
  const fontSize = g.height >= 24 ? 13 : 11;
  parts.push(tag('text', { x: 8, y: y + g.band / 2 + 2 + fontSize / 3, class: 'lane-label', 'font-size': fontSize },
    tag('tspan', { 'font-weight': vars.length > 0 ? 700 : 600 }, text(lane.node)),
    vars.length > 0 ? tag('tspan', { fill: '#555', 'font-weight': 400 }, text(` ${vars.map((v) => `$${v}`).join(' ')}`)) : ''));
  const counts = lane.vmCounts;
  if (counts !== null && counts.length > 0) {
    const first = counts[0]?.count ?? 0;
    const last = counts[counts.length - 1]?.count ?? 0;
    parts.push(tag('text', { x: scale.left - 10, y: y + g.band / 2 + 2 + fontSize / 3, 'text-anchor': 'end', class: 'lane-count', 'font-size': fontSize - 1 },
      text(first === last ? `${first} VMs` : `${first} → ${last} VMs`), hover(`${lane.node} owned ${first} VMs at the start and ${last} at the end`)));
  }
  const bandTop = y + 2;
  for (const band of lane.bands) {
    const x1 = scale.x(band.from);
    const width = Math.max(scale.x(band.to) - x1, 0.8);
    parts.push(tag('rect', { x: x1, y: bandTop, width, height: g.band, fill: laneColour[band.state], class: `band ${band.state}`, 'data-state': band.state },
      hover(`${lane.node}: ${band.state} (${band.detail})\n${formatOffset(band.from, timeline.start)} → ${formatOffset(band.to, timeline.start)} (${formatDuration(band.to - band.from)})\n${formatExact(band.from, timeline.start)} → ${formatExact(band.to, timeline.start)}`)));
  }
  if (counts !== null) parts.push(vmCountSteps(lane, bandTop + g.band + 2, g, ctx));
  for (const m of timeline.markers.filter((mk) => mk.node === lane.node)) parts.push(laneMarker(m, bandTop, g, ctx));
  return tag('g', { class: 'lane', 'data-node': lane.node }, ...parts);
}

/** VM count as steps under the band, scaled to the most VMs any node held. */
function vmCountSteps(lane: NodeLane, top: number, g: LaneGeometry, ctx: LaneContext): string {
  const { scale, timeline } = ctx;
  const counts = lane.vmCounts ?? [];
  const max = Math.max(timeline.maxVmCount, 1);
  const rects = counts.map((c, i) => {
    const to = counts[i + 1]?.at ?? timeline.end;
    if (c.count === 0 || to <= c.at) return '';
    const h = Math.max(1, (c.count / max) * g.count);
    return tag('rect', { x: scale.x(c.at), y: top + g.count - h, width: Math.max(scale.x(to) - scale.x(c.at), 0.8), height: h, fill: vmCountColour, 'fill-opacity': 0.55 },
      hover(`${lane.node} owned ${c.count} VM${c.count === 1 ? '' : 's'} from ${formatOffset(c.at, timeline.start)} to ${formatOffset(to, timeline.start)}`));
  });
  return tag('g', { class: 'vm-count' }, ...rects);
}

/** A fault or action aimed at this node, marked on its lane. */
function laneMarker(m: TimelineMarker, top: number, g: LaneGeometry, ctx: LaneContext): string {
  const x = ctx.scale.x(m.at);
  const size = Math.min(7, g.band * 0.6);
  const fill = markerColour[m.kind];
  const d = m.kind === 'inject' ? `M${x - size},${top - 1} L${x + size},${top - 1} L${x},${top + size * 1.2} z` : `M${x},${top - 1} l${size},${size} l${-size},${size} l${-size},${-size} z`;
  return tag('path', { d, fill, stroke: '#fff', 'stroke-width': 1, class: `lane-marker ${m.kind}` }, hover(`${formatOffset(m.at, ctx.timeline.start)} ${m.text}`));
}
