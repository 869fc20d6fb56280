import { describe, expect, it } from 'vitest';
import { createSimulation } from './create';
import { BUILTIN_PROFILES } from '../storage/builtin-profiles';
import { loadClusterProfile } from '../storage/profiles';

describe('bootstrap from a profile', () => {
  it('alicloud: Nodes with the profile labels, a CSIDriver per CSI driver, CSINodes with topology keys, the classes, a root file system per node', () => {
    const cluster = loadClusterProfile(BUILTIN_PROFILES.alicloud);
    const sim = createSimulation(cluster);
    const nodes = sim.store.list('Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(cluster.nodes.map((n) => n.name));
    expect(nodes[2].metadata.labels).toMatchObject({ 'kubernetes.io/hostname': 'cn-hangzhou.192.168.1.10', 'topology.kubernetes.io/zone': 'cn-hangzhou-b' });
    const drivers = sim.store.list<{ spec: { attachRequired: boolean } }>('CSIDriver');
    expect(drivers.map((d) => [d.metadata.name, d.spec.attachRequired])).toEqual([
      ['diskplugin.csi.alibabacloud.com', true],
      ['nasplugin.csi.alibabacloud.com', false],
    ]);
    const csiNode = sim.store.get<{ spec: { drivers: { name: string; nodeID: string; topologyKeys: string[] | null }[] } }>('CSINode', undefined, 'cn-hangzhou.192.168.0.10')!;
    expect(csiNode.spec.drivers.map((d) => [d.name, d.nodeID, d.topologyKeys])).toEqual([
      ['diskplugin.csi.alibabacloud.com', 'cn-hangzhou.192.168.0.10', ['topology.diskplugin.csi.alibabacloud.com/zone']],
      ['nasplugin.csi.alibabacloud.com', 'cn-hangzhou.192.168.0.10', null],
    ]);
    expect(sim.store.list('StorageClass').map((s) => s.metadata.name).sort()).toEqual(['alicloud-disk-topology-alltype', 'alicloud-nas-subpath', 'csi-disk']);
    expect(sim.backends.list().filter((a) => a.kind === 'node-dir').map((a) => a.id)).toEqual(cluster.nodes.map((n) => `node:${n.name}`));
  });

  it('minikube: a non-CSI provisioner gets no CSIDriver and no CSINode entry', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.minikube));
    expect(sim.store.list('CSIDriver')).toEqual([]);
    expect(sim.store.get<{ spec: { drivers: unknown[] } }>('CSINode', undefined, 'minikube')?.spec.drivers).toEqual([]);
    expect(sim.store.get('StorageClass', undefined, 'standard')?.metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
  });
});

describe('bootstrap errors', () => {
  it('a profile object the API server refuses names the profile and the object', () => {
    const cluster = loadClusterProfile(BUILTIN_PROFILES.minikube);
    const bad = { ...cluster, objects: [{ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'broken' }, provisioner: 'x.example.com', reclaimPolicy: 'Recycle' }] };
    expect(() => createSimulation(bad)).toThrow(/^cluster profile "minikube": StorageClass "broken": .*reclaimPolicy/);
  });
});
