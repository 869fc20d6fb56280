import { describe, expect, it } from 'vitest';
import { humanDuration, formatTable } from './printers';

// Boundaries of every branch of apimachinery's pkg/util/duration HumanDuration (read from its source).
describe('humanDuration', () => {
  it.each([
    [1, '1s'],
    [70, '70s'],
    [190, '3m10s'],
    [70 * 60, '70m'],
    [47 * 3600, '47h'],
    [49 * 3600, '2d1h'],
    [(8 * 24 + 2) * 3600, '8d'],
    [367 * 24 * 3600, '367d'],
    [(365 * 2 * 24 + 25) * 3600, '2y1d'],
    [365 * 2 * 24 * 3600, '2y'],
    [365 * 9 * 24 * 3600, '9y'],
    [-5, '0s'],
    [600, '10m'],
    [3 * 3600 + 60, '3h1m'],
  ])('%ds → %s', (s, want) => expect(humanDuration(s * 1000)).toBe(want));
});

describe('formatTable', () => {
  it('pads columns to the widest cell plus three spaces', () => {
    expect(formatTable({ headers: ['NAME', 'AGE'], rows: [['pv-a', '1h']] })).toBe('NAME   AGE\npv-a   1h');
  });
});
