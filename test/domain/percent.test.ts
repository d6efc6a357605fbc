import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/domain/percent.js';

describe('formatPercent: one precision everywhere', () => {
  it('one decimal, half up, from integers', () => {
    expect(formatPercent(1739, 2000)).toBe('87.0%'); // 86.95%: vote show and the notice agree
    expect(formatPercent(2, 3)).toBe('66.7%');
    expect(formatPercent(1, 3)).toBe('33.3%');
    expect(formatPercent(0, 5)).toBe('0.0%');
    expect(formatPercent(5, 5)).toBe('100.0%');
    expect(formatPercent(1, 0)).toBe('—');
  });
});
