// The PowerShell target: the port (target.ts) over one long-lived pwsh agent per run.
import { failed, ok, type Outcome, type TargetFailure } from '../../errors/drill-error.js';
import { RealClock } from '../../time/real-clock.js';
import type { Clock } from '../../time/clock.js';
import { VirtualClock } from '../../time/virtual-clock.js';
import { faultCatalogue } from '../catalogue.js';
import type { Inventory, Snapshot } from '../cluster-state.js';
import type { PowerShellTargetConfig } from '../target-config.js';
import { undoOf, type Action, type Effect, type Fault, type Target, type Undo } from '../target.js';
import type { ClusterLock } from '../../safety/cluster-lock.js';
import { AgentClusterLock } from './agent-cluster-lock.js';
import { AgentConnection } from './agent-connection.js';
import { agentScriptPath } from './agent-location.js';
import { BootTimeLedger } from './boot-time-ledger.js';
import { parseInventory } from './inventory-parser.js';
import { checkNames } from './name-check.js';
import type { Operation } from './protocol.js';
import { parseObservation } from './snapshot-parser.js';
import { isStep, stepOf, stepParams, type StepInput } from './step-scripts.js';
import { checkInventory, checkObservation } from './wire-guards.js';

export interface PowerShellTargetOptions {
  /** Time allowed for one request (ms); default 2 minutes. */
  readonly requestTimeoutMs?: number;
  /** Time allowed to start the agent and open its sessions (ms); default 3 minutes. */
  readonly connectTimeoutMs?: number;
  /** Clock of request timeouts; default the real clock (a child process lives in real time). */
  readonly timeoutClock?: Clock;
  /** SIGTERM then SIGKILL after this long when the agent is stopped (ms); default 5 s. */
  readonly forceKillAfterMs?: number;
  /** Extra environment for the agent (tests pass the fake's settings). */
  readonly env?: Readonly<Record<string, string>>;
  /** The agent script; default the one shipped in the package. */
  readonly agentScript?: string;
  /** Called each time a pwsh child is started. */
  readonly onAgentStart?: () => void;
  /** Two boot-time estimates closer than this are one boot (ms); default 5 s. */
  readonly bootTimeToleranceMs?: number;
  /** Real wall time for the cluster lock's lease; default the real clock (never a virtual run clock). */
  readonly lockWallClock?: Clock;
}

/** A Target whose cluster lock is a marker on the cluster itself, through the target's own agent. */
export interface PowerShellTarget extends Target {
  clusterLock(): ClusterLock;
}

const protocolFailure = (what: string, message: string): TargetFailure => ({
  code: 'protocol',
  message: `the PowerShell agent's ${what} is malformed: ${message}`,
  retryable: true,
});

// An effect as the step scripts return it: {changed, message}.
function readEffect(value: unknown): Effect | undefined {
  const v = value as { changed?: unknown; message?: unknown } | null;
  if (typeof v !== 'object' || v === null || typeof v.changed !== 'boolean' || typeof v.message !== 'string') return undefined;
  return { changed: v.changed, message: v.message };
}

