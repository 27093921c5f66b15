// `drill history` as text: a table of the last runs, then per runbook and target each key timing's
// last, median and p95, with regressions called out in words.
import type { HistoryReport } from './history-report.js';
import type { RecordedRun } from './run-record.js';
import { formatDrift, formatTiming } from './timing-text.js';

/** Left-aligned columns, two spaces apart. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Start time as `2026-01-05 01:00:00Z`. */
const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');

/** A run's duration, when both ends are known. */
function duration(run: RecordedRun): string {
  if (run.endedAt === null) return '';
  return formatTiming(Date.parse(run.endedAt) - Date.parse(run.startedAt));
}

/** The whole report as lines of text. */
export function historyText(report: HistoryReport): string {
  const out: string[] = [];
  const filter = [report.query.runbook && `runbook ${report.query.runbook}`, report.query.target && `target ${report.query.target}`].filter(Boolean).join(', ');
  if (report.runs.length === 0) return `No runs recorded${filter ? ` for ${filter}` : ''}.\n`;
  out.push(`Last ${report.runs.length} run${report.runs.length === 1 ? '' : 's'}${filter ? ` (${filter})` : ''}:`);
  out.push(
    ...table(
      ['STARTED', 'RUNBOOK', 'TARGET', 'DRILL', 'VERDICT', 'EXIT', 'DURATION', 'NOTE'],
      report.runs.map((r) => [
        when(r.startedAt), r.runbook, r.target, r.drill ?? '-', r.verdict, r.exitStatus === null ? '-' : String(r.exitStatus), duration(r),
        r.outcome === 'completed' ? '' : r.reason,
      ]),
    ).map((l) => `  ${l}`),
  );
  for (const pair of report.trends) {
    out.push('', `Key timings of ${pair.runbook} on ${pair.target} (last ${pair.runs} completed run${pair.runs === 1 ? '' : 's'}):`);
    if (pair.timings.length === 0) {
      out.push('  (no timed expectations recorded)');
      continue;
    }
    out.push(
      ...table(
        ['KEY TIMING', 'EXPECTATION', 'LAST', 'MEDIAN', 'P95', 'WINDOW', ''],
        pair.timings.map((t) => [
          t.label ?? '-',
          t.name, formatTiming(t.lastMs), formatTiming(t.medianMs), formatTiming(t.p95Ms), formatTiming(t.series.at(-1)!.windowMs),
          t.regression
            ? `REGRESSION ${formatDrift(t.ratio)} vs median ${formatTiming(t.baselineMedianMs ?? Number.NaN)} of the earlier runs${t.insideWindow ? ' (still inside its window)' : ' (outside its window)'}`
            : '',
        ]),
      ).map((l) => `  ${l}`),
    );
  }
  const o = report.options;
  out.push('', `Regression: last > ${o.threshold} x median of the earlier runs and by at least ${formatTiming(o.minDriftMs)}, with ${o.minSamples}+ earlier runs.`);
  if (report.regressions.length > 0) out.push(`${report.regressions.length} timing${report.regressions.length === 1 ? '' : 's'} drifted: see REGRESSION above.`);
  return `${out.join('\n')}\n`;
}
