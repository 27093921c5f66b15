// The line-delimited JSON protocol between drill and its agent: one request per line on the agent's
// stdin, one response per line on its stdout, matched by id. Plain data only: no value a runbook supplies
// ever becomes PowerShell source; the agent passes it to a param() block as an argument.

/** Version of the protocol; `hello` fails on a mismatch (an agent from another drill release). */
export const protocolVersion = 1;

export const operations = [
  'hello',
  'connect',
  'inventory',
  'observe',
  'inject',
  'act',
  'undo',
  'lock-acquire',
  'lock-renew',
  'lock-release',
  'close',
] as const;
export type Operation = (typeof operations)[number];

export interface AgentRequest {
  readonly id: number;
  readonly op: Operation;
  /** Time of the request on the run's clock (ms). The real agent only echoes it in diagnostics. */
  readonly at: number;
  readonly params: Readonly<Record<string, unknown>>;
}

/** Failure codes the agent may report; anything else is read as `refused`. */
export const agentErrorCodes = ['unreachable', 'refused', 'unknown-name', 'timeout'] as const;
export type AgentErrorCode = (typeof agentErrorCodes)[number];

export interface AgentError {
  readonly code: AgentErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}

export type AgentResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly error: AgentError };

/** One line of agent output, decoded; `problem` says why a line is not a response. */
export type DecodedLine = { readonly ok: true; readonly response: AgentResponse } | { readonly ok: false; readonly problem: string };

export const encodeRequest = (request: AgentRequest): string => `${JSON.stringify(request)}\n`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// Reads the error object of a failed response, keeping only what the protocol defines.
function decodeError(v: unknown): AgentError | undefined {
  if (!isRecord(v) || typeof v['message'] !== 'string') return undefined;
  const code = (agentErrorCodes as readonly unknown[]).includes(v['code']) ? (v['code'] as AgentErrorCode) : 'refused';
  return { code, message: v['message'], retryable: v['retryable'] === true };
}

/** Decodes one line of the agent's stdout (without its newline). */
export function decodeResponse(line: string): DecodedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, problem: 'not JSON' };
  }
  if (!isRecord(value)) return { ok: false, problem: 'not a JSON object' };
  const id = value['id'];
  if (typeof id !== 'number' || !Number.isInteger(id)) return { ok: false, problem: 'no integer "id"' };
  if (value['ok'] === true) {
    if (!('result' in value)) return { ok: false, problem: `response ${id} has no "result"` };
    return { ok: true, response: { id, ok: true, result: value['result'] } };
  }
  if (value['ok'] === false) {
    const error = decodeError(value['error']);
    if (!error) return { ok: false, problem: `response ${id} has no "error" with a message` };
    return { ok: true, response: { id, ok: false, error } };
  }
  return { ok: false, problem: `response ${id} has no boolean "ok"` };
}

/** A short, printable excerpt of an offending line for error messages. */
export const excerpt = (line: string, max = 80): string =>
  JSON.stringify(line.length > max ? `${line.slice(0, max)}…` : line);
