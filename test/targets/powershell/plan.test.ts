// The dry-run text of every fault, action and undo a PowerShell target can run is valid PowerShell,
// shows the step's script block and its JSON arguments, and never splices a value into code.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { faultCatalogue, actionCatalogue } from '../../../src/targets/catalogue.js';
import { loadTargetFile } from '../../../src/runbook/load-target-file.js';
import { undoOf } from '../../../src/targets/target.js';
import { planPowerShell, planPowerShellSteps } from '../../../src/targets/powershell/plan.js';
import { stepScriptText } from '../../../src/targets/powershell/step-scripts.js';
import type { Action, Fault, Undo } from '../../../src/targets/target.js';
import { syntaxProblems } from './powershell-syntax.js';

const faults: Fault[] = [
  { fault: 'crash-cluster-service', node: 'HV01' },
  { fault: 'stop-cluster-service', node: 'HV02' },
  { fault: 'partition-node', node: 'HV03', forMs: 90_000 },
  { fault: 'fail-nic', node: 'HV04', nic: 'NIC3', forMs: 30_000 },
  { fault: 'fail-nic', node: 'HV04', nic: 'NIC3' },
];
const actions: Action[] = [
  { action: 'clear-quarantine', node: 'HV01' },
  { action: 'start-cluster-service', node: 'HV01' },
  { action: 'drain-node', node: 'HV02' },
  { action: 'resume-node', node: 'HV02', failback: 'immediate' },
  { action: 'resume-node', node: 'HV02', failback: 'none' },
  { action: 'move-vm', vm: 'VM0001', to: 'HV03', type: 'live' },
  { action: 'move-vm', vm: 'VM0001', to: 'HV03', type: 'quick' },
];
const undos: Undo[] = [
  { undo: 'start-cluster-service', node: 'HV01' },
  { undo: 'lift-partition', node: 'HV03' },
  { undo: 'enable-nic', node: 'HV04', nic: 'NIC3' },
];
const all = [...faults, ...actions, ...undos];

