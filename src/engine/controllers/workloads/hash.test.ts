import { describe, expect, it } from 'vitest';
import { computeHash, fnv32a, safeEncodeString } from './hash';

describe('ComputeHash building blocks', () => {
  it.each([
    // FNV-1a 32-bit reference vectors (RFC draft / isthe.com test suite)
    { input: '', want: 0x811c9dc5 },
    { input: 'a', want: 0xe40c292c },
    { input: 'foobar', want: 0xbf9cf968 },
  ])('fnv32a("$input")', ({ input, want }) => {
    expect(fnv32a(new TextEncoder().encode(input))).toBe(want);
  });

  it('SafeEncodeString maps each byte into the vowel-free alphabet (byte % 27)', () => {
    // '0' = 48 → 48 % 27 = 21 → '4'; '9' = 57 → 57 % 27 = 3 → 'f'
    expect(safeEncodeString('09')).toBe('4f');
  });

  it('is stable under key order and changes with the template or the collision count', () => {
    const a = computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } });
    const b = computeHash({ spec: { containers: [{ image: 'nginx:1', name: 'c' }] }, metadata: { labels: { app: 'web' } } });
    const c = computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(computeHash({ x: 1 }, 1)).not.toBe(computeHash({ x: 1 }));
    expect(a).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  });
});
