// The resolved plan as plain lines, for `--dry-run`: which node each var picked, each fault and action
// with its parameters and undo, each expectation with its window from the step's start.
import { describeUndo } from './describe.js';
import { formatDuration } from './format-duration.js';
import type { DrillPlan, PlannedAct, PlannedWindow } from './plan-model.js';

/** A window as offsets from the step's start: `[+4m, +6m]`. */
const windowText = (w: PlannedWindow): string =>
  w.minMs === null ? `[+0s, +${formatDuration(w.maxMs)}]` : `[+${formatDuration(w.minMs)}, +${formatDuration(w.maxMs)}]`;

/** A step's act; an injection with its undo, so the operator sees how it will be taken back. */
const actText = (act: PlannedAct): string => (act.kind === 'inject' ? `${act.text} (undo: ${describeUndo(act.undo)})` : act.text);

/** Lines of the dry run, without colours (the CLI decorates them). */
export function describePlan(plan: DrillPlan): string[] {
  const lines: string[] = [`runbook ${plan.runbook} (seed ${plan.seed})`];
  const vars = Object.entries(plan.vars);
  lines.push(vars.length === 0 ? 'vars: none' : `vars: ${vars.map(([k, v]) => `$${k} = ${v}`).join(', ')}`);
  const { observeMs, settleMs, onFailure } = plan.settings;
  lines.push(`settings: observe ${formatDuration(observeMs)}, settle ${formatDuration(settleMs)}, onFailure ${onFailure}`);
  lines.push('steady state (before step 1, and again within settle after the rollback):');
  for (const c of plan.steadyState) lines.push(`  - ${c.subject.text} is ${c.condition.kind === 'every' ? c.condition.member.text : c.condition.text}`);
  lines.push('steps:');
  for (const step of plan.steps) {
    lines.push(`  ${step.index}. ${step.name}${step.repeat > 1 ? ` (x${step.repeat})` : ''}`);
    lines.push(`     ${actText(step.act)}`);
    for (const e of step.expectations) lines.push(`     expect ${e.text}: window ${windowText(e.window)} from the step's start`);
  }
  if (plan.abort.length > 0) {
    lines.push('stop conditions (from step 1 until the rollback):');
    for (const a of plan.abort) lines.push(`  - ${a.text}${a.forMs === null ? '' : ` for ${formatDuration(a.forMs)}`}`);
  }
  lines.push('rollback (always):');
  for (const r of plan.rollback) lines.push(`  - ${r.text}`);
  lines.push('  - then the undo of every fault still in effect, newest first');
  return lines;
}
