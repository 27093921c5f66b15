// `drill report`: re-render reports from a saved journal (the file `drill run --json` wrote, or the
// journal.json kept in every run's directory). Prints the terminal summary; writes HTML and JUnit on request.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DrillError, ExitStatus } from '../errors/drill-error.js';
import { parseJournal } from '../report/journal-json.js';
import { renderTerminalSummary } from '../report/terminal-summary.js';
import type { Wrap } from './main.js';
import { writeReports } from './write-reports.js';

export function registerReport(program: Command, wrap: Wrap): void {
  program
    .command('report <journal>')
    .description('re-render reports from a saved journal')
    .option('--html <file>', 'write the HTML timeline')
    .option('--junit <file>', 'write a JUnit XML report')
    .action(
      wrap(async (path: string, options: { html?: string; junit?: string }) => {
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (error) {
          throw new DrillError('invalid-input', `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
            hint: 'pass the file written by `drill run --json <file>`, or .drill/runs/<run-id>/journal.json',
          });
        }
        const journal = parseJournal(text, path);
        writeReports([journal], { ...(options.html ? { html: options.html } : {}), ...(options.junit ? { junit: options.junit } : {}) });
        process.stdout.write(`${renderTerminalSummary(journal, { color: process.stdout.isTTY === true && !process.env['NO_COLOR'] })}\n`);
        return ExitStatus.passed;
      }),
    );
}
