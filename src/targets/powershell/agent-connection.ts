// The run's connection to its agent: starts pwsh once, shakes hands, connects to the cluster, and
// restarts the agent once if it dies mid-run (the caller marks the lost time as an observation gap).
import { failed, ok, type Outcome, type TargetFailure } from '../../errors/drill-error.js';
import type { Clock } from '../../time/clock.js';
import type { PowerShellTargetConfig } from '../target-config.js';
import { AgentProcess } from './agent-process.js';
import { protocolVersion, type Operation } from './protocol.js';

export interface AgentConnectionOptions {
  readonly agentScript: string;
  readonly timeoutClock: Clock;
  /** Time allowed for one request (ms). */
  readonly requestTimeoutMs: number;
  /** Time allowed for hello + connect, which open one remote session per node (ms). */
  readonly connectTimeoutMs: number;
  readonly forceKillAfterMs: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Called with each child started (tests and the benchmark count them). */
  readonly onStart?: () => void;
}

/** What `connect` sends: names of where secrets live, never the secrets themselves. */
export function connectParams(config: PowerShellTargetConfig): Record<string, unknown> {
  return {
    cluster: config.cluster,
    nodes: config.nodes ?? null,
    transport: config.transport,
    credential: config.credential ?? null,
  };
}

export class AgentConnection {
  readonly #config: PowerShellTargetConfig;
  readonly #options: AgentConnectionOptions;
  #process: AgentProcess | undefined;
  #ready: Promise<Outcome<AgentProcess>> | undefined;
  #restartsLeft = 1;
  #closed = false;
  /** Set when the agent was restarted: the next successful answer carries it as a note. */
  #gapNote: string | undefined;
  /** Why the agent cannot be used any more (failed start, or a second death): every call returns it. */
  #fatal: TargetFailure | undefined;

  constructor(config: PowerShellTargetConfig, options: AgentConnectionOptions) {
    this.#config = config;
    this.#options = options;
  }

  /**
   * Runs one operation on the agent. On a child that died after a good start, the first call after the
   * death restarts it once; after that, every call fails with the reason it died.
   */
  async call(op: Operation, params: Readonly<Record<string, unknown>>, at: number, timeoutMs?: number): Promise<Outcome<unknown>> {
    if (this.#closed) return failed({ code: 'crashed', message: 'the PowerShell target is closed', retryable: false });
    const ready = await this.#ensureReady(at);
    if (!ready.ok) return ready;
    const outcome = await ready.value.request(op, params, at, timeoutMs ?? this.#options.requestTimeoutMs);
    // The lock's renewals run on their own timer and pass no note on: the gap is told to the run's next call.
    if (outcome.ok && this.#gapNote !== undefined && !op.startsWith('lock-')) {
      const note = this.#gapNote;
      this.#gapNote = undefined;
      return ok(outcome.value, note);
    }
    return outcome;
  }

  async close(at: number): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const child = this.#process;
    if (child && !child.dead) await child.request('close', {}, at, 5_000);
    await child?.close();
  }

  // Starts (or restarts) the child when needed; concurrent callers share one start.
  async #ensureReady(at: number): Promise<Outcome<AgentProcess>> {
    if (this.#fatal) return failed(this.#fatal);
    const current = this.#process;
    if (current && !current.dead && this.#ready) return this.#ready;
    if (current?.dead && this.#ready) {
      const reason = current.dead;
      if (this.#restartsLeft <= 0) {
        this.#fatal = giveUp(reason);
        return failed(this.#fatal);
      }
      this.#restartsLeft--;
      this.#gapNote = `observation gap: the PowerShell agent was restarted after it failed (${reason.message})`;
      this.#ready = undefined;
    }
    this.#ready ??= this.#start(at);
    return this.#ready;
  }

  async #start(at: number): Promise<Outcome<AgentProcess>> {
    const child = new AgentProcess({
      pwsh: this.#config.pwsh,
      agentScript: this.#options.agentScript,
      timeoutClock: this.#options.timeoutClock,
      forceKillAfterMs: this.#options.forceKillAfterMs,
      ...(this.#options.env ? { env: this.#options.env } : {}),
    });
    this.#process = child;
    this.#options.onStart?.();
    const hello = await child.request('hello', { protocol: protocolVersion }, at, this.#options.connectTimeoutMs);
    if (!hello.ok) return this.#startFailed(child, hello.error);
    const version = (hello.value as { protocol?: unknown } | null)?.protocol;
    if (version !== protocolVersion) {
      return this.#startFailed(child, {
        code: 'protocol',
        message: `it speaks protocol ${String(version)}, drill speaks ${protocolVersion}: the agent script does not belong to this drill`,
        retryable: false,
      });
    }
    const connected = await child.request('connect', connectParams(this.#config), at, this.#options.connectTimeoutMs);
    if (!connected.ok) return this.#startFailed(child, connected.error);
    return ok(child);
  }

  // A child that cannot start (or connect) will not do better on a retry: the failure is final for the run.
  async #startFailed(child: AgentProcess, error: TargetFailure): Promise<Outcome<never>> {
    await child.close();
    const code = error.code === 'crashed' ? 'unreachable' : error.code;
    this.#fatal = { code, message: `could not start the PowerShell agent: ${error.message}`, retryable: false };
    return failed(this.#fatal);
  }
}

function giveUp(reason: TargetFailure): TargetFailure {
  return {
    code: reason.code === 'unreachable' ? 'unreachable' : 'crashed',
    message: `the PowerShell agent failed again after one restart; giving up (${reason.message})`,
    retryable: false,
  };
}
