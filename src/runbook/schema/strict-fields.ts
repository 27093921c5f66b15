// Mappings with a closed set of fields: an unknown field is an error that names the nearest known one.
import { z } from 'zod';
import { coded } from './coded-message.js';

/** Separates the known field names carried in an unknown-field message (see zod-diagnostics). */
export const knownFieldSeparator = ',';

/** A strict object whose unknown-key issue carries the known field names, for "did you mean" messages. */
export function strictFields<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape).join(knownFieldSeparator);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? coded('unknown-field', known) : undefined),
  });
}
