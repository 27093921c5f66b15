// The seam between the scheduler and the engine: runs one scheduled drill (its runbook, target, vars)
// to its end and returns the journal. The lead wires this to the engine and the cluster lock; the
// scheduler itself only ever sees the RunDrill signature, so it is tested with a fake engine.
import type { RunJournal } from '../engine/journal.js';
import { DrillError } from '../errors/drill-error.js';
import type { ScheduledDrill } from './scheduled-drill.js';

/**
 * Runs `drill` with the engine; aborting `signal` interrupts it (the engine rolls back, then resolves
 * with an `interrupted` journal). Should also write the drill's JUnit/HTML to `resultPaths(...)`.
 */
export async function runScheduledDrill(drill: ScheduledDrill, signal: AbortSignal): Promise<RunJournal> {
  void signal;
  throw new DrillError('internal', `engine not wired yet: cannot run drill ${drill.name}`, {
    hint: 'src/history/run-scheduled-drill.ts is the adapter to the engine; it is not connected in this build',
  });
}
