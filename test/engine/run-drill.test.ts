import { describe, expect as want, it } from 'vitest';
import { drill, fake, only } from './drill-harness.js';
import { becomes, every, expect, injectStep, node, runbook, s, subjects, within } from './runbook-builders.js';

describe('runDrill', () => {
  it('passes a becomes reached inside its window, rolls back and reaches steady state again', async () => {
    const t = fake();
    t.reaction = (fault, f) => {
      if (fault.fault !== 'crash-cluster-service') return;
      f.after(10_000, () => f.setNode('HV01', { state: 'Down', isolated: true }));
      f.after(60_000, () => f.setNode('HV01', { state: 'Up', isolated: false }));
    };
    const rb = runbook({
      steps: [
        injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, {
          expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(20)))],
        }),
      ],
    });
    const j = await drill(t, rb);
    const e = only(j);
    want(e.verdict).toBe('pass');
    want(e.firstTrueAt).toBe(10_000);
    want(e.lastFalseAt).toBe(0);
    want(t.undone).toEqual([{ undo: 'start-cluster-service', node: 'HV01' }]);
    want(j.verdict).toBe('pass');
    want(j.exitStatus).toBe(0);
    want(j.steadyState.after.every((r) => r.verdict === 'pass')).toBe(true);
  });
});
