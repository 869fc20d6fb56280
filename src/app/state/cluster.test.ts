import { describe, expect, it } from 'vitest';
import type { KObject } from '../../engine/model/types';
import type { Patch } from '../../protocol/messages';
import { initialCluster, reducePatch, type ClusterState } from './cluster';

const pvc = (rv: string, volumeName?: string, phase = 'Pending'): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'c', namespace: 'default', resourceVersion: rv },
  spec: { volumeName },
  status: { phase },
});
const pv = (): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v', resourceVersion: '1' } });
const patch = (p: Partial<Patch>): Patch => ({ time: 0, upsert: [], removed: [], eventsReset: false, events: [], tracesReset: false, traces: [], transitions: [], ...p });
const apply = (st: ClusterState, p: Patch): ClusterState => ({ ...st, ...reducePatch(st, p) });

describe('reducePatch', () => {
  it('unchanged records keep identity', () => {
    const a = apply(initialCluster, patch({ upsert: [pvc('1'), pv()] }));
    const b = apply(a, patch({ upsert: [pvc('2', undefined, 'Pending')] }));
    expect(b.objects['PersistentVolume//v']).toBe(a.objects['PersistentVolume//v']);
    expect(b.objects['PersistentVolumeClaim/default/c']).not.toBe(a.objects['PersistentVolumeClaim/default/c']);
  });
  it('a status-only change keeps the layout; a binding or a new object changes it', () => {
    const a = apply(initialCluster, patch({ upsert: [pvc('1')] }));
    expect(a.structure).toBe(1);
    const statusOnly = apply(a, patch({ upsert: [pvc('2', undefined, 'Lost')] }));
    expect(statusOnly.structure).toBe(1);
    const bound = apply(statusOnly, patch({ upsert: [pvc('3', 'v', 'Bound')] }));
    expect(bound.structure).toBe(2);
    const removed = apply(bound, patch({ removed: ['PersistentVolumeClaim/default/c'] }));
    expect(removed.structure).toBe(3);
    expect(removed.objects).toEqual({});
  });
  it('an empty patch keeps the same maps', () => {
    const a = apply(initialCluster, patch({ upsert: [pv()] }));
    const b = apply(a, patch({ time: 5 }));
    expect(b.objects).toBe(a.objects);
    expect(b.events).toBe(a.events);
    expect(b.time).toBe(5);
  });
});

describe('components that acted', () => {
  it('a claim becoming Bound shows the PV controller; a VolumeAttachment the attach/detach controller', () => {
    const a = apply(initialCluster, patch({ upsert: [pvc('1')] }));
    expect(a.components).toEqual([]);
    const b = apply(a, patch({ upsert: [pvc('2', 'v', 'Bound')], transitions: [{ key: 'PersistentVolumeClaim/default/c', from: 'Pending', to: 'Bound', time: 1 }] }));
    expect(b.components).toEqual(['pv-controller']);
    const va: KObject = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'csi-1', resourceVersion: '5' }, spec: {} };
    expect(apply(b, patch({ upsert: [va] })).components).toEqual(['attachdetach-controller', 'pv-controller']);
  });
});
