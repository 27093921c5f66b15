// The PowerShell target's public surface.
export { createPowerShellTarget, type PowerShellTargetOptions } from './powershell-target.js';
export { planPowerShell, planPowerShellSteps, type PowerShellPlan } from './plan.js';
export { stepOf, stepScripts, type PowerShellStep } from './step-scripts.js';
export { agentScriptPath, agentDirectory } from './agent-location.js';
