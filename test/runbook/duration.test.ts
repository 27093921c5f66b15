import { describe, expect, it } from 'vitest';
import type { ClusterSettings } from '../../src/targets/cluster-state.js';
import {
  evaluateDuration,
  evaluateDurationChecked,
  formatDuration,
  isSettingFree,
  parseDuration,
  parseDurationExpression,
} from '../../src/runbook/duration.js';

const at = { file: 'r.yaml', line: 1, column: 1 };

const settings: ClusterSettings = {
  name: 'HVC01',
  resiliencyLevel: 'AlwaysIsolate',
  resiliencyDefaultPeriodMs: 240_000,
  quarantineThreshold: 3,
  quarantineDurationMs: 7_200_000,
  heartbeatDelayMs: 1_000,
  heartbeatThreshold: 10,
  liveMigrationConcurrent: 2,
  liveMigrationBandwidthBps: 10e9,
  quarantineCapFraction: 0.25,
};

/** Parses and evaluates in one go, failing the test on a parse error. */
function ms(text: string, s: ClusterSettings = settings): number {
  const parsed = parseDuration(text, at);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return evaluateDuration(parsed.duration, s);
}

describe('duration literals', () => {
  it.each([
    ['1500ms', 1_500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['1h30m', 5_400_000],
    ['2m30s', 150_000],
    ['1.5s', 1_500],
    ['0s', 0],
  ])('%s is %d ms', (text, expected) => {
    expect(ms(text)).toBe(expected);
  });

  it('refuses a bare number and says to write the unit', () => {
    const parsed = parseDurationExpression('30');
    expect(parsed).toEqual({ ok: false, error: { code: 'bare-number', message: 'a bare number is not a duration: write the unit, e.g. 30s', offset: 0 } });
  });

  it('refuses an unknown unit, pointing at it', () => {
    const parsed = parseDurationExpression('30x');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toEqual({ code: 'invalid-duration', message: "unknown unit 'x' in '30x' (use ms, s, m or h)", offset: 2 });
  });

  it('refuses a compound that ends without a unit', () => {
    const parsed = parseDurationExpression('1m30');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe("'1m30' ends without a unit: write it, e.g. 1m30s");
  });

  it('refuses an empty duration', () => {
    const parsed = parseDurationExpression('  ');
    expect(parsed.ok).toBe(false);
  });
});

describe('duration expressions over cluster settings', () => {
  it('evaluates heartbeatTimeout as delay x threshold', () => {
    expect(ms('cluster.heartbeatTimeout')).toBe(10_000);
    expect(ms('2 * cluster.heartbeatTimeout')).toBe(20_000);
    expect(ms('2 * cluster.heartbeatTimeout', { ...settings, heartbeatDelayMs: 2_000, heartbeatThreshold: 20 })).toBe(80_000);
  });

  it('honours precedence and parentheses', () => {
    expect(ms('cluster.resiliencyDefaultPeriod + 30s')).toBe(270_000);
    expect(ms('cluster.quarantineDuration - 1m')).toBe(7_140_000);
    expect(ms('1m + 2 * 30s')).toBe(120_000);
    expect(ms('(1m + 30s) * 2')).toBe(180_000);
    expect(ms('cluster.quarantineDuration / 4')).toBe(1_800_000);
    expect(ms('cluster.quarantineThreshold * cluster.heartbeatDelay')).toBe(3_000);
  });

  it('names the unknown setting, suggests the nearest, and points at it', () => {
    const parsed = parseDurationExpression('2 * cluster.hartbeatTimeout');
    expect(parsed).toEqual({
      ok: false,
      error: { code: 'unknown-setting', message: "unknown cluster setting 'hartbeatTimeout', did you mean 'heartbeatTimeout'?", offset: 4 },
    });
  });

  it.each([
    ['30s * 30s', "cannot multiply these in '30s * 30s'"],
    ['cluster.quarantineThreshold + 5s', "cannot add a plain number and a duration in 'cluster.quarantineThreshold + 5s': write the unit"],
    ['cluster.quarantineThreshold', "'cluster.quarantineThreshold' is a plain number, not a duration: write the unit"],
    ['(1m + 30s', "missing ')' in duration '(1m + 30s'"],
    ['1m +', "duration '1m +' ends too early"],
    ['victim + 1m', "'victim' is not a duration: write a number with a unit (30s, 5m, 1h30m) or cluster.<setting>"],
  ])('refuses %s', (text, message) => {
    const parsed = parseDurationExpression(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toBe(message);
  });

  it('tells literal expressions from those that need a target', () => {
    const literal = parseDurationExpression('1m + 30s');
    const setting = parseDurationExpression('cluster.heartbeatTimeout + 30s');
    expect(literal.ok && isSettingFree(literal.expr)).toBe(true);
    expect(setting.ok && isSettingFree(setting.expr)).toBe(false);
  });

  it('reports a negative result on a particular cluster', () => {
    const parsed = parseDuration('cluster.quarantineDuration - 3h', at);
    if (!parsed.ok) throw new Error('should parse');
    expect(evaluateDurationChecked(parsed.duration, settings)).toEqual({
      ok: false,
      message: "'cluster.quarantineDuration - 3h' is negative on this cluster (-3600000 ms)",
    });
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1_500, '1500ms'],
    [30_000, '30s'],
    [5_400_000, '1h30m'],
    [150_000, '2m30s'],
  ])('%d ms reads %s', (value, text) => {
    expect(formatDuration(value)).toBe(text);
  });
});
