// Where one run of a scheduled drill writes its results: the journal always, JUnit and HTML when the
// drills file asks for them. File names may use {runId}, {drill} and {date} (YYYY-MM-DD of the start).
import { join } from 'node:path';
import type { ScheduledDrill } from './scheduled-drill.js';

export interface ResultPaths {
  readonly journal: string;
  readonly junit?: string;
  readonly html?: string;
}

/** Fills the placeholders of a result file name; anything that could climb out of the directory is refused. */
function fill(template: string, drill: string, runId: string, startedAt: string): string {
  const name = template.replaceAll('{runId}', runId).replaceAll('{drill}', drill).replaceAll('{date}', startedAt.slice(0, 10));
  return name.replace(/[/\\]+/g, '-').replace(/^\.+/, '');
}

/** The result files of one run of `drill`. */
export function resultPaths(drill: ScheduledDrill, runId: string, startedAt: string): ResultPaths {
  const { dir, junit, html } = drill.results;
  return {
    journal: join(dir, `${fill(runId, drill.name, runId, startedAt)}.journal.json`),
    ...(junit ? { junit: join(dir, fill(junit, drill.name, runId, startedAt)) } : {}),
    ...(html ? { html: join(dir, fill(html, drill.name, runId, startedAt)) } : {}),
  };
}
