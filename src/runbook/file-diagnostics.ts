// Diagnostics about whole files: one that cannot be read, a missing top-level field, and the order
// in which a file's problems are reported.
import type { Diagnostic } from '../errors/drill-error.js';

/** A diagnostic for a file that cannot be read. */
export function fileNotFound(path: string, error: unknown): Diagnostic {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
  return { file: path, line: 1, column: 1, code: 'file-not-found', message: `cannot read the file: ${reason}` };
}

/** A required top-level field that is absent, reported at the start of the document. */
export const missingField = (file: string, at: { line: number; column: number }, field: string): Diagnostic => ({
  file,
  line: at.line,
  column: at.column,
  code: 'missing-field',
  message: `missing field '${field}'`,
});

/** In file order, without repeats (the same problem may be seen by the schema and by a builder). */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return [...diagnostics]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .filter((d) => {
      const key = `${d.file}:${d.line}:${d.column}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
