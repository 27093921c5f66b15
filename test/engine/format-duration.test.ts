import { describe, expect, it } from 'vitest';
import { formatDuration, formatOffset } from '../../src/engine/format-duration.js';

describe('engine duration texts', () => {
  it('read like the runbook, with decimals off the whole second and no fractions of a millisecond', () => {
    expect(formatDuration(90_000)).toBe('1m30s');
    expect(formatDuration(102_488)).toBe('102.488s');
    expect(formatDuration(403.3325720000001)).toBe('403ms');
    expect(formatOffset(1_500.4)).toBe('+1.5s');
    expect(formatOffset(-5)).toBe('+0s');
  });
});
