// SIMULATOR.md point 14: jitter scales every simulated delay by a seeded factor in [1-j, 1+j];
// the same seed gives the same events at the same times, byte for byte; --seed overrides the file's.
import { describe, expect, it } from 'vitest';
import { Cluster, configWith, s } from './harness.js';

/** Crash HV01 and let the isolation and rejoin play out; returns the cluster. */
async function crashRun(seed: number | undefined, jitter: number): Promise<Cluster> {
  const c = new Cluster(configWith({ behaviour: { jitter } }), seed);
  await c.inject({ fault: 'crash-cluster-service', node: 'HV01' });
  c.at(s(600));
  return c;
}

describe('jitter and seed (point 14)', () => {
  it('keeps every delay within [1-j, 1+j] of its nominal value', async () => {
    for (let seed = 1; seed <= 25; seed++) {
      const c = await crashRun(seed, 0.1);
      const isolated = c.firstEvent('node-isolated', { node: 'HV01' })!;
      const joining = c.firstEvent('service-started', { node: 'HV01' })!;
      const up = c.firstEvent('node-left-isolation', { node: 'HV01' })!;
      const started = c.firstEvent('failover-started', { vm: 'VM0037' })!;
      const running = c.target.events().find((e) => e.vm === 'VM0037' && e.kind === 'vm-state' && e.text.includes('Running') && e.at > started)!.at;
      expect(isolated).toBeGreaterThanOrEqual(9000);
      expect(isolated).toBeLessThanOrEqual(11000);
      expect(joining).toBeGreaterThanOrEqual(54000);
      expect(joining).toBeLessThanOrEqual(66000);
      expect(up - joining).toBeGreaterThanOrEqual(4500);
      expect(up - joining).toBeLessThanOrEqual(5500);
      expect(running - started).toBeGreaterThanOrEqual(27000);
      expect(running - started).toBeLessThanOrEqual(33000);
    }
  });

  it('varies with the seed and repeats for the same seed, byte for byte', async () => {
    const logs = await Promise.all([1, 2, 1].map(async (seed) => JSON.stringify((await crashRun(seed, 0.2)).target.events())));
    expect(logs[0]).toBe(logs[2]);
    expect(logs[0]).not.toBe(logs[1]);
  });

  it('the seed option overrides the config seed', async () => {
    const fromConfig = await new Promise<string>((resolve) => {
      const c = new Cluster(configWith({ behaviour: { jitter: 0.2 }, rest: { seed: 7 } }));
      void c.inject({ fault: 'crash-cluster-service', node: 'HV01' }).then(() => resolve(JSON.stringify(c.at(s(600)).target.events())));
    });
    const overridden = JSON.stringify((await crashRun(7, 0.2)).target.events());
    const other = new Cluster(configWith({ behaviour: { jitter: 0.2 }, rest: { seed: 7 } }), 8);
    await other.inject({ fault: 'crash-cluster-service', node: 'HV01' });
    other.at(s(600));
    expect(overridden).toBe(fromConfig);
    expect(JSON.stringify(other.target.events())).not.toBe(fromConfig);
  });

  it('with jitter 0 every delay is exact', async () => {
    const c = await crashRun(3, 0);
    expect([c.firstEvent('node-isolated'), c.firstEvent('service-started'), c.firstEvent('node-left-isolation')]).toEqual([s(10), s(60), s(65)]);
  });
});
