// Which parameterised script block each fault, action and undo runs, where, and with which arguments.
// The script text lives in agent/steps/<script>.ps1: the agent runs exactly that file's text, and the
// dry run prints exactly that text, so what is shown is what runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TargetFailure } from '../../errors/drill-error.js';
import type { Action, Fault, Undo } from '../target.js';
import { agentDirectory } from './agent-location.js';

/** Every script of agent/steps/; the agent accepts no other name. */
export const stepScripts = [
  'crash-cluster-service',
  'stop-cluster-service',
  'partition-node',
  'lift-partition',
  'fail-nic',
  'enable-nic',
  'start-cluster-service',
  'clear-quarantine',
  'drain-node',
  'resume-node',
  'move-vm',
] as const;
export type StepScript = (typeof stepScripts)[number];

/**
 * One step as the agent runs it. `runOn: 'node'` runs on `node` itself (the service, firewall and NICs
 * are local there); `runOn: 'cluster'` runs on a coordinator: a connected node, other than `node` when
 * possible, whose cluster service answers. Either way the cmdlets run locally under Invoke-Command:
 * no second hop, no CredSSP.
 */
export interface PowerShellStep {
  readonly kind: 'inject' | 'act' | 'undo';
  /** The contract's name of the fault, action or undo. */
  readonly name: string;
  readonly script: StepScript;
  readonly runOn: 'node' | 'cluster';
  readonly node: string;
  /** Bound in this order to the script's param() block (JSON data, never source). */
  readonly arguments: Readonly<Record<string, string | number>>;
}

export type StepInput = Fault | Action | Undo;

// Data from outside TypeScript (a journal replayed by cleanup) may name what no type allows.
const unknownStep = (what: string, name: unknown): TargetFailure => ({
  code: 'unknown-name',
  message: `unknown ${what} ${JSON.stringify(name)}`,
  retryable: false,
});

const refuse = (name: string): TargetFailure => ({
  code: 'refused',
  message: `${name} is simulator only: a PowerShell target cannot run it`,
  retryable: false,
});

/** The step for a fault. */
export function faultStep(f: Fault): PowerShellStep | TargetFailure {
  const base = { kind: 'inject' as const, name: f.fault };
  switch (f.fault) {
    case 'crash-cluster-service':
      return { ...base, script: 'crash-cluster-service', runOn: 'node', node: f.node, arguments: { Node: f.node } };
    case 'stop-cluster-service':
      return { ...base, script: 'stop-cluster-service', runOn: 'node', node: f.node, arguments: { Node: f.node } };
    case 'partition-node':
      return { ...base, script: 'partition-node', runOn: 'node', node: f.node, arguments: { Node: f.node, ForMs: Math.round(f.forMs) } };
    case 'fail-nic':
      return {
        ...base,
        script: 'fail-nic',
        runOn: 'node',
        node: f.node,
        arguments: { Node: f.node, Nic: f.nic, ForMs: Math.round(f.forMs ?? 0) },
      };
    case 'power-off-node':
    case 'lose-storage':
    case 'freeze-vm':
      return refuse(f.fault);
    default:
      return unknownStep('fault', (f as { fault: unknown }).fault);
  }
}

/** The step for an action; `restore` is the engine's (it undoes faults), never a target call. */
export function actionStep(a: Action): PowerShellStep | TargetFailure {
  const base = { kind: 'act' as const, name: a.action };
  switch (a.action) {
    case 'clear-quarantine':
      return { ...base, script: 'clear-quarantine', runOn: 'node', node: a.node, arguments: { Node: a.node } };
    case 'start-cluster-service':
      return { ...base, script: 'start-cluster-service', runOn: 'node', node: a.node, arguments: { Node: a.node } };
    case 'drain-node':
      return { ...base, script: 'drain-node', runOn: 'cluster', node: a.node, arguments: { Node: a.node } };
    case 'resume-node':
      return {
        ...base,
        script: 'resume-node',
        runOn: 'cluster',
        node: a.node,
        arguments: { Node: a.node, Failback: a.failback === 'immediate' ? 'Immediate' : 'None' },
      };
    case 'move-vm':
      return {
        ...base,
        script: 'move-vm',
        runOn: 'cluster',
        node: a.to,
        arguments: { Vm: a.vm, To: a.to, MigrationType: a.type === 'live' ? 'Live' : 'Quick' },
      };
    case 'power-on-node':
      return refuse(a.action);
    default:
      return unknownStep('action', (a as { action: unknown }).action);
  }
}

/** The step for an undo. */
export function undoStep(u: Undo): PowerShellStep | TargetFailure {
  const base = { kind: 'undo' as const, name: u.undo };
  switch (u.undo) {
    case 'start-cluster-service':
      return { ...base, script: 'start-cluster-service', runOn: 'node', node: u.node, arguments: { Node: u.node } };
    case 'lift-partition':
      return { ...base, script: 'lift-partition', runOn: 'node', node: u.node, arguments: { Node: u.node } };
    case 'enable-nic':
      return { ...base, script: 'enable-nic', runOn: 'node', node: u.node, arguments: { Node: u.node, Nic: u.nic } };
    case 'power-on-node':
    case 'restore-storage':
    case 'thaw-vm':
      return refuse(u.undo);
    default:
      return unknownStep('undo', (u as { undo: unknown }).undo);
  }
}

/** The step for any fault, action or undo. */
export function stepOf(input: StepInput): PowerShellStep | TargetFailure {
  if ('fault' in input) return faultStep(input);
  if ('action' in input) return actionStep(input);
  return undoStep(input);
}

export const isStep = (v: PowerShellStep | TargetFailure): v is PowerShellStep => 'script' in v;

const scriptCache = new Map<StepScript, string>();

/** The text of a step's script block, as the agent loads it. */
export function stepScriptText(script: StepScript): string {
  let text = scriptCache.get(script);
  if (text === undefined) {
    text = readFileSync(join(agentDirectory(), 'steps', `${script}.ps1`), 'utf8');
    scriptCache.set(script, text);
  }
  return text;
}

/** What the agent's request params for a step look like (`inject`, `act` and `undo` all carry this). */
export const stepParams = (step: PowerShellStep): Record<string, unknown> => ({
  step: step.script,
  runOn: step.runOn,
  node: step.node,
  arguments: step.arguments,
});
