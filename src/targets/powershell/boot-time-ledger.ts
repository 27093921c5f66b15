// Boot times of VMs, kept stable across polls. Hyper-V reports Uptime, not a boot time: each poll gives
// bootTime = observation time - uptime, which wobbles by the round-trip latency. The ledger keeps the
// first estimate of a boot and only takes a new one when the uptime really restarted (README.md,
// "Telling a live migration from a restart").
import type { VmStateName } from '../cluster-state.js';

export interface BootTimeLedgerOptions {
  /** Two estimates closer than this are the same boot (ms). Default 5 s: far above poll latency, far below a restart. */
  readonly toleranceMs?: number;
}

interface Entry {
  /** The boot time reported. */
  bootTime: number;
  /** Where Hyper-V's uptime counts from: the boot, or the last resume from a saved state. */
  uptimeOrigin: number;
  /** The VM was seen Saved (or in a state without a model name) since its last running observation. */
  sawSaved: boolean;
}

/** States in which Hyper-V's uptime counts the guest's current boot. */
const uptimeCounts = (state: VmStateName | undefined): boolean =>
  state === 'Running' || state === 'Paused' || state === 'PausedCritical' || state === 'RunningCritical';

export class BootTimeLedger {
  readonly #entries = new Map<string, Entry>();
  readonly #toleranceMs: number;

  constructor(options: BootTimeLedgerOptions = {}) {
    this.#toleranceMs = options.toleranceMs ?? 5_000;
  }

  /**
   * The boot time to report for one VM observed at `at` with `uptimeMs`. Like the simulator: undefined
   * while the VM is Off or Starting (no boot yet) and while its host cannot be queried (unknown).
   */
  bootTime(vm: string, state: VmStateName | undefined, stateKnown: boolean, uptimeMs: number, at: number): number | undefined {
    const entry = this.#entries.get(vm);
    if (!stateKnown) return undefined;
    if (state === 'Off' || state === 'Starting') {
      // The guest stopped or is booting: whatever runs next is a new boot.
      this.#entries.delete(vm);
      return undefined;
    }
    if (!uptimeCounts(state)) {
      // Saved, or a transitional state (Saving, Resuming...): Hyper-V shows uptime 0, the guest keeps its boot.
      if (entry) entry.sawSaved = true;
      return entry?.bootTime;
    }
    const estimate = at - uptimeMs;
    if (!entry) {
      this.#entries.set(vm, { bootTime: estimate, uptimeOrigin: estimate, sawSaved: false });
      return estimate;
    }
    if (Math.abs(estimate - entry.uptimeOrigin) <= this.#toleranceMs) {
      entry.sawSaved = false;
      return entry.bootTime;
    }
    if (entry.sawSaved && estimate > entry.uptimeOrigin) {
      // Resumed from a saved state (quick migration): Hyper-V restarted its uptime, the guest did not boot.
      entry.sawSaved = false;
      entry.uptimeOrigin = estimate;
      return entry.bootTime;
    }
    // Uptime restarted (or jumped): a new boot.
    this.#entries.set(vm, { bootTime: estimate, uptimeOrigin: estimate, sawSaved: false });
    return estimate;
  }
}
