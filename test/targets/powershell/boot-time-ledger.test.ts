// Boot times from uptime: stable across polls and live migrations, new after a restart, kept across a
// quick migration's save and resume.
import { describe, expect, it } from 'vitest';
import { BootTimeLedger } from '../../../src/targets/powershell/boot-time-ledger.js';

describe('BootTimeLedger', () => {
  it('keeps the first estimate while later ones wobble within the tolerance', () => {
    const ledger = new BootTimeLedger({ toleranceMs: 5_000 });
    expect(ledger.bootTime('VM1', 'Running', true, 60_000, 100_000)).toBe(40_000);
    expect(ledger.bootTime('VM1', 'Running', true, 61_700, 102_000)).toBe(40_000);
    expect(ledger.bootTime('VM1', 'PausedCritical', true, 159_000, 200_000)).toBe(40_000);
  });

  it('keeps the boot across a live migration (uptime keeps growing on the new host)', () => {
    const ledger = new BootTimeLedger();
    ledger.bootTime('VM1', 'Running', true, 60_000, 100_000);
    expect(ledger.bootTime('VM1', 'Running', true, 120_000, 160_000)).toBe(40_000);
  });

  it('takes a new boot when the uptime restarts, and none while Off or Starting', () => {
    const ledger = new BootTimeLedger();
    ledger.bootTime('VM1', 'Running', true, 60_000, 100_000);
    expect(ledger.bootTime('VM1', 'Off', true, 0, 110_000)).toBeUndefined();
    expect(ledger.bootTime('VM1', 'Starting', true, 0, 120_000)).toBeUndefined();
    expect(ledger.bootTime('VM1', 'Running', true, 1_000, 150_000)).toBe(149_000);
  });

  it('a restart without an observed Off is still a new boot', () => {
    const ledger = new BootTimeLedger();
    ledger.bootTime('VM1', 'Running', true, 60_000, 100_000);
    expect(ledger.bootTime('VM1', 'Running', true, 2_000, 300_000)).toBe(298_000);
  });

  it('keeps the boot across a quick migration: Saved (uptime 0), then resumed with a fresh uptime', () => {
    const ledger = new BootTimeLedger();
    ledger.bootTime('VM1', 'Running', true, 60_000, 100_000);
    expect(ledger.bootTime('VM1', 'Saved', true, 0, 105_000)).toBe(40_000);
    expect(ledger.bootTime('VM1', 'Running', true, 1_000, 115_000)).toBe(40_000);
    expect(ledger.bootTime('VM1', 'Running', true, 11_000, 125_000)).toBe(40_000);
    expect(ledger.bootTime('VM1', 'Running', true, 1_000, 400_000)).toBe(399_000);
  });

  it('reports nothing while the host cannot be queried, and the same boot when it answers again', () => {
    const ledger = new BootTimeLedger();
    ledger.bootTime('VM1', 'Running', true, 60_000, 100_000);
    expect(ledger.bootTime('VM1', undefined, false, 0, 150_000)).toBeUndefined();
    expect(ledger.bootTime('VM1', 'Running', true, 170_000, 210_000)).toBe(40_000);
  });
});
