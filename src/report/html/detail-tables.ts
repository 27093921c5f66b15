// The tables under the timeline: every expectation with its window and observation, the rollback,
// the run's settings, every event, and every VM (grouped by the node it started on, collapsed).
import type { RunJournal } from '../../engine/journal.js';
import type { ExpectationOutcome } from '../expectation-outcome.js';
import { formatDuration, formatOffset } from '../run-time-text.js';
import { vmRuns, type VmRun } from '../vm-summary.js';
import { verdictSymbol } from './palette.js';
import { tag, text } from './svg-markup.js';

const cell = (content: string, attrs: Record<string, string> = {}): string => tag('td', attrs, text(content));
const headRow = (...names: string[]): string => tag('thead', {}, tag('tr', {}, ...names.map((n) => tag('th', {}, text(n)))));

export function expectationTable(journal: RunJournal, outcomes: readonly ExpectationOutcome[]): string {
  const at = (t: number | null): string => (t === null ? '—' : formatOffset(t, journal.clock.start));
  const rows = outcomes.map((o) => {
    const r = o.record;
    return tag('tr', { class: r.verdict },
      tag('td', { class: `verdict ${r.verdict}` }, text(`${verdictSymbol[r.verdict]} ${r.verdict}`)),
      cell(o.caseName),
      cell(r.verdict === 'skipped' ? r.window.text : `${r.window.text} (${at(r.window.from)} to ${at(r.window.to)})`),
      cell(o.summary.split('; window')[0] ?? o.summary),
      cell(at(r.lastFalseAt), { class: 'time' }),
      cell(at(r.firstTrueAt), { class: 'time' }),
      cell(at(r.decidedAt), { class: 'time' }));
  });
  return tag('section', {}, tag('h2', {}, text('Expectations')),
    tag('table', { class: 'expectations' }, headRow('verdict', 'step › expectation', 'window', 'observed', 'last false', 'first true', 'decided'), tag('tbody', {}, ...rows)));
}

export function rollbackTable(journal: RunJournal): string {
  if (journal.rollback.length === 0) return tag('section', {}, tag('h2', {}, text('Rollback')), tag('p', {}, text('Nothing to roll back.')));
  const rows = journal.rollback.map((r) => tag('tr', { class: r.ok ? 'pass' : 'fail' },
    cell(formatOffset(r.at, journal.clock.start), { class: 'time' }), cell(r.text), tag('td', { class: `verdict ${r.ok ? 'pass' : 'fail'}` }, text(r.ok ? '✓ ok' : '✗ failed')), cell(r.message)));
  return tag('section', {}, tag('h2', {}, text('Rollback')), tag('table', {}, headRow('at', 'what', 'result', 'message'), tag('tbody', {}, ...rows)));
}

export function runInfo(journal: RunJournal): string {
  const c = journal.target.cluster;
  const entries: [string, string][] = [
    ['runbook', `${journal.runbook.path} (sha256 ${journal.runbook.sha256.slice(0, 12)}…)`],
    ['description', journal.runbook.description ?? '—'],
    ['target', `${journal.target.name} (${journal.target.driver}) from ${journal.target.path}`],
    ['cluster', `${c.name}: ${c.resiliencyLevel}, resiliency period ${formatDuration(c.resiliencyDefaultPeriodMs)}, quarantine after ${c.quarantineThreshold} isolations for ${formatDuration(c.quarantineDurationMs)}, heartbeat ${formatDuration(c.heartbeatDelayMs)} × ${c.heartbeatThreshold}, live migration ${c.liveMigrationConcurrent} at once at ${formatBandwidth(c.liveMigrationBandwidthBps)}`],
    ['vars', Object.entries(journal.vars).map(([k, v]) => `$${k} = ${v}`).join(', ') || '—'],
    ['run', `${journal.runId}, seed ${journal.seed ?? 'none'}, drill ${journal.drillVersion}`],
    ['wall clock', `${journal.startedAt} → ${journal.endedAt}`],
    ['run clock', `${formatDuration(journal.clock.end - journal.clock.start)} (${journal.clock.virtual ? 'virtual' : 'real'})`],
    ['verdict', `${journal.verdict} (exit ${journal.exitStatus}): ${journal.reason}`],
  ];
  return tag('section', {}, tag('h2', {}, text('Run')), tag('dl', { class: 'run-info' }, ...entries.flatMap(([k, v]) => [tag('dt', {}, text(k)), tag('dd', {}, text(v))])));
}

function formatBandwidth(bps: number): string {
  return bps >= 1e9 ? `${bps / 1e9} Gbps` : `${bps / 1e6} Mbps`;
}

export function eventTable(journal: RunJournal): string {
  const rows = journal.events.map((e) => tag('tr', {}, cell(formatOffset(e.at, journal.clock.start), { class: 'time' }), cell(e.kind), cell(e.text)));
  return tag('section', {}, tag('h2', {}, text('Events')),
    tag('details', {}, tag('summary', {}, text(`All ${journal.events.length} events of the run`)),
      tag('table', {}, headRow('at', 'kind', 'what'), tag('tbody', {}, ...rows))));
}

/** VMs grouped by the node they started on, each group collapsed; moved or restarted VMs listed first. */
export function vmTables(journal: RunJournal): string {
  const runs = vmRuns(journal);
  if (runs.length === 0) return '';
  const byNode = new Map<string, VmRun[]>();
  for (const r of runs) byNode.set(r.startedOn, [...(byNode.get(r.startedOn) ?? []), r]);
  const order = [...journal.target.nodes, ...[...byNode.keys()].filter((n) => !journal.target.nodes.includes(n))];
  const groups = order.flatMap((node) => {
    const vms = byNode.get(node);
    if (vms === undefined) return [];
    const moved = vms.filter((v) => v.moves > 0).length;
    const restarted = vms.filter((v) => v.restarts > 0).length;
    const sorted = [...vms].sort((a, b) => Number(b.moves > 0 || b.restarts > 0) - Number(a.moves > 0 || a.restarts > 0));
    const rows = sorted.map((v) => tag('tr', { class: v.restarts > 0 ? 'fail' : '' },
      cell(v.name), cell(v.storage), cell(v.resilient === null ? '?' : v.resilient ? 'yes' : 'no'), cell(v.startedOn), cell(v.endedOn),
      cell(String(v.moves)), cell(String(v.restarts)), cell(v.lastState), cell(String(v.changes))));
    return [tag('details', {}, tag('summary', {}, text(`${node}: ${vms.length} VMs at the start · ${moved} moved · ${restarted} restarted`)),
      tag('table', {}, headRow('VM', 'storage', 'resilient', 'started on', 'ended on', 'moves', 'restarts', 'last state', 'changes'), tag('tbody', {}, ...rows)))];
  });
  const moved = runs.filter((v) => v.moves > 0).length;
  const restarted = runs.filter((v) => v.restarts > 0).length;
  return tag('section', {}, tag('h2', {}, text('VMs')),
    tag('details', {}, tag('summary', {}, text(`${runs.length} VMs · ${moved} moved · ${restarted} restarted (a restart is a failover or quick migration)`)), ...groups));
}
