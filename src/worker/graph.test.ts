import { describe, expect, it } from 'vitest';
import type { KObject } from '../engine/model/types';
import type { Patch } from '../protocol/messages';
import { computeLayout } from '../protocol/layout';
import { applyLayoutDiff, EMPTY_LAYOUT } from '../protocol/layout-diff';
import { GraphTracker } from './graph';

const cluster = { name: 'c', nodes: [{ name: 'n1', zone: 'z-a' }], drivers: [] };
const node: KObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', resourceVersion: '1', labels: { 'topology.kubernetes.io/zone': 'z-a' } } };
const pv = (name: string, claim?: string): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, resourceVersion: '1' },
  spec: { capacity: { storage: '1Gi' }, ...(claim ? { claimRef: { namespace: 'default', name: claim } } : {}) },
  status: { phase: claim ? 'Bound' : 'Available' },
});
const pvc = (name: string, volumeName?: string, phase = 'Pending'): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', resourceVersion: '1' },
  spec: { volumeName },
  status: { phase },
});
const patch = (p: Partial<Patch>): Patch => ({ time: 0, upsert: [], removed: [], eventsReset: false, events: [], tracesReset: false, traces: [], transitions: [], ...p });
const tracker = () => {
  const t = new GraphTracker();
  t.reset(cluster);
  return t;
};

describe('GraphTracker', () => {
  it('a status-only change sends no layout; a new object or a binding sends only what moved', () => {
    const t = tracker();
    const pvs = Array.from({ length: 50 }, (_, i) => pv(`v${String(i).padStart(2, '0')}`));
    const first = t.update(patch({ upsert: [node, ...pvs] }))!;
    expect(first.nodes.length).toBe(t.current.nodes.length);
    expect(t.update(patch({ upsert: [{ ...pvs[3], status: { phase: 'Released' } }] }))).toBeUndefined();
    // a new claim: its card (and the claims' section label) appear; no volume moves
    const claim = t.update(patch({ upsert: [pvc('c')] }))!;
    expect(claim.nodes.map((n) => n.id)).toContain('PersistentVolumeClaim/default/c');
    expect(claim.nodes.filter((n) => n.id.startsWith('PersistentVolume/'))).toEqual([]);
    expect(claim.removedNodes).toEqual([]);
    // binding moves the claim over its volume and adds the claim → volume edge
    const bind = t.update(patch({ upsert: [pvc('c', 'v07', 'Bound'), pv('v07', 'c')] }))!;
    expect(bind.nodes.map((n) => n.id)).toEqual(['PersistentVolumeClaim/default/c']);
    expect(bind.edges.map((e) => e.id)).toEqual(['vol:PersistentVolumeClaim/default/c->PersistentVolume//v07']);
  });

  it('the diffs applied in turn give the layout computed from scratch', () => {
    const t = tracker();
    let ui = EMPTY_LAYOUT;
    const steps: Patch[] = [
      patch({ upsert: [node, pv('a'), pv('b')] }),
      patch({ upsert: [pvc('c')] }),
      patch({ upsert: [pvc('c', 'b', 'Bound'), pv('b', 'c')], transitions: [{ key: 'PersistentVolumeClaim/default/c', from: 'Pending', to: 'Bound', time: 1 }] }),
      patch({ removed: ['PersistentVolume//a'] }),
    ];
    for (const p of steps) {
      const d = t.update(p);
      if (d) ui = applyLayoutDiff(ui, d);
    }
    const full = computeLayout({ objects: t['objects'], assets: [], cluster, components: [...t.acted] });
    const byId = (l: typeof ui) => Object.fromEntries(l.nodes.map((n) => [n.id, n]));
    expect(byId(ui)).toEqual(byId(full));
    expect(new Set(ui.edges.map((e) => e.id))).toEqual(new Set(full.edges.map((e) => e.id)));
    expect(ui.nodes.map((n) => n.id)).not.toContain('PersistentVolume//a');
    expect([ui.width, ui.height]).toEqual([full.width, full.height]);
  });

  it('a claim becoming Bound shows the PV controller; a VolumeAttachment the attach/detach controller', () => {
    const t = tracker();
    t.update(patch({ upsert: [node, pvc('c')] }));
    expect(t.acted).toEqual([]);
    const d = t.update(patch({ upsert: [pvc('c', 'v', 'Bound')], transitions: [{ key: 'PersistentVolumeClaim/default/c', from: 'Pending', to: 'Bound', time: 1 }] }));
    expect(t.acted).toEqual(['pv-controller']);
    expect(d?.nodes.map((n) => n.id)).toContain('comp:pv-controller');
    const va: KObject = { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'csi-1', resourceVersion: '5' }, spec: {} };
    t.update(patch({ upsert: [va] }));
    expect(t.acted).toEqual(['attachdetach-controller', 'pv-controller']);
  });
});
