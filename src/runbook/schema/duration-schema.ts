// The duration field of every schema: text that parses as a duration expression; a bare number is refused.
import { z } from 'zod';
import { parseDurationExpression } from '../duration-expression.js';
import { coded, describeInput } from './coded-message.js';

const durationHelp =
  'A duration: 1500ms, 30s, 5m, 2h, 1h30m; or an expression over cluster settings with + - * / and parentheses, ' +
  'e.g. `2 * cluster.heartbeatTimeout` or `cluster.resiliencyDefaultPeriod + 30s`.';

/** A duration or duration expression as written; the loader parses it again into the model. */
export const durationSchema = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? coded('bare-number', `a bare number is not a duration: write the unit, e.g. ${issue.input}s`)
        : coded('invalid-duration', `expected a duration such as 30s, got ${describeInput(issue.input)}`),
  })
  .superRefine((text, ctx) => {
    const parsed = parseDurationExpression(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error.message, params: { diagnostic: parsed.error.code, offset: parsed.error.offset } });
  })
  .meta({ id: 'Duration', description: durationHelp, examples: ['30s', '5m', '1h30m', '2 * cluster.heartbeatTimeout'] });

/** A literal duration (target files: no cluster settings to refer to yet). */
export const literalDurationSchema = z
  .string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? coded('bare-number', `a bare number is not a duration: write the unit, e.g. ${issue.input}s`)
        : coded('invalid-duration', `expected a duration such as 30s, got ${describeInput(issue.input)}`),
  })
  .superRefine((text, ctx) => {
    const parsed = parseDurationExpression(text);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.error.message, params: { diagnostic: parsed.error.code, offset: parsed.error.offset } });
    } else if (parsed.expr.kind !== 'literal') {
      ctx.addIssue({ code: 'custom', message: `a target file needs a plain duration such as 30s, not an expression`, params: { diagnostic: 'invalid-duration' } });
    }
  })
  .meta({ id: 'PlainDuration', description: 'A duration: 1500ms, 30s, 5m, 2h, 1h30m.', examples: ['30s', '5m'] });