export function createPowerShellTarget(config: PowerShellTargetConfig, clock: Clock, options: PowerShellTargetOptions = {}): PowerShellTarget {
  const connection = new AgentConnection(config, {
    agentScript: options.agentScript ?? agentScriptPath(),
    timeoutClock: options.timeoutClock ?? new RealClock(),
    requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 180_000,
    forceKillAfterMs: options.forceKillAfterMs ?? 5_000,
    ...(options.env ? { env: options.env } : {}),
    ...(options.onAgentStart ? { onStart: options.onAgentStart } : {}),
  });
  // On a virtual run clock, time must not jump while a request is in real flight to the agent.
  const call: AgentConnection['call'] = (op, params, at, timeoutMs) => {
    const work = connection.call(op, params, at, timeoutMs);
    return clock instanceof VirtualClock ? clock.hold(work) : work;
  };
  const ledger = new BootTimeLedger(options.bootTimeToleranceMs === undefined ? {} : { toleranceMs: options.bootTimeToleranceMs });
  let inventoryCache: Inventory | undefined;
  /** Nodes with a fault of this run in effect: the agent does not trust their view of the cluster first. */
  const faulted = new Set<string>();
  const avoid = (): string[] => [...faulted];

  async function inventory(): Promise<Outcome<Inventory>> {
    const answer = await call('inventory', {}, clock.now());
    if (!answer.ok) return answer;
    const wire = checkInventory(answer.value);
    if (!wire.ok) return failed(protocolFailure('inventory', wire.message));
    const parsed = parseInventory(wire.value);
    if (typeof parsed === 'string') return failed({ code: 'refused', message: parsed, retryable: false });
    inventoryCache = parsed;
    return ok(parsed, answer.note);
  }

  async function observe(): Promise<Outcome<Snapshot>> {
    const sentAt = clock.now();
    const answer = await call('observe', { avoid: avoid() }, sentAt);
    if (!answer.ok) return answer;
    const wire = checkObservation(answer.value);
    if (!wire.ok) return failed(protocolFailure('observation', wire.message));
    // The reading was taken somewhere between sending and receiving: the midpoint is the best estimate.
    const at = (sentAt + clock.now()) / 2;
    return ok(parseObservation(wire.value, at, ledger), answer.note);
  }

  // Checks a step (simulator-only, lab, names) and runs it; the agent answers with its effect.
  async function runStep(op: Operation, input: StepInput): Promise<Outcome<Effect>> {
    const step = stepOf(input);
    if (!isStep(step)) return failed(step);
    if ('fault' in input && faultCatalogue[input.fault].destructive && !config.lab) {
      return failed({
        code: 'refused',
        message: `${input.fault} is destructive and target ${config.name} is not marked \`lab: true\``,
        retryable: false,
      });
    }
    if (!inventoryCache) {
      const loaded = await inventory();
      if (!loaded.ok) return loaded;
    }
    const unknownName = checkNames(input, inventoryCache!);
    if (unknownName) return failed(unknownName);
    const answer = await call(op, { ...stepParams(step), avoid: avoid() }, clock.now());
    if (!answer.ok) return answer;
    const effect = readEffect(answer.value);
    if (!effect) return failed(protocolFailure(`answer to ${step.name}`, 'expected {changed, message}'));
    return ok(effect, answer.note);
  }

  // One lock object per target, made on first use: the same one the safety layer takes and releases.
  let lock: AgentClusterLock | undefined;
  const clusterLock = (): AgentClusterLock =>
    (lock ??= new AgentClusterLock((op, params) => call(op, params, clock.now()), {
      cluster: config.cluster,
      wallClock: options.lockWallClock ?? new RealClock(),
    }));

  // Closing gives the lock back first if the run still holds it, so a forgotten release cannot leave the
  // cluster locked until the lease runs out; a failure to reach the cluster here is left to the lease.
  async function close(): Promise<void> {
    if (lock?.held) await lock.release().catch(() => undefined);
    await (clock instanceof VirtualClock ? clock.hold(connection.close(clock.now())) : connection.close(clock.now()));
  }

  return {
    driver: 'powershell',
    clusterLock,
    name: config.name,
    inventory,
    observe,
    async inject(fault: Fault): Promise<Outcome<{ readonly undo: Undo; readonly effect: Effect }>> {
      const done = await runStep('inject', fault);
      if (done.ok && 'node' in fault) faulted.add(fault.node);
      return done.ok ? ok({ undo: undoOf(fault), effect: done.value }, done.note) : done;
    },
    act: (action: Action) => runStep('act', action),
    async undo(undo: Undo): Promise<Outcome<Effect>> {
      const done = await runStep('undo', undo);
      if (done.ok && 'node' in undo) faulted.delete(undo.node);
      return done;
    },
    close,
  };
}
