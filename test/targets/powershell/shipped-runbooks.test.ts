// The shipped runbooks pass through the PowerShell target on the fake pwsh, on the cluster each runbook
// names (its `--target` comment, else the default simulated cluster). Runbooks that need simulator-only
// faults are refused for a PowerShell target at validation, as the contract says.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../../src/engine/run-drill.js';
import type { EvaluateDuration, ResolveVars } from '../../../src/engine/plan.js';
import { checkRunbookAgainstTarget } from '../../../src/runbook/check-against-target.js';
import { evaluateDuration } from '../../../src/runbook/duration.js';
import { loadRunbook } from '../../../src/runbook/load-runbook.js';
import { loadTargetFile } from '../../../src/runbook/load-target-file.js';
import { resolveVars } from '../../../src/runbook/resolve-vars.js';
import { createPowerShellTarget } from '../../../src/targets/powershell/powershell-target.js';
import { VirtualClock } from '../../../src/time/virtual-clock.js';
import { fakeTargetConfig, requireBuiltSimulator, scratch } from './fake-pwsh.js';

const root = join(import.meta.dirname, '..', '..', '..');
const runbookFiles = readdirSync(join(root, 'runbooks')).filter((f) => f.endsWith('.yaml')).sort();
const simulatorOnly = ['power-loss.yaml', 'storage-loss.yaml', 'vm-freeze.yaml'];

const resolve: ResolveVars = resolveVars;
const evaluate: EvaluateDuration = evaluateDuration;

/** The simulated cluster a runbook is meant for: the target its header names, else the default. */
function targetFileOf(runbookText: string): string {
  const named = /--target (targets\/[\w.-]+\.yaml)/.exec(runbookText)?.[1];
  return join(root, named ?? 'targets/simulated.yaml');
}

describe('shipped runbooks through the PowerShell target (fake pwsh)', () => {
  it('refuses exactly the runbooks that need simulator-only faults', async () => {
    const refused: string[] = [];
    for (const file of runbookFiles) {
      const loaded = await loadRunbook(join(root, 'runbooks', file));
      if (!loaded.ok) throw new Error(`${file}: ${JSON.stringify(loaded.diagnostics)}`);
      const problems = checkRunbookAgainstTarget(loaded.runbook, fakeTargetConfig());
      if (problems.some((p) => p.code === 'unsupported-fault')) refused.push(file);
    }
    expect(refused).toEqual(simulatorOnly);
  });

  /** Runs one shipped runbook through the fake pwsh on its cluster, with `bugs` reproduced there. */
  async function runThroughFake(file: string, bugs: readonly string[] = [], fakeEnv: Record<string, string> = {}) {
    requireBuiltSimulator();
    const path = join(root, 'runbooks', file);
    const loaded = await loadRunbook(path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.diagnostics));
    const simTarget = await loadTargetFile(targetFileOf(readFileSync(path, 'utf8')));
    if (!simTarget.ok || simTarget.target.config.driver !== 'simulated') throw new Error("the runbook's simulated target did not load");
    const configFile = join(scratch(), 'cluster.json');
    writeFileSync(configFile, JSON.stringify({ ...simTarget.target.config, bugs }));
    const clock = new VirtualClock();
    const target = createPowerShellTarget(fakeTargetConfig(), clock, { env: { FAKE_PWSH_CONFIG: configFile, ...fakeEnv }, forceKillAfterMs: 1_000 });
    try {
      return await runDrill({ runbook: loaded.runbook, target, clock, resolveVars: resolve, evaluateDuration: evaluate });
    } finally {
      await target.close();
    }
  }

  for (const file of runbookFiles.filter((f) => !simulatorOnly.includes(f))) {
    it(`${file} passes`, async () => {
      const journal = await runThroughFake(file);
      const failedOnes = journal.steps.flatMap((s) => s.expectations).filter((e) => e.verdict !== 'pass' && e.verdict !== 'skipped');
      expect(failedOnes.map((e) => `${e.text}: ${e.verdict} (${e.reason})`)).toEqual([]);
      expect(journal.verdict).toBe('pass');
    });
  }

  it('quarantine-drain-clear.yaml fails on a cluster whose quarantine skips the drain', async () => {
    const journal = await runThroughFake('quarantine-drain-clear.yaml', ['quarantine-skips-drain']);
    expect(journal.verdict).toBe('fail');
    expect(journal.exitStatus).toBe(1);
  });

  it('pwsh crashing mid-run: the gap is in the journal, the agent restarts once and the rollback runs', async () => {
    const dir = scratch();
    const starts = join(dir, 'starts');
    const env = { FAKE_PWSH_CRASH_AFTER: '12', FAKE_PWSH_STARTS_FILE: starts, FAKE_PWSH_STATE_FILE: join(dir, 'cluster-state.json') };
    const journal = await runThroughFake('partition.yaml', [], env);
    expect(readFileSync(starts, 'utf8').trim().split('\n')).toHaveLength(2);
    // The engine journals a gap when it opens (until: null) and again when observation resumes.
    const allGaps = journal.events.filter((e) => e.kind === 'observation-gap');
    const gaps = allGaps.filter((e) => e.until === null);
    expect(gaps).toHaveLength(1);
    expect(allGaps.some((e) => e.until !== null && e.at === gaps[0]!.at)).toBe(true);
    expect(gaps[0]!.text).toMatch(/crashed: the PowerShell agent exited with code 70/);
    const undos = journal.events.filter((e) => e.kind === 'undo');
    expect(undos.length).toBeGreaterThan(0);
    expect(undos.every((e) => e.kind === 'undo' && e.ok)).toBe(true);
    expect(['pass', 'inconclusive']).toContain(journal.verdict);
  });
});
