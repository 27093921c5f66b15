import { describe, expect, it } from 'vitest';
import { failed } from '../../src/errors/drill-error.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import type { Runbook } from '../../src/runbook/model.js';
import { refuseAtTheDoor } from '../../src/safety/door-guards.js';
import { defaultSimulatedConfig } from '../../src/targets/simulated/default-config.js';
import { createSimulatedTarget } from '../../src/targets/simulated/simulated-target.js';
import type { Target } from '../../src/targets/target.js';
import { VirtualClock } from '../../src/time/virtual-clock.js';

const config = defaultSimulatedConfig();

async function isolationRunbook(settings: Partial<Runbook['settings']> = {}): Promise<Runbook> {
  const loaded = await loadRunbook('runbooks/isolation-recovery.yaml');
  if (!loaded.ok) throw new Error('shipped runbook does not load');
  return { ...loaded.runbook, settings: { ...loaded.runbook.settings, ...settings } };
}

/** The default cluster with HV03's cluster service crashed 15 s ago: Down and isolated. */
async function degradedCluster(): Promise<Target> {
  const clock = new VirtualClock();
  const target = createSimulatedTarget(config, clock);
  await target.inject({ fault: 'crash-cluster-service', node: 'HV03' });
  await clock.run(clock.sleep(15_000));
  return target;
}

describe('the guards at the door of a run', () => {
  it('let a healthy cluster through', async () => {
    const target = createSimulatedTarget(config, new VirtualClock());
    await expect(refuseAtTheDoor({ target, config, runbook: await isolationRunbook(), vars: {} })).resolves.toBeUndefined();
  });

  it('refuse (exit 3) while a node is not Up and Normal, naming it', async () => {
    await expect(refuseAtTheDoor({ target: await degradedCluster(), config, runbook: await isolationRunbook(), vars: {} })).rejects.toMatchObject({
      code: 'preflight-failed',
      exitStatus: 3,
      message: expect.stringContaining('HV03 is Down, isolated'),
    });
  });

  it('still refuse an injection that would cost quorum when a degraded start is allowed', async () => {
    const runbook = await isolationRunbook({ allowDegradedStart: true });
    await expect(refuseAtTheDoor({ target: await degradedCluster(), config, runbook, vars: {} })).rejects.toMatchObject({
      code: 'preflight-failed',
      message: expect.stringContaining('crash-cluster-service on HV01 would leave 2 of 4 nodes as active members, and quorum needs 3'),
    });
  });

  it('count the nodes vars resolved to against maxNodesAffected', async () => {
    const loaded = await loadRunbook('runbooks/quarantine-cap.yaml');
    if (!loaded.ok) throw new Error('shipped runbook does not load');
    const runbook = { ...loaded.runbook, settings: { ...loaded.runbook.settings, maxNodesAffected: 1 } };
    const target = createSimulatedTarget(config, new VirtualClock());
    await expect(refuseAtTheDoor({ target, config, runbook, vars: {} })).rejects.toMatchObject({ message: expect.stringContaining('maxNodesAffected') });
  });

  it('leave a target they cannot read to the engine', async () => {
    const blind = {
      inventory: async () => failed({ code: 'unreachable', message: 'no route', retryable: true }),
      observe: async () => failed({ code: 'unreachable', message: 'no route', retryable: true }),
    } as unknown as Target;
    await expect(refuseAtTheDoor({ target: blind, config, runbook: await isolationRunbook(), vars: {} })).resolves.toBeUndefined();
  });
});
