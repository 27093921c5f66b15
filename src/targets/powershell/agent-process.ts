// One pwsh child running the agent script: writes requests, reads response lines, matches them by id,
// and turns every way a child can go wrong (missing, exits, hangs, prints garbage) into a failed Outcome.
import { execa } from 'execa';
import { failed, ok, type Outcome, type TargetFailure } from '../../errors/drill-error.js';
import type { Clock, TimerId } from '../../time/clock.js';
import { decodeResponse, encodeRequest, excerpt, type AgentRequest, type Operation } from './protocol.js';

export interface AgentProcessOptions {
  /** The PowerShell executable (`pwsh:` of the target file). */
  readonly pwsh: string;
  /** Absolute path of the agent .ps1. */
  readonly agentScript: string;
  /** Clock of request timeouts: real time by nature (a child process), virtual in unit tests. */
  readonly timeoutClock: Clock;
  /** SIGTERM, then SIGKILL after this long (ms). */
  readonly forceKillAfterMs: number;
  /** Extra environment for the child (tests); the child always inherits drill's environment. */
  readonly env?: Readonly<Record<string, string>>;
}

interface Pending {
  readonly op: Operation;
  readonly resolve: (outcome: Outcome<unknown>) => void;
  readonly timer: TimerId;
}

/** Last bytes of the child's stderr kept for messages (the agent never writes secrets there). */
const stderrKeep = 2_000;

/** The command line: no profile, no prompt, the agent script as the program. */
export const agentArguments = (agentScript: string): string[] => ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', agentScript];

// Starts the child with the protocol's streams: nothing buffered, stdio as pipes, killed through the signal.
function spawnAgent(options: AgentProcessOptions, signal: AbortSignal) {
  return execa(options.pwsh, agentArguments(options.agentScript), {
    buffer: false,
    reject: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    cancelSignal: signal,
    forceKillAfterDelay: options.forceKillAfterMs,
    env: options.env ? { ...options.env } : {},
    extendEnv: true,
  });
}

export class AgentProcess {
  readonly #options: AgentProcessOptions;
  readonly #child: ReturnType<typeof spawnAgent>;
  readonly #abort = new AbortController();
  readonly #pending = new Map<number, Pending>();
  /** Ids whose caller gave up (timeout): their late answers are dropped, not protocol errors. */
  readonly #abandoned = new Set<number>();
  #nextId = 1;
  #partial: string[] = [];
  #lineNumber = 0;
  #stderr = '';
  #spawned = false;
  /** Set once the child is gone or unusable; every later request fails with it. */
  #dead: TargetFailure | undefined;
  readonly exited: Promise<void>;

  constructor(options: AgentProcessOptions) {
    this.#options = options;
    this.#child = spawnAgent(options, this.#abort.signal);
    this.#child.on('spawn', () => {
      this.#spawned = true;
    });
    this.#child.stdin?.on('error', () => undefined);
    this.#child.stdout?.setEncoding('utf8');
    this.#child.stdout?.on('data', (chunk: string) => this.#onData(chunk));
    this.#child.stderr?.setEncoding('utf8');
    this.#child.stderr?.on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-stderrKeep);
    });
    this.exited = this.#child.then((result) => {
      if (this.#dead) return this.#failAll(this.#dead);
      const code = (result as { code?: unknown }).code;
      if (!this.#spawned && code === 'ENOENT') {
        return this.#die({
          code: 'unreachable',
          message: `PowerShell was not found: "${options.pwsh}" is not an executable on this machine; install PowerShell 7 or set \`pwsh:\` in the target file`,
          retryable: false,
        });
      }
      if (!this.#spawned) {
        return this.#die({ code: 'unreachable', message: `could not start "${options.pwsh}": ${result.shortMessage ?? 'unknown error'}`, retryable: false });
      }
      const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode ?? '?'}`;
      this.#die({ code: 'crashed', message: `the PowerShell agent ${how}${this.#stderrTail()}`, retryable: true });
    });
  }

  /** True once the child is gone or was declared unusable. */
  get dead(): TargetFailure | undefined {
    return this.#dead;
  }

  /** Sends one request and resolves with its result, or a failure; never rejects, never hangs past `timeoutMs`. */
  request(op: Operation, params: Readonly<Record<string, unknown>>, at: number, timeoutMs: number): Promise<Outcome<unknown>> {
    if (this.#dead) return Promise.resolve(failed(this.#dead));
    const id = this.#nextId++;
    const request: AgentRequest = { id, op, at, params };
    return new Promise((resolve) => {
      const timer = this.#options.timeoutClock.setTimeout(() => {
        this.#pending.delete(id);
        this.#abandoned.add(id);
        resolve(failed({ code: 'timeout', message: `the PowerShell agent did not answer "${op}" within ${timeoutMs} ms`, retryable: true }));
      }, timeoutMs);
      this.#pending.set(id, { op, resolve, timer });
      this.#child.stdin?.write(encodeRequest(request));
    });
  }

  /** Stops the child: closes its stdin (the agent exits on end of input), then terminates it. */
  async close(): Promise<void> {
    this.#dead ??= { code: 'crashed', message: 'the PowerShell agent was closed', retryable: false };
    this.#failAll(this.#dead);
    this.#child.stdin?.end();
    this.#abort.abort();
    await this.exited;
  }

  // Splits stdout into lines; a response line can be megabytes, so chunks are joined only once per line.
  #onData(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.#partial.push(chunk.slice(start, nl));
      const line = this.#partial.join('');
      this.#partial = [];
      start = nl + 1;
      this.#onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (start < chunk.length) this.#partial.push(chunk.slice(start));
  }

  #onLine(line: string): void {
    this.#lineNumber++;
    if (this.#dead || line.trim() === '') return;
    const decoded = decodeResponse(line);
    if (!decoded.ok) return this.#protocolError(`line ${this.#lineNumber} of the agent's output is ${decoded.problem}: ${excerpt(line)}`);
    const { response } = decoded;
    const pending = this.#pending.get(response.id);
    if (!pending) {
      if (this.#abandoned.delete(response.id)) return;
      return this.#protocolError(`line ${this.#lineNumber} of the agent's output answers request ${response.id}, which was never sent`);
    }
    this.#pending.delete(response.id);
    this.#options.timeoutClock.clearTimeout(pending.timer);
    pending.resolve(response.ok ? ok(response.result) : failed({ ...response.error }));
  }

  // A child that breaks the protocol cannot be trusted with the next request: fail everything and stop it.
  #protocolError(message: string): void {
    this.#die({ code: 'protocol', message, retryable: true });
    this.#abort.abort();
  }

  #die(failure: TargetFailure): void {
    this.#dead ??= failure;
    this.#failAll(this.#dead);
  }

  #failAll(failure: TargetFailure): void {
    for (const [id, p] of this.#pending) {
      this.#options.timeoutClock.clearTimeout(p.timer);
      this.#pending.delete(id);
      p.resolve(failed({ ...failure, message: `${failure.message} (while "${p.op}" was running)` }));
    }
  }

  #stderrTail(): string {
    const tail = this.#stderr.trim().split(/\r?\n/).slice(-3).join(' | ');
    return tail === '' ? '' : `; its last output on stderr: ${tail}`;
  }
}
