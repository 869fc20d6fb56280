// Which events wake which nodes: a node with nothing pending is woken by a claim/PV event only when that
// claim or PV is one its pods or attachments use, and each pod's attachable volumes are kept between
// reconciles until the pod's volumes or a claim/PV/CSIDriver they were computed from change. Upstream's
// DSW populator re-reads a pod's volumes on pod and claim/PV informer events the same way; these cases
// would stall (no attach, no Multi-Attach) if a wake-up or an invalidation were missed.
import { describe, expect, it } from 'vitest';
import { boundPair, claimVolume, createPod, eventsOf, newTestSim, podOf, DISK_DRIVER } from '../kubelet/testing';
import type { Simulation } from '../../sim/simulation';

const app = [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }];
const usesClaim = (claim: string) => [claimVolume('data', claim)];
const attachedTo = (sim: Simulation, pv: string) =>
  sim.store
    .list('VolumeAttachment')
    .filter((v) => (v.spec as { source: { persistentVolumeName?: string } }).source.persistentVolumeName === pv)
    .map((v) => (v.spec as { nodeName: string }).nodeName);

describe('attach/detach wake-ups on a node with nothing pending', () => {
  const cases: { name: string; later: (sim: Simulation) => void }[] = [
    { name: 'claim and PV created after the pod (claim names the PV first)', later: (sim) => boundPair(sim, { name: 'later' }) },
    {
      name: 'PV created after a claim that already names it',
      later: (sim) => {
        // The claim alone first (its PV does not exist yet), then the PV: the PV event must wake the node.
        const claim = sim.store.create({
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'later', namespace: 'default' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '', volumeName: 'pv-later' },
        }).obj;
        sim.settle();
        expect(attachedTo(sim, 'pv-later')).toEqual([]);
        sim.store.create({
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: 'pv-later' },
          spec: {
            capacity: { storage: '1Gi' },
            accessModes: ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: 'Retain',
            storageClassName: '',
            claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: 'default', name: 'later', uid: claim.metadata.uid },
            csi: { driver: DISK_DRIVER, volumeHandle: 'd-later', fsType: 'ext4' },
          },
        });
      },
    },
  ];
  for (const c of cases)
    it(`attaches a second pod's volume once it resolves: ${c.name}`, () => {
      const sim = newTestSim();
      boundPair(sim, { name: 'first' });
      createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('first') });
      sim.settle();
      expect(attachedTo(sim, 'pv-first')).toEqual(['node-1']);
      // Pod b waits for a claim that does not exist yet; node-1 has nothing else to do.
      createPod(sim, { name: 'b', node: 'node-1', containers: app, volumes: usesClaim('later') });
      sim.settle();
      expect(attachedTo(sim, 'pv-later')).toEqual([]);
      c.later(sim);
      sim.settle();
      expect(attachedTo(sim, 'pv-later')).toEqual(['node-1']);
      expect(eventsOf(sim, 'Pod', 'b').some((e) => e.reason === 'SuccessfulAttachVolume')).toBe(true);
      expect(podOf(sim, 'b')!.status!.phase).toBe('Running');
    });

  it('reports Multi-Attach for a pod on another node while the first node has nothing pending', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data' });
    createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    createPod(sim, { name: 'b', node: 'node-2', containers: app, volumes: usesClaim('data') });
    sim.settle();
    const failed = eventsOf(sim, 'Pod', 'b').filter((e) => e.reason === 'FailedAttachVolume');
    expect(failed.map((e) => e.message)).toEqual(['Multi-Attach error for volume "pv-data" Volume is already used by pod(s) a']);
    expect(attachedTo(sim, 'pv-data')).toEqual(['node-1']);
  });

  it('detaches from a node with nothing pending when its only pod goes away', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data' });
    createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    sim.store.delete('Pod', 'default', 'a');
    sim.settle();
    expect(attachedTo(sim, 'pv-data')).toEqual([]);
    expect(sim.backends.get('d-data')!.attachedTo).toEqual([]);
  });
});
