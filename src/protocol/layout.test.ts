import { describe, expect, it } from 'vitest';
import type { KObject } from '../engine/model/types';
import { computeLayout, pack, relatedTo, type LayoutInput } from './layout';

const node = (name: string, zone: string): KObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'topology.kubernetes.io/zone': zone } } });
const pv = (name: string, claim?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { capacity: { storage: '1Gi' }, ...(claim ? { claimRef: { namespace: 'default', name: claim } } : {}) },
});
const pvc = (name: string, volumeName?: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { volumeName } });
const pod = (name: string, nodeName: string | undefined, claim: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName, volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }] },
});
const objs = (...os: KObject[]) => Object.fromEntries(os.map((o) => [`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o]));
const input = (o: Record<string, KObject>, components: string[] = []): LayoutInput => ({ objects: o, assets: [], components });
const pos = (l: ReturnType<typeof computeLayout>, id: string) => l.nodes.find((n) => n.id === id);

describe('pack', () => {
  it('keeps preferred positions and pushes right only to avoid overlap', () => {
    const out = pack([{ id: 'a', want: 0, w: 100 }, { id: 'b', want: 50, w: 100 }, { id: 'c', want: 500, w: 100 }], 0);
    expect([...out]).toEqual([['a', 0], ['b', 120], ['c', 500]]);
  });
});

describe('computeLayout', () => {
  const base = [node('n1', 'z-a'), node('n2', 'z-a'), node('n3', 'z-b')];
  it('groups nodes by zone and puts a scheduled pod inside its node', () => {
    const l = computeLayout(input(objs(...base, pvc('c'), pod('p', 'n3', 'c'))));
    expect(l.nodes.filter((n) => n.type === 'zone').map((n) => n.data.name)).toEqual(['z-a', 'z-b']);
    expect(pos(l, 'Pod/default/p')?.parent).toBe('Node//n3');
  });
  it('an unscheduled pod waits outside the nodes', () => {
    const l = computeLayout(input(objs(...base, pvc('c'), pod('p', undefined, 'c'))));
    expect(pos(l, 'Pod/default/p')?.parent).toBeUndefined();
  });
  it('binding a claim does not move any volume (stable slots)', () => {
    const before = computeLayout(input(objs(...base, pv('a'), pv('b'), pvc('c'))));
    const after = computeLayout(input(objs(...base, pv('a'), pv('b', 'c'), pvc('c', 'b'))));
    for (const id of ['PersistentVolume//a', 'PersistentVolume//b']) expect(pos(after, id)?.x).toBe(pos(before, id)?.x);
    // and the bound claim sits over its volume
    expect(pos(after, 'PersistentVolumeClaim/default/c')?.x).toBe(pos(after, 'PersistentVolume//b')?.x);
    expect(after.edges.map((e) => e.id)).toContain('vol:PersistentVolumeClaim/default/c->PersistentVolume//b');
  });
  it('components keep fixed slots: CSI parts on their own row, a second driver to the right', () => {
    const l = computeLayout(input(objs(...base), ['csi-controller/disk.csi', 'csi-provisioner', 'pv-controller', 'csi-controller/nas.csi']));
    const c = (id: string) => pos(l, `comp:${id}`)!;
    expect(c('csi-provisioner').y).toBe(c('csi-controller/disk.csi').y);
    expect(c('pv-controller').y).toBeLessThan(c('csi-provisioner').y);
    expect(c('csi-provisioner').x).toBeLessThan(c('csi-controller/disk.csi').x);
    expect(c('csi-controller/nas.csi').x).toBeGreaterThan(c('csi-controller/disk.csi').x);
  });
});

describe('empty rows collapse', () => {
  const base = [node('n1', 'z-a')];
  it('no control-plane or storage row before anything acted or exists', () => {
    const l = computeLayout(input(objs(...base)));
    const sections = l.nodes.filter((n) => n.type === 'section').map((n) => n.id);
    expect(sections).toEqual(['section:cluster']);
    expect(pos(l, 'Node//n1')!.y).toBeLessThan(80);
  });
  it('one component row when no CSI part acted, two when one did', () => {
    const one = computeLayout(input(objs(...base), ['pv-controller']));
    const two = computeLayout(input(objs(...base), ['pv-controller', 'csi-provisioner']));
    expect(pos(two, 'Node//n1')!.y - pos(one, 'Node//n1')!.y).toBeGreaterThan(0);
    expect(pos(one, 'comp:pv-controller')!.y).toBe(pos(two, 'comp:pv-controller')!.y);
  });
  it('layout is deterministic: the same input gives the same picture whatever the insertion order', () => {
    const a = computeLayout(input(objs(node('n2', 'z-a'), node('n1', 'z-a'), pv('b'), pv('a'))));
    const b = computeLayout(input(objs(pv('a'), node('n1', 'z-a'), pv('b'), node('n2', 'z-a'))));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});

describe('relatedTo', () => {
  it('follows pod → claim → volume but not through a class to other volumes', () => {
    const edges = [
      { id: '1', source: 'Pod/default/p', target: 'PersistentVolumeClaim/default/c', kind: 'claim' as const },
      { id: '2', source: 'PersistentVolumeClaim/default/c', target: 'PersistentVolume//v', kind: 'volume' as const },
      { id: '3', source: 'PersistentVolume//v', target: 'StorageClass//sc', kind: 'class' as const },
      { id: '4', source: 'PersistentVolume//other', target: 'StorageClass//sc', kind: 'class' as const },
    ];
    const r = relatedTo('Pod/default/p', edges, new Map([['Pod/default/p', 'Node//n1']]));
    expect([...r].sort()).toEqual(['Node//n1', 'PersistentVolume//v', 'PersistentVolumeClaim/default/c', 'Pod/default/p', 'StorageClass//sc']);
  });
});
