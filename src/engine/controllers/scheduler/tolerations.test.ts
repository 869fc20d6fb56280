import { describe, expect, it } from 'vitest';
import { findUntoleratedScheduleTaint, minTolerationSeconds, toleratesTaint, type Taint, type Toleration } from './tolerations';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const gpu: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' };

describe('Toleration.ToleratesTaint', () => {
  it.each([
    { name: 'Exists with no key tolerates everything', t: { operator: 'Exists' }, taint: gpu, want: true },
    { name: 'Equal needs the same value', t: { key: 'dedicated', operator: 'Equal', value: 'cpu' }, taint: gpu, want: false },
    { name: 'empty operator means Equal', t: { key: 'dedicated', value: 'gpu' }, taint: gpu, want: true },
    { name: 'an effect must match when given', t: { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, taint: gpu, want: false },
    { name: 'no effect matches every effect', t: { key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, taint: unreachable, want: true },
  ] as { name: string; t: Toleration; taint: Taint; want: boolean }[])('$name', ({ t, taint, want }) => {
    expect(toleratesTaint(t, taint)).toBe(want);
  });
});

describe('scheduling taints and eviction timing', () => {
  it('PreferNoSchedule never blocks; the first untolerated NoSchedule/NoExecute taint is reported', () => {
    const taints: Taint[] = [{ key: 'soft', effect: 'PreferNoSchedule' }, gpu, unreachable];
    expect(findUntoleratedScheduleTaint(taints, [])).toEqual(gpu);
    expect(findUntoleratedScheduleTaint(taints, [{ key: 'dedicated', operator: 'Exists' }])).toEqual(unreachable);
  });

  it.each([
    { name: 'no toleration: evict now', tolerations: [] as Toleration[], want: 0 },
    { name: 'DefaultTolerationSeconds: 300 s', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], want: 300 },
    { name: 'without tolerationSeconds: tolerated forever', tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }], want: undefined },
    {
      name: 'the smallest of several matching tolerations wins',
      tolerations: [
        { operator: 'Exists', tolerationSeconds: 600 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 },
      ],
      want: 30,
    },
  ])('$name', ({ tolerations, want }) => {
    expect(minTolerationSeconds([unreachable], tolerations)).toBe(want);
  });
});
