// runDrill: the public entry of the engine. It binds the run machine to a target, a clock and a
// recorder, runs it to its verdict (driving a virtual clock itself) and returns the run's journal.
import { createActor, toPromise } from 'xstate';
import { DrillError } from '../errors/drill-error.js';
import type { Runbook } from '../runbook/model.js';
import { unreadClusterSettings } from '../targets/cluster-state.js';
import type { Target, Undo } from '../targets/target.js';
import type { Clock } from '../time/clock.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { describeUndo } from './describe.js';
import { journalSchemaVersion, type RunJournal } from './journal.js';
import type { ResolvedVars } from './node-refs.js';
import type { EvaluateDuration, ResolveVars } from './plan.js';
import { createRunActors } from './run-actors.js';
import { RunLog, type ProgressListener, type RunRecorder } from './run-log.js';
import { runMachine } from './run-machine.js';
import type { RunOutcome } from './run-context.js';

export interface RunDrillInput {
  readonly runbook: Runbook;
  readonly target: Target;
  /** The run's clock: a VirtualClock for the simulator (driven here), a RealClock for a real cluster. */
  readonly clock: Clock;
  readonly resolveVars: ResolveVars;
  readonly evaluateDuration: EvaluateDuration;
  /** `--var name=value`. */
  readonly vars?: ResolvedVars;
  /** `--seed`: passed to var resolution (`random` picks). */
  readonly seed?: number;
  /** Receives every journal event as it happens; an injection's intent is awaited before the fault is made. */
  readonly recorder?: RunRecorder;
  /** Progress for the terminal UI: phases, steps started and ended, expectations decided, journal events. */
  readonly onProgress?: ProgressListener;
  /** Aborting it interrupts the run: the step stops, the rollback runs, exit 130 (the CLI wires SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** Poll interval of a polled target, overriding the runbook's `settings.observe` (the CLI decides which wins). */
  readonly observeMs?: number;
  /** `--speed N`: pace a virtual clock at N times real time (default: as fast as possible). */
  readonly speed?: number;
  readonly targetPath?: string;
  readonly drillVersion?: string;
  readonly runId?: string;
}

/** Runs a drill to its verdict and returns its journal (verdict, exit status and reason included). */
export async function runDrill(input: RunDrillInput): Promise<RunJournal> {
  const { clock } = input;
  const work = runOnClock(input);
  // A virtual clock only moves when driven; the interrupt signal must not stop it, or the rollback could not run.
  return clock instanceof VirtualClock ? clock.run(work, input.speed === undefined ? {} : { speed: input.speed }) : work;
}

/** The run itself, on whatever clock: machine, actors and journal wired together. */
async function runOnClock(input: RunDrillInput): Promise<RunJournal> {
  const { clock, target, runbook } = input;
  const hold = clock instanceof VirtualClock ? <T>(work: Promise<T>) => clock.hold(work) : undefined;
  const log = new RunLog(input.recorder, input.onProgress, hold);
  const startedAt = clock.wallTime();
  const start = clock.now();
  const actors = createRunActors({ target, clock, log, resolveVars: input.resolveVars, evaluateDuration: input.evaluateDuration });
  const actor = createActor(runMachine.provide({ actors }), {
    input: {
      runbook,
      overrides: input.vars ?? {},
      seed: input.seed ?? 1,
      log,
      pushed: typeof target.watch === 'function',
      ...(input.observeMs === undefined ? {} : { observeMs: input.observeMs }),
    },
    clock,
  });
  const onAbort = () => actor.send({ type: 'INTERRUPT' });
  input.signal?.addEventListener('abort', onAbort);
  let outcome: RunOutcome;
  try {
    actor.start();
    if (input.signal?.aborted) onAbort();
    outcome = await toPromise(actor);
  } catch (e) {
    await emergencyUndo(actor.getSnapshot().context.faults, input, log);
    throw new DrillError('internal', `the engine failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
    actor.stop();
  }
  await log.flush();
  return buildJournal(input, outcome, log, startedAt, start);
}

/** Last resort when the engine itself broke: undo what may be in effect, newest first, once each. */
async function emergencyUndo(faults: readonly Undo[], input: RunDrillInput, log: RunLog): Promise<void> {
  for (const undo of [...faults].reverse()) {
    try {
      const r = await input.target.undo(undo);
      log.append({ at: input.clock.now(), kind: 'undo', undo, ok: r.ok, text: `emergency ${describeUndo(undo)}: ${r.ok ? r.value.message : r.error.message}` });
    } catch (e) {
      log.append({ at: input.clock.now(), kind: 'undo', undo, ok: false, text: `emergency ${describeUndo(undo)} failed: ${String(e)}` });
    }
  }
  await log.flush();
}


/** The journal of a finished run: its records, every event, and the target it ran against. */
function buildJournal(input: RunDrillInput, outcome: RunOutcome, log: RunLog, startedAt: string, start: number): RunJournal {
  const { runbook, target, clock } = input;
  const inventory = outcome.inventory;
  const end = Math.max(clock.now(), outcome.endedAt);
  return {
    schemaVersion: journalSchemaVersion,
    drillVersion: input.drillVersion ?? '0.0.0',
    runId: input.runId ?? `${runbook.name}-${startedAt.replace(/[-:.]/g, '')}`,
    runbook: {
      name: runbook.name,
      path: runbook.source.path,
      sha256: runbook.source.sha256,
      ...(runbook.description === undefined ? {} : { description: runbook.description }),
    },
    target: {
      name: target.name,
      driver: target.driver,
      path: input.targetPath ?? '',
      cluster: inventory?.cluster ?? unreadClusterSettings(target.name),
      nodes: inventory?.nodes.map((n) => n.name) ?? [],
      vmCount: inventory?.vms.length ?? 0,
      vms: inventory?.vms.map((v) => ({ name: v.name, owner: v.owner, storage: v.storage, resilient: v.resilient })) ?? [],
    },
    seed: input.seed ?? null,
    startedAt,
    endedAt: clock.wallTime(),
    clock: { start, end, virtual: clock instanceof VirtualClock },
    vars: outcome.plan?.vars ?? {},
    steadyState: { before: outcome.steadyBefore, after: outcome.steadyAfter },
    steps: outcome.steps,
    rollback: outcome.rollback,
    events: log.events,
    verdict: outcome.verdict,
    exitStatus: outcome.exitStatus,
    reason: outcome.reason,
  };
}
