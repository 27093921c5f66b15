// `drill history --html`: one self-contained page (inline CSS and SVG, no scripts, nothing fetched)
// charting each key timing over its runs, with its median, its window, and regressions marked.
import type { HistoryReport } from './history-report.js';
import type { PairTrend, TimingTrend } from './trends.js';
import { formatDrift, formatTiming } from './timing-text.js';

/** Escapes text for HTML and SVG content and attributes. */
const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const chart = { width: 720, height: 220, left: 64, right: 44, top: 16, bottom: 40 } as const;

const style = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:20px}h2{font-size:17px;margin-top:32px}h3{font-size:14px;margin:20px 0 4px}
table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 10px;text-align:left;border-bottom:1px solid #e3e6ea}
.reg{color:#b42318;font-weight:600}.muted{color:#667085}
svg text{font:11px system-ui,sans-serif;fill:#475467}
.pass{fill:#12b76a}.fail{fill:#d92d20}.line{fill:none;stroke:#344054;stroke-width:1.5}
.median{stroke:#2e90fa;stroke-dasharray:4 3}.window{stroke:#f79009;stroke-dasharray:6 4}.ring{fill:none;stroke:#d92d20;stroke-width:2}
`;

/** The page. */
export function historyHtml(report: HistoryReport): string {
  const filter = [report.query.runbook && `runbook ${report.query.runbook}`, report.query.target && `target ${report.query.target}`].filter(Boolean).join(', ');
  const body = report.trends.length === 0 ? '<p>No completed runs recorded.</p>' : report.trends.map(pairSection).join('\n');
  const o = report.options;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>drill history${filter ? ` — ${esc(filter)}` : ''}</title><style>${style}</style></head>
<body>
<h1>drill history${filter ? ` — ${esc(filter)}` : ''}</h1>
<p class="muted">Key timings over the last ${o.last} completed runs per runbook and target. A regression: the last run is more than
${o.threshold}× the median of the earlier runs and at least ${esc(formatTiming(o.minDriftMs))} slower, with ${o.minSamples} or more earlier runs —
flagged even while it is still inside its window.</p>
${report.regressions.length > 0 ? `<p class="reg">${report.regressions.length} regression${report.regressions.length === 1 ? '' : 's'}: ${report.regressions.map((r) => esc(`${r.timing} (${r.runbook} on ${r.target})`)).join('; ')}</p>` : ''}
${body}
</body></html>
`;
}

/** A runbook on a target: a summary table, then one chart per timing. */
function pairSection(pair: PairTrend): string {
  const rows = pair.timings
    .map(
      (t) =>
        `<tr${t.regression ? ' class="reg"' : ''}><td>${esc(t.label ?? '')}</td><td>${esc(t.name)}</td><td>${formatTiming(t.lastMs)}</td><td>${formatTiming(t.medianMs)}</td><td>${formatTiming(t.p95Ms)}</td><td>${formatTiming(t.series.at(-1)!.windowMs)}</td><td>${t.regression ? `regression ${esc(formatDrift(t.ratio))}` : ''}</td></tr>`,
    )
    .join('');
  return `<section><h2>${esc(pair.runbook)} on ${esc(pair.target)} <span class="muted">(${pair.runs} runs)</span></h2>
<table><tr><th>key timing</th><th>expectation</th><th>last</th><th>median</th><th>p95</th><th>window</th><th></th></tr>${rows}</table>
${pair.timings.map(timingChart).join('\n')}</section>`;
}

/** One timing's series as an SVG line chart (x: runs in order, y: ms from 0). */
function timingChart(t: TimingTrend): string {
  const plotW = chart.width - chart.left - chart.right;
  const plotH = chart.height - chart.top - chart.bottom;
  const windowMs = t.series.at(-1)!.windowMs;
  const top = niceCeiling(Math.max(...t.series.map((s) => s.ms), t.medianMs, Math.min(windowMs, 2 * Math.max(...t.series.map((s) => s.ms)))));
  const x = (i: number) => chart.left + (t.series.length === 1 ? plotW / 2 : (i * plotW) / (t.series.length - 1));
  const y = (ms: number) => chart.top + plotH - (Math.min(ms, top) / top) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * top);
  const grid = ticks
    .map((v) => `<line x1="${chart.left}" x2="${chart.width - chart.right}" y1="${y(v)}" y2="${y(v)}" stroke="#eaecf0"/><text x="${chart.left - 6}" y="${y(v) + 4}" text-anchor="end">${formatTiming(v)}</text>`)
    .join('');
  const path = t.series.map((s, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(s.ms).toFixed(1)}`).join(' ');
  const points = t.series
    .map((s, i) => `<circle cx="${x(i).toFixed(1)}" cy="${y(s.ms).toFixed(1)}" r="3.5" class="${s.verdict}"><title>${esc(`${s.startedAt} ${s.runId}: ${formatTiming(s.ms)} (${s.verdict})`)}</title></circle>`)
    .join('');
  const last = t.series.length - 1;
  // Label every k-th run counting back from the latest, so the latest is always labelled.
  const labelEvery = Math.max(1, Math.ceil(t.series.length / 8));
  const xLabels = t.series
    .map((s, i) => ((last - i) % labelEvery === 0 ? `<text x="${x(i).toFixed(1)}" y="${chart.height - chart.bottom + 16}" text-anchor="middle">${esc(s.startedAt.slice(5, 16).replace('T', ' '))}</text>` : ''))
    .join('');
  const medianLine = `<line class="median" x1="${chart.left}" x2="${chart.width - chart.right}" y1="${y(t.medianMs)}" y2="${y(t.medianMs)}"/>`;
  const windowLine = windowMs <= top ? `<line class="window" x1="${chart.left}" x2="${chart.width - chart.right}" y1="${y(windowMs)}" y2="${y(windowMs)}"/>` : '';
  const ring = t.regression ? `<circle class="ring" cx="${x(last).toFixed(1)}" cy="${y(t.lastMs).toFixed(1)}" r="8"/>` : '';
  const legend = `<text x="${chart.left}" y="${chart.height - 6}">— median ${formatTiming(t.medianMs)}   - - window ${formatTiming(windowMs)}${windowMs > top ? ' (above the chart)' : ''}   p95 ${formatTiming(t.p95Ms)}${t.regression ? `   ● regression ${esc(formatDrift(t.ratio))}` : ''}</text>`;
  return `<h3${t.regression ? ' class="reg"' : ''}>${t.label ? `${esc(t.label)}: ` : ''}${esc(t.name)}</h3>
<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${esc(`${t.name}: last ${formatTiming(t.lastMs)}, median ${formatTiming(t.medianMs)}`)}">
${grid}${medianLine}${windowLine}<path class="line" d="${path}"/>${points}${ring}${xLabels}${legend}</svg>`;
}

/** Axis tops that read well as durations, in seconds (quarters of them are round too). */
const niceTops = [1, 2, 4, 10, 20, 40, 60, 120, 240, 600, 1200, 2400, 3600, 7200, 14_400, 28_800, 86_400];

/** A round upper bound for the y axis: the smallest nice duration at or above `value`. */
function niceCeiling(value: number): number {
  if (!(value > 0)) return 1000;
  const top = niceTops.find((s) => s * 1000 >= value);
  return top !== undefined ? top * 1000 : Math.ceil(value / 86_400_000) * 86_400_000;
}
