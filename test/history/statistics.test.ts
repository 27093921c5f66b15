import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../src/history/statistics.js';

describe('statistics', () => {
  it('median of odd and even counts, regardless of order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('p95 by nearest rank', () => {
    const oneToTwenty = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(oneToTwenty, 95)).toBe(19);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile(oneToTwenty, 50)).toBe(10);
  });
});
