// The step scripts and the TypeScript that calls them agree: arguments bind by position, so the JSON
// arguments of every step must list exactly the script's param() names, in order; values restricted by
// ValidateSet must be ones drill sends; the agent accepts exactly the shipped step names.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { agentDirectory } from '../../../src/targets/powershell/agent-location.js';
import { isStep, stepOf, stepScripts, stepScriptText, type PowerShellStep } from '../../../src/targets/powershell/step-scripts.js';
import type { Action, Fault, Undo } from '../../../src/targets/target.js';
import { parsePowerShell } from './powershell-syntax.js';

const inputs: (Fault | Action | Undo)[] = [
  { fault: 'crash-cluster-service', node: 'HV01' },
  { fault: 'stop-cluster-service', node: 'HV01' },
  { fault: 'partition-node', node: 'HV01', forMs: 1_000 },
  { fault: 'fail-nic', node: 'HV01', nic: 'NIC1', forMs: 1_000 },
  { action: 'clear-quarantine', node: 'HV01' },
  { action: 'start-cluster-service', node: 'HV01' },
  { action: 'drain-node', node: 'HV01' },
  { action: 'resume-node', node: 'HV01', failback: 'immediate' },
  { action: 'resume-node', node: 'HV01', failback: 'none' },
  { action: 'move-vm', vm: 'VM0001', to: 'HV02', type: 'live' },
  { action: 'move-vm', vm: 'VM0001', to: 'HV02', type: 'quick' },
  { undo: 'lift-partition', node: 'HV01' },
  { undo: 'enable-nic', node: 'HV01', nic: 'NIC1' },
  { undo: 'start-cluster-service', node: 'HV01' },
];
const steps: PowerShellStep[] = inputs.map(stepOf).filter(isStep);

interface Parameter {
  readonly name: string;
  readonly validateSet: readonly string[] | undefined;
}

// The script's param() block: names in order, with the values of a ValidateSet attribute if any.
async function parameters(script: string): Promise<Parameter[]> {
  const root = await parsePowerShell(script);
  const block = root.namedChildren.find((n): n is Node => n?.type === 'param_block');
  if (!block) throw new Error('no param() block');
  return block.descendantsOfType('script_parameter').filter((p): p is Node => p !== null).map((p) => {
    const name = p.namedChildren.find((c) => c?.type === 'variable')!.text.slice(1);
    const set = /ValidateSet\(([^)]*)\)/.exec(p.text)?.[1];
    return { name, validateSet: set === undefined ? undefined : [...set.matchAll(/'([^']*)'/g)].map((m) => m[1]!) };
  });
}

describe('step scripts and their callers', () => {
  it('every fault, action and undo of a real cluster has a step', () => {
    expect(steps.length).toBe(inputs.length);
    expect(new Set(steps.map((s) => s.script))).toEqual(new Set(stepScripts));
  });

  it.each(steps.map((s) => [`${s.kind} ${s.name} ${JSON.stringify(s.arguments)}`, s] as const))('%s binds its arguments in param() order', async (_n, step) => {
    const params = await parameters(stepScriptText(step.script));
    expect(params.map((p) => p.name)).toEqual(Object.keys(step.arguments));
    for (const p of params) {
      if (p.validateSet) expect(p.validateSet).toContain(step.arguments[p.name]);
    }
  });

  it('every step script answers {changed, message} on each path', () => {
    for (const script of stepScripts) {
      const text = stepScriptText(script);
      const returns = text.match(/^\s*return\b.*$/gm) ?? [];
      for (const r of returns) expect(r, script).toMatch(/return \[pscustomobject\]@\{ changed = \$false; message = "/);
      const lines = text.trimEnd().split('\n');
      expect(lines[lines.length - 1], script).toMatch(/^\[pscustomobject\]@\{ changed = \$true; message = "/);
    }
  });

  it('the agent accepts exactly the shipped step names, each with its file', () => {
    const agent = readFileSync(join(agentDirectory(), 'drill-agent.ps1'), 'utf8');
    const list = /\$StepNames = @\(([\s\S]*?)\)/.exec(agent)?.[1] ?? '';
    const names = [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect([...names].sort()).toEqual([...stepScripts].sort());
    const files = readdirSync(join(agentDirectory(), 'steps')).map((f) => f.replace(/\.ps1$/, ''));
    expect(files.sort()).toEqual([...stepScripts].sort());
  });
});
