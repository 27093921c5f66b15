// Zod error functions can only return a message; this carries our diagnostic code inside it so the
// issue mapper can recover the code (`bare-number`, `unknown-fault`, ...) without guessing from text.
import type { DiagnosticCode } from '../../errors/drill-error.js';

const separator = '\u241f';

/** A message that also names its diagnostic code. */
export const coded = (code: DiagnosticCode, message: string): string => `${code}${separator}${message}`;

/** Splits a message made by `coded`; a plain zod message has no code. */
export function decode(message: string): { readonly code: DiagnosticCode | undefined; readonly message: string } {
  const at = message.indexOf(separator);
  return at < 0 ? { code: undefined, message } : { code: message.slice(0, at) as DiagnosticCode, message: message.slice(at + 1) };
}

/** The value zod saw, from an error function's issue (present with `reportInput` or in error maps). */
export const describeInput = (input: unknown): string =>
  input === null || input === undefined ? 'nothing' : Array.isArray(input) ? 'a list' : typeof input === 'object' ? 'a mapping' : `'${String(input)}'`;
