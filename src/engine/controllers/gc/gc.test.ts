import { describe, expect, it } from 'vitest';
import type { KObject } from '../../model/types';
import { makeSim, pod } from '../scheduler/test-cluster';
import { newReplicaSetController } from '../workloads/replicaset';
import { newDeploymentController } from '../workloads/deployment';
import { newGarbageCollector } from './garbage-collector';
import { newPodGCController } from './podgc';

const rs = (replicas = 2): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

const names = (s: ReturnType<typeof makeSim>, kind: 'Pod' | 'ReplicaSet' | 'Deployment' | 'ConfigMap') => s.store.list(kind).map((o) => o.metadata.name).sort();

describe('garbage collector', () => {
  it('background: the owner goes at once, then its dependents', () => {
    const s = makeSim([newReplicaSetController, newGarbageCollector]);
    s.store.create(rs());
    s.drain();
    expect(names(s, 'Pod')).toHaveLength(2);
    s.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Background' });
    s.drain();
    expect(names(s, 'ReplicaSet')).toEqual([]);
    expect(names(s, 'Pod')).toEqual([]);
  });

  it('orphan: dependents lose their ownerReference and stay; the owner goes once its orphan finalizer is removed', () => {
    const s = makeSim([newReplicaSetController, newGarbageCollector]);
    s.store.create(rs());
    s.drain();
    const before = names(s, 'Pod');
    s.store.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Orphan' });
    s.drain();
    expect(names(s, 'ReplicaSet')).toEqual([]);
    expect(names(s, 'Pod')).toEqual(before);
    for (const p of s.store.list('Pod')) expect(p.metadata.ownerReferences).toBeUndefined();
  });

  it('foreground: the Deployment stays (deletionTimestamp, foregroundDeletion) until ReplicaSet and pods are gone', () => {
    const s = makeSim([newReplicaSetController, newDeploymentController, newGarbageCollector]);
    s.store.create({ ...rs(), kind: 'Deployment', spec: { ...(rs().spec as object), replicas: 1 } });
    s.drain();
    // Hold the pod with a finalizer so the waiting is visible.
    const p = structuredClone(s.store.list('Pod')[0]);
    p.metadata.finalizers = ['test/hold'];
    s.store.update(p);
    s.store.delete('Deployment', 'default', 'web', { propagationPolicy: 'Foreground' });
    s.drain();
    const d = s.store.get('Deployment', 'default', 'web')!;
    expect(d.metadata.deletionTimestamp).toBeDefined();
    expect(d.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(s.store.list('Pod')[0].metadata.deletionTimestamp).toBeDefined();
    const held = structuredClone(s.store.list('Pod')[0]);
    held.metadata.finalizers = [];
    s.store.update(held);
    s.drain();
    expect(names(s, 'Pod')).toEqual([]);
    expect(names(s, 'ReplicaSet')).toEqual([]);
    expect(names(s, 'Deployment')).toEqual([]);
  });

  it.each([
    { name: 'one of two owners gone: only that reference is dropped', second: 'live', wantKept: true },
    { name: 'owner recreated with the same name (other uid): the dependent is collected', second: 'none', wantKept: false },
  ])('$name', ({ second, wantKept }) => {
    const s = makeSim([newGarbageCollector]);
    const a = s.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner-a', namespace: 'default' } }).obj;
    const b = s.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner-b', namespace: 'default' } }).obj;
    const ref = (o: KObject) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid! });
    const refs = second === 'live' ? [ref(a), ref(b)] : [ref(a)];
    s.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dep', namespace: 'default', ownerReferences: refs } });
    s.drain();
    s.store.delete('ConfigMap', 'default', 'owner-a');
    s.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner-a', namespace: 'default' } });
    s.drain();
    const dep = s.store.get('ConfigMap', 'default', 'dep');
    expect(!!dep).toBe(wantKept);
    if (dep) expect(dep.metadata.ownerReferences).toEqual([ref(b)]);
  });
});

describe('pod GC', () => {
  it('a pod bound to a node that no longer exists is marked Failed (DeletionByPodGC) and force-deleted', () => {
    const s = makeSim([newPodGCController]);
    const p = pod('orphan', { nodeName: 'node-3' });
    p.metadata.finalizers = ['test/watch']; // keeps the object visible after the delete to check the status
    s.store.create(p);
    s.store.delete('Node', undefined, 'node-3');
    s.drain();
    const got = s.store.get('Pod', 'default', 'orphan')!;
    expect(got.metadata.deletionTimestamp).toBeDefined();
    expect(got.status).toMatchObject({ phase: 'Failed', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }] });
  });
});
