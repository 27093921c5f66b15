// The zod schemas on their own: what each accepts, and the coded messages the loader turns into diagnostics.
import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/runbook/schema/coded-message.js';
import { conditionSchema } from '../../../src/runbook/schema/condition-schema.js';
import { durationSchema, literalDurationSchema } from '../../../src/runbook/schema/duration-schema.js';
import { expectationSchema } from '../../../src/runbook/schema/expectation-schema.js';
import { runbookSchema } from '../../../src/runbook/schema/runbook-schema.js';
import { stepSchema } from '../../../src/runbook/schema/step-schema.js';
import { targetSchema } from '../../../src/runbook/schema/target-schema.js';

/** The first issue of a failed parse: its diagnostic code (from a coded message or params) and text. */
function firstIssue(result: { success: boolean; error?: { issues: readonly { message: string; params?: unknown }[] } }) {
  const issue = result.error?.issues[0];
  if (issue === undefined) return undefined;
  const decoded = decode(issue.message);
  const params = (issue.params ?? {}) as { diagnostic?: string };
  return { code: params.diagnostic ?? decoded.code, message: decoded.message };
}

describe('durationSchema', () => {
  it('accepts literals and expressions', () => {
    for (const text of ['30s', '1h30m', '2 * cluster.heartbeatTimeout', 'cluster.resiliencyDefaultPeriod + 30s']) {
      expect(durationSchema.safeParse(text).success).toBe(true);
    }
  });

  it('codes a bare number, an unknown setting and a bad unit', () => {
    expect(firstIssue(durationSchema.safeParse(30))).toEqual({ code: 'bare-number', message: 'a bare number is not a duration: write the unit, e.g. 30s' });
    expect(firstIssue(durationSchema.safeParse('cluster.nope'))?.code).toBe('unknown-setting');
    expect(firstIssue(durationSchema.safeParse('5 minutes'))?.code).toBe('invalid-duration');
  });

  it('keeps target files to plain durations', () => {
    expect(literalDurationSchema.safeParse('1m30s').success).toBe(true);
    expect(firstIssue(literalDurationSchema.safeParse('2 * 30s'))?.message).toBe('a target file needs a plain duration such as 30s, not an expression');
  });
});

describe('conditionSchema', () => {
  it('accepts a word, a list, a mapping and a count', () => {
    for (const c of ['Up', ['Up', 'Normal'], { state: 'Up', isolated: false }, { state: ['Up', 'Joining'] }, { count: { not: 'Up', above: 1 } }]) {
      expect(conditionSchema.safeParse(c).success).toBe(true);
    }
  });

  it('codes an unknown word with the nearest one', () => {
    const result = conditionSchema.safeParse('Quarantind');
    const union = result.error?.issues[0] as { errors?: { message: string }[][] } | undefined;
    const messages = (union?.errors ?? []).flat().map((i) => decode(i.message));
    expect(messages).toContainEqual({ code: 'unknown-condition', message: "unknown condition word 'Quarantind', did you mean 'Quarantined'?" });
  });
});

describe('stepSchema and expectationSchema', () => {
  it('codes unknown faults and actions with suggestions', () => {
    expect(firstIssue(stepSchema.safeParse({ inject: 'partition' }))).toEqual({ code: 'unknown-fault', message: "unknown fault 'partition', did you mean 'partition-node'?" });
    expect(firstIssue(stepSchema.safeParse({ do: 'drain' }))).toEqual({ code: 'unknown-action', message: "unknown action 'drain', did you mean 'drain-node'?" });
  });

  it('carries the known fields in an unknown-field issue', () => {
    const issue = firstIssue(expectationSchema.safeParse({ node: 'HV01', becomes: 'Up', whithin: '1m' }));
    expect(issue?.code).toBe('unknown-field');
    expect(issue?.message.split(',')).toContain('within');
  });
});

describe('runbookSchema and targetSchema', () => {
  it('need runbook and steps; target and driver', () => {
    expect(runbookSchema.safeParse({ runbook: 'x', steps: [{ wait: '1s' }] }).success).toBe(true);
    expect(runbookSchema.safeParse({ runbook: 'x' }).success).toBe(false);
    expect(targetSchema.safeParse({ target: 't', driver: 'simulated' }).success).toBe(true);
    expect(targetSchema.safeParse({ target: 't', driver: 'powershell' }).success).toBe(false);
    expect(targetSchema.safeParse({ target: 't', driver: 'powershell', cluster: 'c' }).success).toBe(true);
  });
});
