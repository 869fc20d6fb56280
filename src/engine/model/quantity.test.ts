import { describe, expect, it } from 'vitest';
import { canonicalQuantity, cmpQuantity, parseQuantity, quantityValue } from './quantity';

describe('resource.Quantity', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1G', '1G'],
    ['500Mi', '500Mi'],
    ['1.5Gi', '1536Mi'],
    ['100m', '100m'],
    ['1024Mi', '1Gi'],
    ['1000M', '1G'],
    ['1500M', '1500M'],
    ['0.5Gi', '512Mi'],
    ['0.5', '500m'],
    ['512', '512'],
    ['0.5Ki', '512'],
    ['1e3', '1e3'],
    ['10e2', '1e3'],
    ['0', '0'],
    ['20Gi', '20Gi'],
    ['1Mi', '1Mi'],
    ['-1Gi', '-1Gi'],
    ['.5', '500m'],
    ['5.', '5'],
  ])('%s prints as %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it.each(['', 'Gi', '1GB', '1.2.3', 'abc', '1 Gi', '--1'])('%j is rejected', (bad) => {
    expect(() => parseQuantity(bad)).toThrow();
  });

  it('compares across formats', () => {
    expect(cmpQuantity(parseQuantity('1Gi'), parseQuantity('1G'))).toBe(1);
    expect(cmpQuantity(parseQuantity('1000Mi'), parseQuantity('1Gi'))).toBe(-1);
    expect(cmpQuantity(parseQuantity('1024Mi'), parseQuantity('1Gi'))).toBe(0);
    expect(quantityValue(parseQuantity('1Gi'))).toBe(1073741824);
    expect(quantityValue(parseQuantity('100m'))).toBe(1);
  });
});
