// One error shape for the whole tool: a stable `code`, a message a user can act on, and where it happened.

/** Where in a source file a problem is (1-based line and column). */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A problem found in user input, reported as `file:line:column: message`. */
export interface Diagnostic extends SourcePosition {
  readonly code: DiagnosticCode;
  readonly message: string;
}

export type DiagnosticCode =
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'empty-file'
  | 'unknown-field'
  | 'missing-field'
  | 'invalid-value'
  | 'bare-number'
  | 'invalid-duration'
  | 'unknown-setting'
  | 'unknown-fault'
  | 'unknown-action'
  | 'unknown-condition'
  | 'step-kind'
  | 'predicate-subject'
  | 'window'
  | 'unknown-var'
  | 'unknown-node'
  | 'unknown-vm'
  | 'unknown-nic'
  | 'unsupported-fault'
  | 'blast-radius'
  | 'file-not-found';

/** Exit statuses of the contract (RUNBOOK-FORMAT.md, "Command line"). */
export const ExitStatus = {
  passed: 0,
  failed: 1,
  invalidInput: 2,
  inconclusive: 3,
  interrupted: 130,
} as const;
export type ExitStatus = (typeof ExitStatus)[keyof typeof ExitStatus];

export type DrillErrorCode =
  | 'invalid-input'
  | 'target-unreachable'
  | 'target-failed'
  | 'preflight-failed'
  | 'steady-state-not-met'
  | 'run-locked'
  | 'rollback-failed'
  | 'journal-unwritable'
  | 'interrupted'
  | 'internal';

/** The error every layer throws when it must stop; the CLI is the only place that prints it. */
export class DrillError extends Error {
  readonly code: DrillErrorCode;
  readonly exitStatus: ExitStatus;
  readonly diagnostics: readonly Diagnostic[];
  /** What the operator should do next, printed after the message. */
  readonly hint: string | undefined;

  constructor(
    code: DrillErrorCode,
    message: string,
    options: { diagnostics?: readonly Diagnostic[]; hint?: string; cause?: unknown; exitStatus?: ExitStatus } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DrillError';
    this.code = code;
    this.diagnostics = options.diagnostics ?? [];
    this.hint = options.hint;
    this.exitStatus = options.exitStatus ?? defaultExitStatus(code);
  }
}

function defaultExitStatus(code: DrillErrorCode): ExitStatus {
  switch (code) {
    case 'invalid-input':
      return ExitStatus.invalidInput;
    case 'interrupted':
      return ExitStatus.interrupted;
    default:
      return ExitStatus.inconclusive;
  }
}

/** Formats a diagnostic the way editors and CI logs link it: `file:line:column: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.message}`;
}

/** Thrown for invalid input: carries every problem of every file at once. */
export function invalidInput(diagnostics: readonly Diagnostic[]): DrillError {
  const count = diagnostics.length;
  return new DrillError('invalid-input', `${count} problem${count === 1 ? '' : 's'} found; nothing was injected`, {
    diagnostics,
  });
}

/** Outcome of an adapter call: expected failures are data, not exceptions. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly note?: string }
  | { readonly ok: false; readonly error: TargetFailure };

/** Why a target could not do what was asked. `retryable` tells the rollback whether backing off may help. */
export interface TargetFailure {
  readonly code: 'unreachable' | 'timeout' | 'refused' | 'protocol' | 'crashed' | 'unknown-name';
  readonly message: string;
  readonly retryable: boolean;
}

export const ok = <T>(value: T, note?: string): Outcome<T> =>
  note === undefined ? { ok: true, value } : { ok: true, value, note };
export const failed = (error: TargetFailure): Outcome<never> => ({ ok: false, error });
