// The HTML report: one self-contained file (inline CSS and SVG, no script, nothing fetched) that shows
// at a glance whether the drill passed, which expectation missed its window and by how much.
import type { RunJournal } from '../../engine/journal.js';
import { expectationOutcomes } from '../expectation-outcome.js';
import { keyTimings } from '../key-timings.js';
import { escapeText } from '../markup-escape.js';
import { buildTimeline, laneStates } from '../timeline.js';
import { expectationTable, eventTable, rollbackTable, runInfo, vmTables } from './detail-tables.js';
import { laneColour, laneMeaning, markerColour, verdictColour, vmCountColour, windowColour } from './palette.js';
import { reportStyle } from './report-style.js';
import { tag, text } from './svg-markup.js';
import { timelineSvg } from './timeline-svg.js';
import { keyTimingsSection, verdictHeader } from './verdict-summary.js';

/** The whole report of a finished run. */
export function renderHtml(journal: RunJournal): string {
  const outcomes = expectationOutcomes(journal);
  const timeline = buildTimeline(journal);
  const title = `${journal.runbook.name}: ${journal.verdict} — drill report`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No network, no script: the page may load nothing but itself.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(title)}</title>`,
    `<style>${reportStyle}</style>`,
    '</head>',
    '<body><main>',
    verdictHeader(journal, outcomes),
    keyTimingsSection(keyTimings(outcomes)),
    tag('section', { class: 'timeline-section' }, tag('h2', {}, text('Timeline')), legend(), tag('div', { class: 'timeline-wrap' }, timelineSvg(journal, timeline, outcomes))),
    expectationTable(journal, outcomes),
    rollbackTable(journal),
    vmTables(journal),
    eventTable(journal),
    runInfo(journal),
    tag('footer', {}, text(`drill ${journal.drillVersion} · journal schema ${journal.schemaVersion} · run ${journal.runId}`)),
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}

/** What every colour and mark of the timeline means. */
function legend(): string {
  const swatch = (colour: string, label: string, extra: Record<string, string> = {}): string =>
    tag('span', {}, tag('i', { class: 'swatch', style: `background:${colour}`, ...extra }, ''), text(label));
  const icon = (svg: string, label: string): string => tag('span', {}, `<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">${svg}</svg>`, text(label));
  return tag('div', { class: 'legend' },
    ...laneStates.map((s) => tag('span', { title: laneMeaning[s] }, tag('i', { class: 'swatch', style: `background:${laneColour[s]}` }, ''), text(s))),
    swatch(vmCountColour, 'VMs owned', { style: `background:${vmCountColour};opacity:0.55` }),
    icon(`<path d="M1,2 L15,2 L8,15 z" fill="${markerColour.inject}"/>`, 'fault injected'),
    icon(`<path d="M8,1 l7,7 l-7,7 l-7,-7 z" fill="${markerColour.action}"/>`, 'action'),
    icon(`<circle cx="8" cy="8" r="5" fill="#fff" stroke="${markerColour.undo}" stroke-width="2"/>`, 'undo'),
    swatch(windowColour, 'expectation window', { style: `background:${windowColour};opacity:0.3` }),
    icon(`<circle cx="8" cy="8" r="7" fill="${verdictColour.pass}"/>`, 'met'),
    icon(`<circle cx="8" cy="8" r="7" fill="${verdictColour.fail}"/>`, 'missed'),
    swatch(verdictColour.fail, 'red bar: how late'),
    icon(`<circle cx="8" cy="8" r="7" fill="${verdictColour.inconclusive}"/>`, 'inconclusive'),
  );
}
