import { describe, expect, it } from 'vitest';
import type { UiEvent } from '../../../protocol/messages';
import { eventObject, eventRows, lastSeen } from './rows';

const ev = (seq: number, id: string, time: number, count: number, first: number, name = 'data'): UiEvent => ({
  seq,
  id,
  time,
  first,
  count,
  involved: { kind: 'PersistentVolumeClaim', namespace: 'default', name },
  type: 'Normal',
  reason: 'ExternalProvisioning',
  message: 'Waiting for a volume to be created either by the external provisioner',
  source: { component: 'persistentvolume-controller' },
});

describe('eventRows', () => {
  it('an aggregated Event is one row carrying its latest count, not one row per emission', () => {
    const rows = eventRows([ev(1, 'default/data.1', 1000, 1, 1000), ev(2, 'default/other.2', 2000, 1, 2000, 'other'), ev(3, 'default/data.1', 16_000, 2, 1000)]);
    expect(rows.map((r) => [r.id, r.count])).toEqual([
      ['default/data.1', 2],
      ['default/other.2', 1],
    ]);
  });
  it('newest first by last emission; the filter keeps one object', () => {
    const rows = eventRows([ev(1, 'default/a.1', 1000, 1, 1000, 'a'), ev(2, 'default/b.2', 5000, 1, 5000, 'b')]);
    expect(rows.map((r) => r.id)).toEqual(['default/b.2', 'default/a.1']);
    expect(eventRows([ev(1, 'default/a.1', 1000, 1, 1000, 'a'), ev(2, 'default/b.2', 5000, 1, 5000, 'b')], 'PersistentVolumeClaim/default/a').map((r) => r.id)).toEqual([
      'default/a.1',
    ]);
  });
});

describe('lastSeen (kubectl events getInterval)', () => {
  // HumanDuration of now − timestamp, timestamps in whole seconds (metav1.Time)
  const cases: [string, UiEvent, number, string][] = [
    ['a single emission shows the age of its first timestamp', ev(1, 'x', 1500, 1, 1500), 46_000, '45s'],
    ['an aggregated one shows last (xN over first)', ev(3, 'x', 33_900, 3, 1200), 46_000, '13s (x3 over 45s)'],
    ['minutes from two minutes on (10m boundary keeps seconds below)', ev(2, 'x', 100_000, 2, 0), 250_000, '2m30s (x2 over 4m10s)'],
  ];
  it.each(cases)('%s', (_, e, now, want) => expect(lastSeen(e, now)).toBe(want));
  it('OBJECT is the lower-cased kind and the name', () => expect(eventObject(ev(1, 'x', 0, 1, 0))).toBe('persistentvolumeclaim/data'));
});
