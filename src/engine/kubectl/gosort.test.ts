// Go's sort.Sort is not stable; kubectl describe orders events with it. The fixture is a pod's events in
// API list order (by name) and the order kubectl 1.32 printed them in (observed through the HTTP API).
import { describe, expect, it } from 'vitest';
import { goSort } from './gosort';

const LISTED: [string, number][] = [
  ['Pulling', 1518],
  ['Pulled 4.79s', 4],
  ['Created', 1519],
  ['Started', 1519],
  ['Pulled 380ms', 5],
  ['BackOff', 1519],
  ['Pulled 766ms', 15],
  ['Pulled 271ms', 36],
  ['Pulled 285ms', 76],
  ['Pulled 640ms', 157],
  ['Pulled 397ms', 317],
  ['Pulled 341ms', 617],
  ['Pulled 274ms', 918],
  ['Pulled 600ms', 1218],
  ['Pulled 491ms', 1519],
];

describe('goSort (pdqsort)', () => {
  it('orders ties among more than 12 elements exactly as kubectl describe printed them', () => {
    const out = goSort([...LISTED], (a, b) => a[1] < b[1]).map((x) => x[0]);
    expect(out).toEqual([
      'Pulled 4.79s',
      'Pulled 380ms',
      'Pulled 766ms',
      'Pulled 271ms',
      'Pulled 285ms',
      'Pulled 640ms',
      'Pulled 397ms',
      'Pulled 341ms',
      'Pulled 274ms',
      'Pulled 600ms',
      'Pulling',
      'BackOff',
      'Started',
      'Created',
      'Pulled 491ms',
    ]);
  });

  it('is an insertion sort (stable) up to 12 elements', () => {
    const items = [3, 1, 2, 1, 3, 2].map((k, i) => ({ k, i }));
    expect(goSort(items, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([1, 3, 2, 5, 0, 4]);
  });

  it('sorts large inputs', () => {
    const xs = Array.from({ length: 500 }, (_, i) => (i * 7919) % 503);
    expect(goSort([...xs], (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
  });
});
