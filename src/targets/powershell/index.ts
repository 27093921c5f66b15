// The PowerShell target's public surface.
export { createPowerShellTarget, type PowerShellTarget, type PowerShellTargetOptions } from './powershell-target.js';
export { AgentClusterLock, readLockAnswer, type LockAnswer, type LockArguments } from './agent-cluster-lock.js';
export { planPowerShell, planPowerShellSteps, type PowerShellPlan } from './plan.js';
export { stepOf, stepScripts, type PowerShellStep } from './step-scripts.js';
export { agentScriptPath, agentDirectory } from './agent-location.js';
