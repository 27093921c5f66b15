// The drill as it happens, on the terminal: the current step, each expectation going from waiting to
// passed or failed with the time it was seen against its window, and a summary. On a terminal the step's
// block is redrawn in place; in CI or a pipe every line is printed once, in order (no cursor movement).
import type { Writable } from 'node:stream';
import type { ProgressEvent, ProgressListener } from '../engine/index.js';
import type { ExpectationRecord, RunJournal } from '../engine/journal.js';
import { formatDuration, formatOffset } from '../report/run-time-text.js';
import type { Runbook } from '../runbook/model.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { renderTerminalSummary } from '../report/terminal-summary.js';

export interface TerminalProgress {
  start(runbook: Runbook, target: LoadedTarget, runId: string): void;
  readonly listener: ProgressListener;
  finish(journal: RunJournal, journalPath: string): void;
}

interface Style {
  readonly pass: (s: string) => string;
  readonly fail: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const ansi = (code: number) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;
const plain = (s: string) => s;

const symbol = (verdict: ExpectationRecord['verdict'] | 'waiting', style: Style): string => {
  switch (verdict) {
    case 'pass':
      return style.pass('✓ pass        ');
    case 'fail':
      return style.fail('✗ FAIL        ');
    case 'inconclusive':
      return style.fail('? inconclusive');
    case 'skipped':
      return style.dim('- skipped     ');
    case 'waiting':
      return style.dim('… waiting     ');
  }
};

/** The window in numbers, from the step's start: `≤ 20s`, `4m–6m`, `for 2m`. */
function windowSpan(record: ExpectationRecord): string {
  const { from, to, min } = record.window;
  if (record.predicate === 'is') return record.window.text;
  if (min !== undefined) return `${formatDuration(min - from)}–${formatDuration(to - from)}`;
  return record.predicate === 'stays' || record.predicate === 'never' ? `for ${formatDuration(to - from)}` : `≤ ${formatDuration(to - from)}`;
}

/** Cuts `text` to `room` visible characters, marking the cut. */
const cut = (text: string, room: number): string => (text.length <= room ? text : `${text.slice(0, Math.max(0, room - 1))}…`);

/**
 * One line per expectation: its verdict, text, and what was seen when against its window (from the
 * step's start). With `width`, the line fits it (a live view redraws by lines, so none may wrap).
 */
export function expectationLine(record: ExpectationRecord, style: Style = plainStyle, width?: number): string {
  return verdictLine(record.verdict, record.text, `${record.reason} · window ${windowSpan(record)}`, style, width);
}

function verdictLine(verdict: ExpectationRecord['verdict'] | 'waiting', text: string, detail: string, style: Style, width?: number): string {
  const lead = 2 + 14 + 1;
  if (width === undefined) return `  ${symbol(verdict, style)} ${text}  ${style.dim(detail)}`;
  const room = width - 1 - lead;
  const shownText = cut(text, room);
  const detailRoom = room - shownText.length - 2;
  return `  ${symbol(verdict, style)} ${shownText}${detailRoom > 8 ? `  ${style.dim(cut(detail, detailRoom))}` : ''}`;
}

const plainStyle: Style = { pass: plain, fail: plain, dim: plain, bold: plain };

export function createTerminalProgress(out: Writable, options: { readonly live: boolean }): TerminalProgress {
  const color = options.live && !process.env['NO_COLOR'];
  const style: Style = color ? { pass: ansi(32), fail: ansi(31), dim: ansi(2), bold: ansi(1) } : plainStyle;
  const write = (line: string) => out.write(`${line}\n`);
  // A live view redraws the step's block by lines, so its lines are cut to the terminal's width.
  const width = options.live ? Math.max(40, (out as { columns?: number }).columns ?? 100) : undefined;
  // The block of the current step on a live terminal: expectation ids in order, and their lines.
  let block: { ids: string[]; lines: string[] } | undefined;

  const redraw = () => {
    if (!block) return;
    out.write(`\x1b[${block.lines.length}A`);
    for (const line of block.lines) out.write(`\x1b[2K${line}\n`);
  };

  const listener: ProgressListener = (event: ProgressEvent) => {
    switch (event.kind) {
      case 'phase':
        block = undefined;
        write(style.dim(`${formatOffset(event.at)}  ${event.phase}`));
        return;
      case 'stepStarted': {
        const rep = event.repetitions > 1 ? ` (${event.repetition}/${event.repetitions})` : '';
        write(`${style.bold(`step ${event.step}${rep}: ${event.name}`)}${style.dim(`  ${event.act} at ${formatOffset(event.at)}`)}`);
        if (options.live) {
          block = {
            ids: event.expectations.map((e) => e.id),
            lines: event.expectations.map((e) => verdictLine('waiting', e.text, `until ${formatOffset(e.to, event.at)}`, style, width)),
          };
          for (const line of block.lines) write(line);
        }
        return;
      }
      case 'expectationDecided': {
        const index = block?.ids.indexOf(event.record.id) ?? -1;
        if (block && index >= 0) {
          block.lines[index] = expectationLine(event.record, style, width);
          redraw();
        } else write(expectationLine(event.record, style));
        return;
      }
      case 'stepEnded':
        if (event.record.status === 'skipped') write(style.dim(`step ${event.record.index}: ${event.record.name} — skipped`));
        block = undefined;
        return;
      case 'journal':
        if (event.event.kind === 'abort' || event.event.kind === 'error') write(style.fail(`${formatOffset(event.event.at)}  ${event.event.text}`));
        return;
    }
  };

  return {
    start(runbook, target, runId) {
      write(style.bold(`drill ${runbook.name}`) + style.dim(` on ${target.config.name} (${target.config.driver}) · run ${runId}`));
    },
    listener,
    finish(journal, journalPath) {
      write('');
      write(renderTerminalSummary(journal, { color }));
      write(style.dim(`took ${formatDuration(journal.clock.end - journal.clock.start)} of ${journal.clock.virtual ? 'simulated' : 'real'} time · journal ${journalPath}`));
    },
  };
}
