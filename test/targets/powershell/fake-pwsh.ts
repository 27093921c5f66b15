// Test helper: a PowerShell target whose `pwsh` is the fake in test/fixtures/fake-pwsh (backed by the
// simulator in dist/: `npm run build` first).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../../src/time/clock.js';
import type { PowerShellTargetConfig } from '../../../src/targets/target-config.js';
import { createPowerShellTarget, type PowerShellTargetOptions } from '../../../src/targets/powershell/powershell-target.js';

export const fakePwshPath = fileURLToPath(new URL('../../fixtures/fake-pwsh/pwsh', import.meta.url));
const distSimulator = fileURLToPath(new URL('../../../dist/targets/simulated/simulated-target.js', import.meta.url));

/** Fails early with the fix when the simulator has not been built into dist/. */
export function requireBuiltSimulator(): void {
  if (!existsSync(distSimulator)) throw new Error('the fake pwsh runs the simulator from dist/: run `npm run build` first');
}

/** A lab target file as the loader would hand it over, pointing at the fake pwsh. */
export function fakeTargetConfig(overrides: Partial<PowerShellTargetConfig> = {}): PowerShellTargetConfig {
  return {
    driver: 'powershell',
    name: 'lab-fake',
    cluster: 'hvc01.lab.example.com',
    nodes: undefined,
    lab: true,
    transport: { kind: 'winrm' },
    credential: undefined,
    pwsh: fakePwshPath,
    observeMs: 2_000,
    ...overrides,
  };
}

/** A scratch directory for a test's starts file and request log. */
export const scratch = (): string => mkdtempSync(join(tmpdir(), 'drill-fake-pwsh-'));

/** A PowerShell target over the fake, with the fake's fault modes in `env`. */
export function fakeTarget(
  clock: Clock,
  env: Record<string, string> = {},
  options: Omit<PowerShellTargetOptions, 'env'> = {},
  overrides: Partial<PowerShellTargetConfig> = {},
) {
  requireBuiltSimulator();
  return createPowerShellTarget(fakeTargetConfig(overrides), clock, { forceKillAfterMs: 1_000, ...options, env });
}
