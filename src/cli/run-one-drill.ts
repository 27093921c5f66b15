// `drill run` for one runbook: the guarded run with the live terminal view, Ctrl-C, and the history.
import type { RunJournal } from '../engine/journal.js';
import { baselineText } from '../history/baseline-text.js';
import { baselineFromHistory, recordRun } from '../history/record-run.js';
import type { Runbook } from '../runbook/model.js';
import { runUnderSafety } from '../safety/run-under-safety.js';
import type { LoadedTarget } from '../targets/target-config.js';
import { listenForInterrupts } from './interrupts.js';
import type { RunOptions } from './run-options.js';
import { createTerminalProgress } from './terminal-progress.js';
import { drillVersion } from './version.js';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

export async function runOneDrill(runbook: Runbook, loaded: LoadedTarget, options: RunOptions): Promise<RunJournal> {
  let runId = '<run-id>';
  const interrupts = listenForInterrupts(() => runId, say);
  const progress = createTerminalProgress(process.stdout, { live: process.stdout.isTTY === true && !process.env['CI'] });
  try {
    const { journal, journalPath } = await runUnderSafety(runbook, loaded, {
      vars: options.vars,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.speed !== undefined ? { speed: options.speed } : {}),
      force: options.force,
      ...(options.runsDir !== undefined ? { runsDir: options.runsDir } : {}),
      signal: interrupts.signal,
      drillVersion,
      onRunId: (id) => {
        runId = id;
        progress.start(runbook, loaded, id);
      },
      onProgress: progress.listener,
      onWarning: (message) => say(`warning: ${message}`),
    });
    progress.finish(journal, journalPath);
    keepHistory(journal, journalPath, options);
    return journal;
  } finally {
    interrupts.dispose();
  }
}

/** Records the run in the history (and compares it with its baseline); a history problem never changes the verdict. */
function keepHistory(journal: RunJournal, journalPath: string, options: RunOptions): void {
  if (options.history === false) return;
  try {
    if (options.baseline !== undefined) say(baselineText(baselineFromHistory(options.history, journal, options.baseline)));
    recordRun(options.history, journal, journalPath);
  } catch (error) {
    say(`warning: the run was not recorded in the history (${error instanceof Error ? error.message : String(error)})`);
  }
}
