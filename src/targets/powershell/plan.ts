// `--dry-run` on a PowerShell target: the exact PowerShell each step would run, as the script block the
// agent loads plus the JSON arguments it binds to the block's param() — never values spliced into code.
import { isStep, stepOf, stepScriptText, type PowerShellStep, type StepInput } from './step-scripts.js';

export type PowerShellPlan =
  | { readonly ok: true; readonly step: PowerShellStep; readonly text: string }
  | { readonly ok: false; readonly message: string };

/** Where a step runs, in words, for the plan's header comment. */
const where = (step: PowerShellStep): string =>
  step.runOn === 'node'
    ? `on node ${step.node} itself`
    : `on a coordinator node of the cluster (a connected node other than ${step.node} whose cluster service answers)`;

/**
 * The dry-run text of one step: comments saying what and where, the JSON arguments, then the
 * Invoke-Command the agent issues with the step's script block inline. The whole text is valid PowerShell.
 */
export function planPowerShell(input: StepInput): PowerShellPlan {
  const step = stepOf(input);
  if (!isStep(step)) return { ok: false, message: step.message };
  const argumentsJson = JSON.stringify(step.arguments);
  const body = stepScriptText(step.script).trimEnd();
  const text = [
    `# ${step.kind} ${step.name}: runs ${where(step)} through Invoke-Command (no CredSSP, no second hop)`,
    `# arguments (JSON data, bound in order to the param() block): ${argumentsJson}`,
    `Invoke-Command -Session $session -ArgumentList $arguments -ScriptBlock {`,
    body,
    `}`,
    '',
  ].join('\n');
  return { ok: true, step, text };
}

/**
 * The dry-run text of several steps (e.g. each fault of a runbook with its undo, and each action), in
 * order, separated by blank lines. A step the target cannot run shows as a comment saying why.
 */
export function planPowerShellSteps(inputs: readonly StepInput[]): string {
  return inputs
    .map((input) => {
      const plan = planPowerShell(input);
      return plan.ok ? plan.text : `# refused: ${plan.message}\n`;
    })
    .join('\n');
}
