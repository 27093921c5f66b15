// planDrill and describePlan: what `--dry-run` shows (vars picked, faults with undo, windows).
import { describe, expect as want, it } from 'vitest';
import { describePlan } from '../../src/engine/describe-plan.js';
import { planDrill } from '../../src/engine/plan.js';
import { DrillError } from '../../src/errors/drill-error.js';
import { drill, fake } from './drill-harness.js';
import {
  at,
  becomes,
  between,
  drained,
  every,
  evaluateDuration,
  expect,
  injectStep,
  node,
  resolveVars,
  rollbackDo,
  runbook,
  s,
  subjects,
  victimVar,
  within,
} from './runbook-builders.js';
import type { Duration } from '../../src/runbook/model.js';

const heartbeatTimeoutTimes2: Duration = {
  text: '2 * cluster.heartbeatTimeout',
  expr: { kind: 'binary', op: '*', left: { kind: 'number', value: 2 }, right: { kind: 'setting', name: 'heartbeatTimeout' } },
  at,
};

const rb = runbook({
  vars: [victimVar('victim', 'most-vms')],
  steps: [
    injectStep({ fault: 'partition-node', node: node('$victim'), for: s(60) }, {
      name: 'partition',
      repeat: 2,
      expect: [
        expect(subjects.node('$victim'), becomes(every('node', 'Isolated')), within(heartbeatTimeoutTimes2)),
        expect(subjects.vmsOn('$victim', { storage: 'csv' }), drained('any'), between(s(240), s(360))),
      ],
    }),
  ],
  rollback: [rollbackDo({ action: 'restore' })],
});

describe('planDrill', () => {
  const t = fake({ vms: [{ name: 'A', owner: 'HV02' }, { name: 'B', owner: 'HV02', storage: 'smb' }, { name: 'C', owner: 'HV01' }] });
  const plan = planDrill({ runbook: rb, inventory: t.inventoryValue, resolveVars, evaluateDuration });

  it('resolves vars, faults with their undo, subjects and windows against the inventory and its settings', () => {
    want(plan.vars).toEqual({ victim: 'HV02' });
    const step = plan.steps[0]!;
    want(step.act).toEqual({
      kind: 'inject',
      fault: { fault: 'partition-node', node: 'HV02', forMs: 60_000 },
      undo: { undo: 'lift-partition', node: 'HV02' },
      text: 'partition-node on HV02 for 1m',
    });
    want(step.expectations[0]!.window).toMatchObject({ minMs: null, maxMs: 20_000 });
    want(step.expectations[1]!.window).toMatchObject({ minMs: 240_000, maxMs: 360_000 });
    want(step.expectations[1]!.subject).toEqual({ kind: 'vm', set: 'ownedBy', node: 'HV02', eligible: ['A', 'C'], text: 'vms on HV02 (csv)' });
    want(plan.settings).toEqual({ observeMs: 2000, settleMs: 300_000, onFailure: 'stop' });
  });

  it('describes the plan for a dry run', () => {
    const lines = describePlan(plan);
    want(lines).toContain('vars: $victim = HV02');
    want(lines).toContain('  1. partition (x2)');
    want(lines).toContain('     partition-node on HV02 for 1m (undo: lift-partition on HV02)');
    want(lines.some((l) => l.includes('window [+4m, +6m]'))).toBe(true);
    want(lines.some((l) => l.includes('window [+0s, +20s]'))).toBe(true);
    want(lines).toContain('  - then the undo of every fault still in effect, newest first');
  });

  it('reports a name missing from the inventory as invalid input, with its place in the file', () => {
    try {
      planDrill({ runbook: rb, inventory: t.inventoryValue, resolveVars, evaluateDuration, overrides: { victim: 'HV09' } });
      throw new Error('planned');
    } catch (e) {
      want(e).toBeInstanceOf(DrillError);
      want((e as DrillError).code).toBe('invalid-input');
      want((e as DrillError).diagnostics[0]).toMatchObject({ file: 'test.yaml', line: 1, code: 'unknown-node' });
    }
  });

  it('a run with invalid input exits 2 before anything is injected', async () => {
    const target = fake();
    const j = await drill(target, rb, { vars: { victim: 'HV09' } });
    want([j.verdict, j.exitStatus]).toEqual(['invalid', 2]);
    want(j.reason).toContain("node 'HV09' is not in the target's inventory");
    want(target.injected).toEqual([]);
  });
});
