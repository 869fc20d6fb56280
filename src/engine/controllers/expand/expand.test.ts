// Volume expansion of a mounted CSI disk: expand controller (ExternalExpanding), external-resizer (Resizing,
// ControllerExpandVolume, PV capacity, FileSystemResizePending, FileSystemResizeRequired) and the kubelet's
// NodeExpandVolume (claim status.capacity, FileSystemResizeSuccessful) — texts from the semantics reference §10.1.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';
import { bootstrap } from '../../sim/bootstrap';
import { ADMISSION, STRATEGIES } from '../../api';
import { attachDetachController } from '../attachdetach/controller';
import { externalAttacher } from '../attachdetach/external-attacher';
import { kubeletController } from '../kubelet/controller';
import { rootCaPublisher } from '../kubelet/root-ca-publisher';
import { boundPair, claimVolume, createPod, eventsOf, sh, TEST_CLUSTER, DISK_DRIVER, NAS_DRIVER } from '../kubelet/testing';
import { expandController, RESIZER_ANNOTATION } from './expand-controller';
import { externalResizer, FS_RESIZE_PENDING_MESSAGE } from './external-resizer';
import type { KObject } from '../../model/types';

function setup(driver: string) {
  const sim = new Simulation({
    cluster: TEST_CLUSTER,
    seed: 5,
    controllers: [rootCaPublisher, attachDetachController, externalAttacher, kubeletController, expandController, externalResizer],
    strategies: STRATEGIES,
    admission: ADMISSION,
  });
  bootstrap(sim);
  sim.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'expandable' }, provisioner: driver, allowVolumeExpansion: true });
  boundPair(sim, { name: 'data', driver, storageClass: 'expandable', accessModes: driver === NAS_DRIVER ? ['ReadWriteMany'] : ['ReadWriteOnce'] });
  sim.settle();
  return sim;
}

const claim = (sim: Simulation) => sim.store.get('PersistentVolumeClaim', 'default', 'data') as KObject & { status: Record<string, any>; metadata: { annotations?: Record<string, string> } };

function grow(sim: Simulation, size: string) {
  sim.store.patch('PersistentVolumeClaim', 'default', 'data', 'merge', { spec: { resources: { requests: { storage: size } } } });
}

describe('volume expansion', () => {
  it('disk in use: controller expand, then NodeExpandVolume on the node, then the claim shows the new size', () => {
    const sim = setup(DISK_DRIVER);
    createPod(sim, { name: 'db', node: 'node-1', containers: [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [claimVolume('data', 'data')] });
    sim.settle();
    grow(sim, '30Gi');
    sim.drain();
    expect(claim(sim).metadata.annotations?.[RESIZER_ANNOTATION]).toBe(DISK_DRIVER);
    expect(claim(sim).status.conditions.map((c: { type: string }) => c.type)).toEqual(['Resizing']);
    sim.settle();
    const pvcEvents = eventsOf(sim, 'PersistentVolumeClaim', 'data').map((e) => [e.reason, e.message, e.source.component]);
    expect(pvcEvents).toEqual([
      ['ExternalExpanding', 'waiting for an external controller to expand this PVC', 'volume_expand'],
      ['Resizing', 'External resizer is resizing volume pv-data', `external-resizer ${DISK_DRIVER}`],
      ['FileSystemResizeRequired', 'Require file system resize of volume on node', `external-resizer ${DISK_DRIVER}`],
      // node_expander.go: recorded on the pod and on the claim
      ['FileSystemResizeSuccessful', 'MountVolume.NodeExpandVolume succeeded for volume "pv-data" node-1', 'kubelet'],
    ]);
    expect((sim.store.get('PersistentVolume', undefined, 'pv-data')!.spec as { capacity: { storage: string } }).capacity.storage).toBe('30Gi');
    expect(claim(sim).status.capacity.storage).toBe('30Gi');
    expect(claim(sim).status.conditions).toBeUndefined();
    expect(eventsOf(sim, 'Pod', 'db').find((e) => e.reason === 'FileSystemResizeSuccessful')?.message).toBe('MountVolume.NodeExpandVolume succeeded for volume "pv-data" node-1');
    expect(sh(sim, 'db', 'df -h /data').stdout.split('\n')[1]).toMatch(/^\/dev\/vdb +30\.0G/);
  });

  it('disk not in use: stays FileSystemResizePending until a pod mounts it', () => {
    const sim = setup(DISK_DRIVER);
    grow(sim, '25Gi');
    sim.settle();
    expect(claim(sim).status.capacity.storage).toBe('20Gi');
    expect(claim(sim).status.conditions).toEqual([expect.objectContaining({ type: 'FileSystemResizePending', status: 'True', message: FS_RESIZE_PENDING_MESSAGE })]);
    createPod(sim, { name: 'late', node: 'node-2', containers: [{ name: 'c', image: 'nginx:1.27' }], volumes: [claimVolume('data', 'data')] });
    sim.settle();
    expect(claim(sim).status.capacity.storage).toBe('25Gi');
  });

  it('a file system share needs no node step: VolumeResizeSuccessful', () => {
    const sim = setup(NAS_DRIVER);
    grow(sim, '50Gi');
    sim.settle();
    expect(eventsOf(sim, 'PersistentVolumeClaim', 'data').map((e) => e.reason)).toEqual(['ExternalExpanding', 'Resizing', 'VolumeResizeSuccessful']);
    expect(eventsOf(sim, 'PersistentVolumeClaim', 'data').at(-1)!.message).toBe('Resize volume succeeded');
    expect(claim(sim).status.capacity.storage).toBe('50Gi');
  });
});
