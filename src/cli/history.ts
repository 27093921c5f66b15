// `drill history`: past runs and how their key timings trend (last, median, p95 over the last N runs),
// with a regression flagged when a timing drifts past the threshold; `--html` charts the trends.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DrillError, ExitStatus } from '../errors/drill-error.js';
import { countOption, durationOption, ratioOption } from '../history/cli-options.js';
import { defaultHistoryPath } from '../history/drills-file.js';
import { historyHtml } from '../history/history-html.js';
import { historyReport } from '../history/history-report.js';
import { historyText } from '../history/history-text.js';
import { HistoryStore } from '../history/store.js';
import { defaultTrendOptions } from '../history/trends.js';
import type { Wrap } from './main.js';

interface HistoryOptions {
  readonly runbook?: string;
  readonly target?: string;
  readonly last: string;
  readonly html?: string;
  readonly json?: boolean;
  readonly db: string;
  readonly threshold: string;
  readonly minDrift: string;
  readonly failOnRegression?: boolean;
}

export function registerHistory(program: Command, wrap: Wrap): void {
  program
    .command('history')
    .description('past runs and how their timings trend')
    .option('--runbook <name>', 'only this runbook (its name)')
    .option('--target <name>', 'only this target (its name)')
    .option('--last <n>', 'runs listed, and runs per runbook and target the trends cover', String(defaultTrendOptions.last))
    .option('--html <file>', 'also write the trends as a self-contained HTML chart')
    .option('--json', 'print the report as JSON instead of text')
    .option('--db <path>', 'history database', defaultHistoryPath)
    .option('--threshold <ratio>', 'a timing regressed when its last value exceeds the median of the earlier runs times this', String(defaultTrendOptions.threshold))
    .option('--min-drift <duration>', '...and by at least this much', '1s')
    .option('--fail-on-regression', 'exit 1 when a timing regressed (for CI)')
    .action(
      wrap(async (options: HistoryOptions) => {
        const trend = {
          ...defaultTrendOptions,
          last: countOption(options.last, '--last'),
          threshold: ratioOption(options.threshold, '--threshold'),
          minDriftMs: durationOption(options.minDrift, '--min-drift'),
        };
        const store = HistoryStore.open(options.db, { readonly: true });
        try {
          const report = historyReport(store, { runbook: options.runbook, target: options.target }, trend);
          process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : historyText(report));
          if (options.html !== undefined) {
            try {
              writeFileSync(options.html, historyHtml(report));
            } catch (error) {
              throw new DrillError('invalid-input', `cannot write ${options.html}: ${error instanceof Error ? error.message : String(error)}`);
            }
            process.stderr.write(`wrote ${options.html}\n`);
          }
          return options.failOnRegression && report.regressions.length > 0 ? ExitStatus.failed : ExitStatus.passed;
        } finally {
          store.close();
        }
      }),
    );
}
