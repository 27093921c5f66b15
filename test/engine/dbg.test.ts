import { it } from 'vitest';
import { drill, fake } from '/work/main/test/engine/drill-harness.js';
import { becomes, every, expect, injectStep, node, runbook, s, subjects, within } from '/work/main/test/engine/runbook-builders.js';
it('dbg', async () => {
    const t = fake();
    t.reaction = (fault, f) => {
      f.after(10_000, () => f.setNode('HV01', { state: 'Down', isolated: true }));
      f.after(60_000, () => f.setNode('HV01', { state: 'Up', isolated: false }));
    };
    const rb = runbook({ steps: [ injectStep({ fault: 'crash-cluster-service', node: node('HV01') }, { expect: [expect(subjects.node('HV01'), becomes(every('node', 'Isolated')), within(s(20)))] }) ] });
    const j = await drill(t, rb);
    console.log(JSON.stringify({steps: j.steps, verdict: j.verdict, reason: j.reason, events: j.events.map(e => `${e.at} ${e.kind} ${e.text}`)}, null, 1));
});
