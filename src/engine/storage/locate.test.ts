import { describe, expect, it } from 'vitest';
import { Backends } from './backends';
import { BUILTIN_PROFILES } from './builtin-profiles';
import { loadClusterProfile } from './profiles';
import { ensureStaticAsset, locatePersistentVolume } from './locate';
import { createSimulation } from '../sim/create';
import type { KObject } from '../model/types';

const ali = loadClusterProfile(BUILTIN_PROFILES.alicloud);
const mini = loadClusterProfile(BUILTIN_PROFILES.minikube);

const pv = (spec: Record<string, unknown>): KObject & { spec: Record<string, unknown> } => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv' }, spec });
const hostnameAffinity = (node: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } });

describe('locatePersistentVolume', () => {
  it.each([
    ['CSI: the volume handle', pv({ csi: { driver: 'diskplugin.csi.alibabacloud.com', volumeHandle: 'd-abc' } }), undefined, ali, { assetId: 'd-abc', path: '/' }],
    ['nfs: the export', pv({ nfs: { server: '10.0.0.5', path: '/exports' } }), undefined, ali, { assetId: 'nfs:10.0.0.5:/exports', path: '/' }],
    ['hostPath: the node the pod runs on', pv({ hostPath: { path: '/mnt/data' } }), 'cn-hangzhou.192.168.0.11', ali, { assetId: 'node:cn-hangzhou.192.168.0.11', path: '/mnt/data' }],
    ['hostPath in a one-node cluster: that node', pv({ hostPath: { path: '/tmp/x' } }), undefined, mini, { assetId: 'node:minikube', path: '/tmp/x' }],
    ['hostPath in a multi-node cluster without a node: unknown', pv({ hostPath: { path: '/mnt/data' } }), undefined, ali, undefined],
    ['local: the node its affinity pins', pv({ local: { path: '/mnt/disks/ssd1' }, nodeAffinity: hostnameAffinity('cn-hangzhou.192.168.1.10') }), undefined, ali, { assetId: 'node:cn-hangzhou.192.168.1.10', path: '/mnt/disks/ssd1' }],
  ] as const)('%s', (_n, p, node, cluster, want) => {
    expect(locatePersistentVolume(p as never, node, cluster)).toEqual(want);
  });
});

describe('ensureStaticAsset', () => {
  it('a static disk PV "exists in the cloud": made on first use with the PV size and the zone of its affinity, then reused', () => {
    const b = new Backends();
    const p = pv({
      capacity: { storage: '25Gi' },
      csi: { driver: 'diskplugin.csi.alibabacloud.com', volumeHandle: 'd-2ze4tf94z3fkeg6ttv52' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['cn-hangzhou-a'] }] }] } },
    });
    const a = ensureStaticAsset(b, ali, p as never, 100)!;
    expect(a).toMatchObject({ id: 'd-2ze4tf94z3fkeg6ttv52', kind: 'disk', zone: 'cn-hangzhou-a', sizeBytes: 25 * 2 ** 30, origin: 'static', createdAt: 100 });
    a.root.entries.f = { type: 'file', content: 'x', mode: 0o644, mtime: 0 };
    expect(ensureStaticAsset(b, ali, p as never, 200)).toBe(a);
  });

  it('a static NAS PV is a shared file system without a zone', () => {
    const p = pv({ capacity: { storage: '5Gi' }, csi: { driver: 'nasplugin.csi.alibabacloud.com', volumeHandle: 'nas-csi-pv', volumeAttributes: { server: 'x.nas.aliyuncs.com', path: '/k8s' } } });
    expect(ensureStaticAsset(new Backends(), ali, p as never, 0)).toMatchObject({ id: 'nas-csi-pv', kind: 'filesystem', zone: undefined, params: { server: 'x.nas.aliyuncs.com', path: '/k8s' } });
  });

  it('every node has its root file system from bootstrap, with /tmp and /mnt', () => {
    const sim = createSimulation(ali);
    for (const n of ali.nodes) {
      const a = sim.backends.get(`node:${n.name}`);
      expect(a?.kind).toBe('node-dir');
      expect(Object.keys(a!.root.entries).sort()).toEqual(['mnt', 'tmp', 'var']);
    }
  });
});
