// Opens the Target a loaded target file describes: the simulated cluster in this process, or the
// PowerShell agent that reaches a real one. `drill run` and `drill cleanup` both open targets here.
import type { Clock } from '../time/clock.js';
import { createPowerShellTarget } from './powershell/index.js';
import { createSimulatedTarget } from './simulated/simulated-target.js';
import type { LoadedTarget } from './target-config.js';
import type { Target } from './target.js';

export interface OpenTargetOptions {
  readonly clock: Clock;
  /** `--seed`: overrides a simulated target's seed. */
  readonly seed?: number;
}

export async function openTarget(loaded: LoadedTarget, options: OpenTargetOptions): Promise<Target> {
  const { config } = loaded;
  switch (config.driver) {
    case 'simulated':
      return createSimulatedTarget(config, options.clock, options.seed === undefined ? {} : { seed: options.seed });
    case 'powershell':
      return createPowerShellTarget(config, options.clock);
  }
}
