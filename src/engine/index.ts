// The engine's public API: run a drill, plan one (dry run), and the shapes they return.
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
