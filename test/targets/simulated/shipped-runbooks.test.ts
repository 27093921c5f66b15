// The shipped runbooks (the CI gate) against the simulator, from the simulator's side: every one passes
// on the healthy cluster (with and without jitter), and each bug profile fails exactly the runbooks that
// cover the behaviour it breaks and no other (test/engine/shipped-runbooks.test.ts checks the engine's side).
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../../src/engine/run-drill.js';
import { evaluateDuration } from '../../../src/runbook/duration.js';
import { loadRunbook } from '../../../src/runbook/load-runbook.js';
import { loadTargetFile } from '../../../src/runbook/load-target-file.js';
import { resolveVars } from '../../../src/runbook/resolve-vars.js';
import { createSimulatedTarget } from '../../../src/targets/simulated/simulated-target.js';
import type { BugProfile } from '../../../src/targets/target-config.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';

/** Runbooks each bug must fail; every other runbook must still pass with that bug. */
const failsWith: Record<BugProfile, readonly string[]> = {
  'quarantine-skips-drain': ['quarantine-drain-clear'],
  'drain-restarts-vms': ['clean-stop-drains', 'drain-resume-failback', 'quarantine-drain-clear'],
  'no-isolation': [
    'isolation-recovery',
    'isolations-spread-over-hours',
    'nic-team',
    'partition',
    'period-expiry-failover',
    'power-loss',
    'quarantine-cap',
    'quarantine-drain-clear',
  ],
  'frozen-after-isolation': ['isolation-recovery', 'partition'],
  'quarantine-never-clears': ['quarantine-cap', 'quarantine-drain-clear'],
};

const runbooks = readdirSync('runbooks').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));

/** Runs one shipped runbook on its simulated target with the given bugs; returns the verdict and failures. */
async function run(name: string, bugs: readonly BugProfile[], jitter?: { jitter: number; seed: number }): Promise<{ verdict: string; failed: string[] }> {
  const rb = await loadRunbook(`runbooks/${name}.yaml`);
  if (!rb.ok) throw new Error(JSON.stringify(rb.diagnostics));
  const loaded = await loadTargetFile(name === 'resiliency-disabled' ? 'targets/simulated-resiliency-disabled.yaml' : 'targets/simulated.yaml');
  if (!loaded.ok || loaded.target.config.driver !== 'simulated') throw new Error(`target of ${name}`);
  const clock = new VirtualClock();
  const base = loaded.target.config;
  const config = jitter ? { ...base, bugs, behaviour: { ...base.behaviour, jitter: jitter.jitter } } : { ...base, bugs };
  const target = createSimulatedTarget(config, clock, jitter ? { seed: jitter.seed } : {});
  const journal = await runDrill({
    runbook: rb.runbook,
    target,
    clock,
    resolveVars,
    evaluateDuration,
  });
  await target.close();
  const failed = journal.steps.flatMap((s) => s.expectations.filter((e) => e.verdict === 'fail').map((e) => `${s.name}: ${e.text}`));
  return { verdict: journal.verdict, failed };
}

describe('shipped runbooks on the simulator', () => {
  for (const name of runbooks) {
    it(`${name} passes on the healthy cluster`, async () => {
      expect(await run(name, [])).toEqual({ verdict: 'pass', failed: [] });
    });
  }
  it('all pass on the healthy cluster with 10 % jitter, for several seeds', async () => {
    for (const seed of [1, 2, 3]) {
      for (const name of runbooks) expect(await run(name, [], { jitter: 0.1, seed }), `${name} seed ${seed}`).toEqual({ verdict: 'pass', failed: [] });
    }
  });
  for (const [bug, failing] of Object.entries(failsWith) as [BugProfile, readonly string[]][]) {
    it(`bug ${bug} fails ${failing.join(', ')} and nothing else`, async () => {
      for (const name of runbooks) {
        const result = await run(name, [bug]);
        if (failing.includes(name)) {
          expect(result.verdict, name).toBe('fail');
        } else expect(result, name).toEqual({ verdict: 'pass', failed: [] });
      }
    });
  }
});
