import { describe, expect, it } from 'vitest';
import { humanDuration } from './duration';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

// Cases follow the branches of k8s.io/apimachinery/pkg/util/duration.HumanDuration.
describe('humanDuration', () => {
  it.each([
    ['less than two seconds in the future is now', -1500, '0s'],
    ['two seconds in the future is invalid', -2 * S, '<invalid>'],
    ['seconds below two minutes', 119 * S, '119s'],
    ['two minutes exactly', 2 * M, '2m'],
    ['minutes and seconds below ten minutes', 2 * M + 5 * S, '2m5s'],
    ['ten minutes drops seconds', 10 * M + 59 * S, '10m'],
    ['minutes up to three hours', 179 * M, '179m'],
    ['three hours', 3 * H, '3h'],
    ['hours and minutes below eight hours', 7 * H + 59 * M, '7h59m'],
    ['eight hours drops minutes', 8 * H + 30 * M, '8h'],
    ['hours below two days', 47 * H, '47h'],
    ['two days', 2 * D, '2d'],
    ['days and hours below eight days', 7 * D + 23 * H, '7d23h'],
    ['days below two years', 400 * D, '400d'],
    ['years and days below eight years', 2 * 365 * D + 3 * D, '2y3d'],
    ['whole years', 9 * 365 * D, '9y'],
  ])('%s', (_name, ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});
