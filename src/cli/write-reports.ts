// Writes --json, --junit and --html for the runs of one `drill run`. With several runbooks, the JSON and
// HTML files get the runbook's name before their extension (`out.json` -> `out.quarantine-drain-clear.json`);
// JUnit holds one suite per runbook in one file, as CI viewers expect.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunJournal } from '../engine/journal.js';
import { renderHtml } from '../report/html/html-report.js';
import { renderJson } from '../report/journal-json.js';
import { renderJunit } from '../report/junit.js';

export interface ReportPaths {
  readonly json?: string;
  readonly junit?: string;
  readonly html?: string;
}

/** The file of one journal when several share an option's path. */
export function perRunbookPath(file: string, journal: RunJournal, many: boolean): string {
  if (!many) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${journal.runbook.name}${ext}`;
}

const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
};

export function writeReports(journals: readonly RunJournal[], paths: ReportPaths): void {
  if (journals.length === 0) return;
  const many = journals.length > 1;
  for (const journal of journals) {
    if (paths.json) write(perRunbookPath(paths.json, journal, many), renderJson(journal));
    if (paths.html) write(perRunbookPath(paths.html, journal, many), renderHtml(journal));
  }
  if (paths.junit) write(paths.junit, renderJunit(journals));
}
