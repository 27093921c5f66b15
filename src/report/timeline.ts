// The run replayed as a timeline: each node's state over time, the VMs it owned, and the moments
// faults and actions were made. Derived only from the journal's events and inventory summary.
import type { JournalEvent, RunJournal } from '../engine/journal.js';

/** What a node lane shows; flags win over the state (an isolated node is also Down). */
export type LaneState = 'Up' | 'Isolated' | 'Down' | 'Quarantined' | 'Joining' | 'Paused' | 'Unknown';
export const laneStates: readonly LaneState[] = ['Up', 'Isolated', 'Down', 'Quarantined', 'Joining', 'Paused', 'Unknown'];

export interface NodeBand {
  readonly from: number;
  readonly to: number;
  readonly state: LaneState;
  /** Every field, for the hover: `Up, quarantined, drain InProgress`. */
  readonly detail: string;
}

/** The number of VMs a node owns from `at` until the next step. */
export interface VmCountStep {
  readonly at: number;
  readonly count: number;
}

export interface NodeLane {
  readonly node: string;
  readonly bands: readonly NodeBand[];
  /** Null when the journal has no inventory summary to count from. */
  readonly vmCounts: readonly VmCountStep[] | null;
}

export type MarkerKind = 'inject' | 'action' | 'undo' | 'abort' | 'error';

export interface TimelineMarker {
  readonly at: number;
  readonly kind: MarkerKind;
  readonly text: string;
  /** The node the fault or action was aimed at, when it has one. */
  readonly node: string | null;
}

export interface Timeline {
  readonly start: number;
  readonly end: number;
  readonly lanes: readonly NodeLane[];
  readonly markers: readonly TimelineMarker[];
  readonly phases: readonly { readonly at: number; readonly phase: string; readonly text: string }[];
  readonly gaps: readonly { readonly from: number; readonly to: number; readonly text: string }[];
  /** Most VMs any node held at any time (the scale of the VM count lanes). */
  readonly maxVmCount: number;
}

interface NodeFields {
  state: string;
  isolated: boolean;
  quarantined: boolean;
  drain: string;
}

/** Builds the timeline of a finished run. */
export function buildTimeline(journal: RunJournal): Timeline {
  const { start, end } = journal.clock;
  const nodeEvents = journal.events.filter((e): e is Extract<JournalEvent, { kind: 'node' }> => e.kind === 'node');
  const lanes = journal.target.nodes.map((node) => ({
    node,
    bands: nodeBands(nodeEvents.filter((e) => e.node === node), start, end),
    vmCounts: null as VmCountStep[] | null,
  }));
  const counts = vmCountsByNode(journal);
  let maxVmCount = 0;
  for (const lane of lanes) {
    lane.vmCounts = counts?.get(lane.node) ?? (counts === null ? null : [{ at: start, count: 0 }]);
    for (const c of lane.vmCounts ?? []) maxVmCount = Math.max(maxVmCount, c.count);
  }
  return { start, end, lanes, markers: markersOf(journal.events), phases: phasesOf(journal.events), gaps: gapsOf(journal.events, end), maxVmCount };
}

/** Initial value of a field: the `from` of its first change, else the steady state every run starts from. */
function initialFields(events: readonly Extract<JournalEvent, { kind: 'node' }>[]): NodeFields {
  const first = (field: string): string | undefined => events.find((e) => e.field === field)?.from;
  return {
    state: first('state') ?? 'Up',
    isolated: first('isolated') === 'true',
    quarantined: first('quarantined') === 'true',
    drain: first('drain') ?? 'NotInitiated',
  };
}