describe('planPowerShell', () => {
  it.each(all.map((s) => [JSON.stringify(s), s] as const))('%s prints parseable PowerShell', async (_name, step) => {
    const plan = planPowerShell(step);
    if (!plan.ok) throw new Error(plan.message);
    expect(await syntaxProblems(plan.text)).toEqual([]);
    expect(plan.text).toContain(stepScriptText(plan.step.script).trimEnd());
    expect(plan.text).toContain(`# arguments (JSON data, bound in order to the param() block): ${JSON.stringify(plan.step.arguments)}`);
    expect(plan.text).toContain('Invoke-Command -Session $session -ArgumentList $arguments -ScriptBlock {');
  });

  it('shows the cmdlet each step runs, with its switches', () => {
    const text = (s: Fault | Action | Undo) => {
      const plan = planPowerShell(s);
      return plan.ok ? plan.text : plan.message;
    };
    expect(text(faults[0]!)).toMatch(/Stop-Process -Name 'clussvc' -Force/);
    expect(text(faults[1]!)).toMatch(/Stop-ClusterNode -Name \$Node -Wait 0/);
    expect(text(faults[2]!)).toMatch(/-Protocol \$protocol -LocalPort 3343 -Action Block/);
    expect(text(faults[2]!)).toMatch(/Register-ScheduledTask -TaskName \$taskName/);
    expect(text(faults[3]!)).toMatch(/Disable-NetAdapter -Name \$Nic -Confirm:\$false/);
    expect(text(actions[0]!)).toMatch(/Start-ClusterNode -Name \$Node -ClearQuarantine/);
    expect(text(actions[2]!)).toMatch(/Suspend-ClusterNode -Name \$Node -Drain/);
    expect(text(actions[3]!)).toMatch(/Resume-ClusterNode -Name \$Node -Failback Immediate/);
    expect(text(actions[5]!)).toMatch(/Move-ClusterVirtualMachineRole -Name \$Vm -Node \$To -MigrationType \$MigrationType/);
    expect(text(undos[2]!)).toMatch(/Enable-NetAdapter -Name \$Nic/);
  });

  it('carries values as JSON arguments only: a hostile name appears in the JSON comment, not in code', async () => {
    const hostile = "HV01'; Remove-Item C:\\ -Recurse; '";
    const plan = planPowerShell({ fault: 'crash-cluster-service', node: hostile });
    if (!plan.ok) throw new Error(plan.message);
    const code = plan.text.split('\n').filter((l) => !l.startsWith('#'));
    expect(code.join('\n')).not.toContain('Remove-Item');
    expect(plan.step.arguments).toEqual({ Node: hostile });
    expect(await syntaxProblems(plan.text)).toEqual([]);
  });

  it('maps failback and migration type to the cmdlets’ values', () => {
    const resume = planPowerShell(actions[4]!);
    const quick = planPowerShell(actions[6]!);
    expect(resume.ok && resume.step.arguments).toEqual({ Node: 'HV02', Failback: 'None' });
    expect(quick.ok && quick.step.arguments).toEqual({ Vm: 'VM0001', To: 'HV03', MigrationType: 'Quick' });
    const nic = planPowerShell(faults[4]!);
    expect(nic.ok && nic.step.arguments).toEqual({ Node: 'HV04', Nic: 'NIC3', ForMs: 0 });
  });

  it('refuses simulator-only faults, actions and undos', () => {
    for (const s of [
      { fault: 'power-off-node', node: 'HV01' },
      { fault: 'lose-storage', node: 'HV01', forMs: 1 },
      { fault: 'freeze-vm', vm: 'VM0001', forMs: 1 },
      { action: 'power-on-node', node: 'HV01' },
      { undo: 'thaw-vm', vm: 'VM0001' },
    ] as (Fault | Action | Undo)[]) {
      const plan = planPowerShell(s);
      expect(plan.ok).toBe(false);
      if (!plan.ok) expect(plan.message).toMatch(/simulator only/);
    }
  });

  it('a dry run against targets/lab-example.yaml prints parseable PowerShell for every fault, its undo and every action', async () => {
    const loaded = await loadTargetFile(join(import.meta.dirname, '..', '..', '..', 'targets', 'lab-example.yaml'));
    if (!loaded.ok || loaded.target.config.driver !== 'powershell') throw new Error('targets/lab-example.yaml did not load as a PowerShell target');
    const [first, second] = loaded.target.config.nodes ?? [];
    if (!first || !second) throw new Error('lab-example.yaml names no nodes');
    const real = (drivers: readonly string[]) => drivers.includes('powershell');
    const planned: string[] = [];
    for (const [name, entry] of Object.entries(faultCatalogue)) {
      if (!real(entry.drivers)) continue;
      const fault = { fault: name, node: first, nic: 'NIC1', forMs: 60_000 } as Fault;
      for (const step of [fault, undoOf(fault)]) {
        const plan = planPowerShell(step);
        if (!plan.ok) throw new Error(plan.message);
        expect(await syntaxProblems(plan.text), plan.text).toEqual([]);
        planned.push(plan.step.script);
      }
    }
    for (const [name, entry] of Object.entries(actionCatalogue)) {
      if (!real(entry.drivers) || name === 'restore') continue;
      const plan = planPowerShell({ action: name, node: first, vm: 'VM0001', to: second, type: 'live', failback: 'immediate' } as Action);
      if (!plan.ok) throw new Error(plan.message);
      expect(await syntaxProblems(plan.text), plan.text).toEqual([]);
      planned.push(plan.step.script);
    }
    expect(new Set(planned).size).toBe(11);
  });

  it('prints several steps as one parseable text, a refused one as a comment', async () => {
    const text = planPowerShellSteps([faults[2]!, undoOf(faults[2]!), { fault: 'power-off-node', node: 'HV01' }, actions[0]!]);
    expect(await syntaxProblems(text)).toEqual([]);
    expect(text).toContain('# inject partition-node: runs on node HV03 itself');
    expect(text).toContain('# undo lift-partition: runs on node HV03 itself');
    expect(text).toContain('# refused: power-off-node is simulator only: a PowerShell target cannot run it');
    expect(text.indexOf('# act clear-quarantine')).toBeGreaterThan(text.indexOf('# refused'));
  });
});
