// The engine's public API: run a drill, plan one (dry run), and the shapes they return.
//
//   const clock = new VirtualClock();                        // RealClock for a real cluster
//   const target = createSimulatedTarget(config, clock, { seed });
//   const journal = await runDrill({ runbook, target, clock, resolveVars, evaluateDuration,
//     vars, seed, recorder, onProgress, signal, speed });   // drives a VirtualClock itself
//   process.exitCode = journal.exitStatus;                   // 0 pass, 1 fail, 2 invalid, 3 inconclusive, 130
//
//   const plan = planDrill({ runbook, inventory, resolveVars, evaluateDuration, overrides: vars, seed });
//   describePlan(plan).forEach((line) => console.log(line)); // --dry-run
export { runDrill, type RunDrillInput } from './run-drill.js';
export { planDrill, type PlanInput, type ResolveVars, type EvaluateDuration } from './plan.js';
export { describePlan } from './describe-plan.js';
export type { DrillPlan, PlannedStep, PlannedExpectation, PlannedAct, PlannedWindow, PlannedSubject } from './plan-model.js';
export { RunLog, type RunRecorder, type ProgressEvent, type ProgressListener, type RunPhase } from './run-log.js';
export { exitStatusOf } from './verdict.js';
export { describeFault, describeAction, describeUndo } from './describe.js';
export { runMachine } from './run-machine.js';
export type { RunOutcome, RunEvent } from './run-context.js';
export { stepMachine } from './step-machine.js';
export type * from './journal.js';
