import { describe, expect, it } from 'vitest';
import { failed } from '../../src/errors/drill-error.js';
import { refuseDegradedStart } from '../../src/safety/degraded-start.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import { createSimulatedTarget } from '../../src/targets/simulated/simulated-target.js';
import type { Target } from '../../src/targets/target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

describe('the degraded-start guard', () => {
  it('passes a healthy cluster', async () => {
    const target = createSimulatedTarget(defaultSimulatedConfig(), new VirtualClock());
    await expect(refuseDegradedStart(target, { allowDegradedStart: false })).resolves.toBeUndefined();
  });

  it('refuses (exit 3) while a node is isolated, naming it; allowDegradedStart lets it through', async () => {
    const clock = new VirtualClock();
    const target = createSimulatedTarget(defaultSimulatedConfig(), clock);
    await target.inject({ fault: 'crash-cluster-service', node: 'HV03' });
    await clock.run(clock.sleep(15_000));
    await expect(refuseDegradedStart(target, { allowDegradedStart: false })).rejects.toMatchObject({
      code: 'preflight-failed',
      exitStatus: 3,
      message: expect.stringContaining('HV03 is Down, isolated'),
    });
    await expect(refuseDegradedStart(target, { allowDegradedStart: true })).resolves.toBeUndefined();
  });

  it('leaves a target it cannot observe to the engine', async () => {
    const blind = { observe: async () => failed({ code: 'unreachable', message: 'no route', retryable: true }) } as unknown as Target;
    await expect(refuseDegradedStart(blind, { allowDegradedStart: false })).resolves.toBeUndefined();
  });
});
