// The engine against the real simulated cluster: every shipped runbook passes on a healthy simulator,
// and each known regression makes a runbook that covers it fail (runDrill directly, without the CLI).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/engine/run-drill.js';
import type { RunJournal } from '../../src/engine/journal.js';
import { evaluateDuration } from '../../src/runbook/duration.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { loadTargetFile } from '../../src/runbook/load-target-file.js';
import { resolveVars } from '../../src/runbook/resolve-vars.js';
import { createSimulatedTarget } from '../../src/targets/simulated/simulated-target.js';
import type { SimulatedTargetConfig } from '../../src/targets/target-config.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

const runbooks = readdirSync('runbooks').filter((f) => f.endsWith('.yaml'));
const targetFor = (runbook: string) => (runbook === 'resiliency-disabled.yaml' ? 'targets/simulated-resiliency-disabled.yaml' : 'targets/simulated.yaml');

async function drillOnSimulator(runbook: string, bugs: string[] = []): Promise<RunJournal> {
  const loadedTarget = await loadTargetFile(targetFor(runbook));
  if (!loadedTarget.ok) throw new Error(JSON.stringify(loadedTarget.diagnostics));
  const loaded = await loadRunbook(`runbooks/${runbook}`);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
  const clock = new VirtualClock();
  const config = { ...(loadedTarget.target.config as SimulatedTargetConfig), bugs } as SimulatedTargetConfig;
  return runDrill({ runbook: loaded.runbook, target: createSimulatedTarget(config, clock), clock, resolveVars, evaluateDuration });
}

describe('shipped runbooks on the simulated cluster', () => {
  it.each(runbooks)('%s passes', async (runbook) => {
    const j = await drillOnSimulator(runbook);
    const notPassed = [...j.steps.flatMap((s) => s.expectations), ...j.steadyState.after].filter((e) => e.verdict !== 'pass');
    expect(notPassed.map((e) => `${e.id} ${e.text}: ${e.reason}`)).toEqual([]);
    expect([j.verdict, j.exitStatus]).toEqual(['pass', 0]);
  });

  const regressions: [string, string, RegExp][] = [
    ['quarantine-skips-drain', 'quarantine-drain-clear.yaml', /drained live/],
    ['drain-restarts-vms', 'clean-stop-drains.yaml', /drained live/],
    ['no-isolation', 'isolation-recovery.yaml', /becomes Isolated/],
    ['frozen-after-isolation', 'isolation-recovery.yaml', /heartbeat: Ok/],
    ['quarantine-never-clears', 'quarantine-drain-clear.yaml', /quarantined: false/],
  ];
  it.each(regressions)('bug %s fails %s on the expectation that names it', async (bug, runbook, failing) => {
    const j = await drillOnSimulator(runbook, [bug]);
    expect([j.verdict, j.exitStatus]).toEqual(['fail', 1]);
    const failed = j.steps.flatMap((s) => s.expectations).filter((e) => e.verdict === 'fail');
    expect(failed.some((e) => failing.test(e.text))).toBe(true);
  });
});
