// The seam between the scheduler and the engine: runs one scheduled drill (its runbook, target, vars)
// through the same safety envelope as `drill run` (cluster lock, write-ahead log, rollback) and returns
// the journal; the scheduler records it. The drill's JUnit and HTML go where its `results:` say.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { drillVersion } from '../cli/version.js';
import type { RunJournal } from '../engine/journal.js';
import { invalidInput } from '../errors/drill-error.js';
import { renderHtml } from '../report/html/html-report.js';
import { renderJunit } from '../report/junit.js';
import { loadRunbooksForTarget } from '../runbook/validate-files.js';
import { runUnderSafety } from '../safety/run-under-safety.js';
import { resultPaths } from './result-paths.js';
import type { ScheduledDrill } from './scheduled-drill.js';

/** Runs `drill`; aborting `signal` interrupts it (the engine rolls back, then resolves with an `interrupted` journal). */
export async function runScheduledDrill(drill: ScheduledDrill, signal: AbortSignal): Promise<RunJournal> {
  const files = await loadRunbooksForTarget([drill.runbook], { targetPath: drill.target });
  const runbook = files.runbooks[0];
  if (files.diagnostics.length > 0 || !files.target || !runbook) throw invalidInput(files.diagnostics);
  const { journal } = await runUnderSafety(runbook, files.target, { vars: drill.vars, signal, drillVersion });
  const paths = resultPaths(drill, journal.runId, journal.startedAt);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  if (paths.junit) write(paths.junit, renderJunit(journal));
  if (paths.html) write(paths.html, renderHtml(journal));
  return journal;
}
