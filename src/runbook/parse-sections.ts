// Parses a document one section (and one list entry) at a time, so a mistake in one step does not hide
// the problems of the others: every entry that passes its schema is built and checked further.
import { z } from 'zod';
import type { Diagnostic } from '../errors/drill-error.js';
import { diagnosticsFromIssues, type DiagnosticContext } from './zod-diagnostics.js';
import type { YamlPath } from './yaml/yaml-tree.js';

export class SectionParser {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly context: DiagnosticContext) {}

  /** The value at `path` through `schema`, or undefined (problems recorded). */
  one<S extends z.ZodType>(schema: S, value: unknown, path: YamlPath): z.output<S> | undefined {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    this.diagnostics.push(...diagnosticsFromIssues(result.error.issues, this.context, path));
    return undefined;
  }

  /** Each entry of the list at `path` that passes `item`, with its path; a non-list is reported. */
  each<S extends z.ZodType>(item: S, value: unknown, path: YamlPath): { readonly data: z.output<S>; readonly path: YamlPath }[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.one(z.array(item), value, path);
      return [];
    }
    return value.flatMap((entry, i) => {
      const data = this.one(item, entry, [...path, i]);
      return data === undefined ? [] : [{ data, path: [...path, i] }];
    });
  }
}
