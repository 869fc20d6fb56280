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
  it('the layout changes only with a layout diff from the worker, and keeps unchanged nodes', () => {
    const n = (id: string, x: number) => ({ id, type: 'object' as const, x, y: 0, w: 10, h: 10, data: { k: id } });
    const a = apply(initialCluster, patch({ upsert: [pvc('1')], layout: { nodes: [n('a', 0), n('b', 20)], removedNodes: [], edges: [], removedEdges: [], width: 30, height: 10 } }));
    expect(a.structure).toBe(1);
    const statusOnly = apply(a, patch({ upsert: [pvc('2', undefined, 'Lost')] }));
    expect(statusOnly.structure).toBe(1);
    expect(statusOnly.layout).toBe(a.layout);
    const moved = apply(statusOnly, patch({ layout: { nodes: [n('b', 40)], removedNodes: ['a'], edges: [], removedEdges: [], width: 50, height: 10 } }));
    expect(moved.structure).toBe(2);
    expect(moved.layout.nodes.map((g) => [g.id, g.x])).toEqual([['b', 40]]);
    const removed = apply(moved, patch({ removed: ['PersistentVolumeClaim/default/c'] }));
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