/** Consecutive bands of one node; changes at the same instant merge into one boundary. */
function nodeBands(events: readonly Extract<JournalEvent, { kind: 'node' }>[], start: number, end: number): NodeBand[] {
  const fields = initialFields(events);
  const bands: NodeBand[] = [];
  let from = start;
  let current = bandOf(fields);
  for (const e of events) {
    if (e.field === 'state') fields.state = e.to;
    else if (e.field === 'isolated') fields.isolated = e.to === 'true';
    else if (e.field === 'quarantined') fields.quarantined = e.to === 'true';
    else if (e.field === 'drain') fields.drain = e.to;
    const next = bandOf(fields);
    if (next.state === current.state && next.detail === current.detail) continue;
    if (e.at > from) bands.push({ from, to: e.at, ...current });
    from = Math.max(from, e.at);
    current = next;
  }
  bands.push({ from, to: Math.max(from, end), ...current });
  return dropEmpty(bands);
}

/** Changes at the very start of the run leave an empty first band: drop it (unless it is the only one). */
function dropEmpty(bands: NodeBand[]): NodeBand[] {
  return bands.filter((b) => b.to > b.from || bands.length === 1);
}

function bandOf(f: NodeFields): { state: LaneState; detail: string } {
  const state: LaneState = f.quarantined ? 'Quarantined' : f.isolated ? 'Isolated' : laneStateOf(f.state);
  const parts = [f.state];
  if (f.isolated) parts.push('isolated');
  if (f.quarantined) parts.push('quarantined');
  if (f.drain !== 'NotInitiated') parts.push(`drain ${f.drain}`);
  return { state, detail: parts.join(', ') };
}

function laneStateOf(state: string): LaneState {
  return state === 'Up' || state === 'Down' || state === 'Joining' || state === 'Paused' ? state : 'Unknown';
}

/** VMs owned per node over time, from the preflight inventory and every `owner` change; null without inventory. */
function vmCountsByNode(journal: RunJournal): Map<string, VmCountStep[]> | null {
  const vms = journal.target.vms;
  if (vms === undefined) return null;
  const count = new Map<string, number>(journal.target.nodes.map((n) => [n, 0]));
  for (const vm of vms) count.set(vm.owner, (count.get(vm.owner) ?? 0) + 1);
  const series = new Map<string, VmCountStep[]>();
  for (const [node, n] of count) series.set(node, [{ at: journal.clock.start, count: n }]);
  for (const e of journal.events) {
    if (e.kind !== 'vm' || e.field !== 'owner') continue;
    for (const [node, delta] of [[e.from, -1], [e.to, 1]] as const) {
      const n = (count.get(node) ?? 0) + delta;
      count.set(node, n);
      const steps = series.get(node) ?? [];
      const last = steps[steps.length - 1];
      if (last !== undefined && last.at === e.at) steps[steps.length - 1] = { at: e.at, count: n };
      else steps.push({ at: e.at, count: n });
      series.set(node, steps);
    }
  }
  return series;
}

/** Injections, actions, undos and stops, with the node they aimed at. */
function markersOf(events: readonly JournalEvent[]): TimelineMarker[] {
  const markers: TimelineMarker[] = [];
  for (const e of events) {
    if (e.kind === 'inject') markers.push({ at: e.at, kind: 'inject', text: e.text, node: 'node' in e.fault ? e.fault.node : null });
    else if (e.kind === 'action') markers.push({ at: e.at, kind: 'action', text: e.text, node: 'node' in e.action ? e.action.node : null });
    else if (e.kind === 'undo') markers.push({ at: e.at, kind: 'undo', text: e.text, node: 'node' in e.undo ? e.undo.node : null });
    else if (e.kind === 'abort' || e.kind === 'error') markers.push({ at: e.at, kind: e.kind, text: e.text, node: null });
  }
  return markers;
}

function phasesOf(events: readonly JournalEvent[]): Timeline['phases'] {
  return events.flatMap((e) => (e.kind === 'phase' ? [{ at: e.at, phase: e.phase, text: e.text }] : []));
}

/** Spans the target could not be observed (an open gap lasts to the end of the run). */
function gapsOf(events: readonly JournalEvent[], end: number): Timeline['gaps'] {
  return events.flatMap((e) => (e.kind === 'observation-gap' ? [{ from: e.at, to: e.until ?? end, text: e.text }] : []));
}
