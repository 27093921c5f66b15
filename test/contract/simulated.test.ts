// The target contract on the simulated cluster: the default cluster, and one with compute resiliency off.
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import { createSimulatedTarget } from '../../src/targets/simulated/simulated-target.js';
import type { SimulatedTargetConfig } from '../../src/targets/target-config.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';
import { describeTargetContract, type ContractHarness } from './target-contract.js';

/** A simulated cluster on a virtual clock; passing time fires its timers. */
const simulated = (config: SimulatedTargetConfig) => async (): Promise<ContractHarness> => {
  const clock = new VirtualClock();
  const target = createSimulatedTarget(config, clock);
  return { target, pass: async (ms) => clock.advanceTo(clock.now() + ms) };
};

describeTargetContract('simulated (default cluster)', simulated(defaultSimulatedConfig()));

const base = defaultSimulatedConfig();
describeTargetContract(
  'simulated (resiliency disabled, IsolateOnSpecialHeartbeat)',
  simulated({ ...base, cluster: { ...base.cluster, resiliencyDefaultPeriodMs: 0, resiliencyLevel: 'IsolateOnSpecialHeartbeat' } }),
);
