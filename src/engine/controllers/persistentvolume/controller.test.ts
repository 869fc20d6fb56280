// End-to-end behaviour of the persistentvolume-controller inside the simulation loop: binding,
// release, reuse, periodic resync and event aggregation, WaitForFirstConsumer, retroactive default
// class, external provisioning, reclaim policies against the simulated storage.
import { describe, expect, it } from 'vitest';
import { lookup, mkdirp } from '../../fs/tree';
import { ensureNodeRootFs } from '../../storage/locate';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_STORAGE_PROVISIONER } from '../volume/constants';
import { PV_CLAIM_BINDER_SYNC_PERIOD_MS, newPersistentVolumeController } from './controller';
import { events, getPV, getPVC, newSim, pod, pv, pvc, sc, ONE_NODE } from './testing/sim';

describe('persistentvolume-controller in the simulation', () => {
  it('binds a claim to the smallest matching volume and mirrors its capacity and modes', () => {
    const sim = newSim();
    sim.store.create(pv('big', { capacity: '10Gi' }));
    sim.store.create(pv('small', { capacity: '2Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany'] }));
    sim.store.create(pvc('data', { request: '1Gi' }));
    sim.settle();
    // RWO-only set first (fewest modes), even though RWO+ROX "small" is smaller.
    const claim = getPVC(sim, 'data')!;
    expect(claim.spec?.volumeName).toBe('big');
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '10Gi' } });
    expect(claim.metadata.annotations).toEqual({ [ANN_BIND_COMPLETED]: 'yes', [ANN_BOUND_BY_CONTROLLER]: 'yes' });
    const vol = getPV(sim, 'big')!;
    expect(vol.status?.phase).toBe('Bound');
    expect(vol.spec?.claimRef?.uid).toBe(claim.metadata.uid);
    expect(vol.status?.lastPhaseTransitionTime).toBeDefined();
    expect(getPV(sim, 'small')!.status?.phase).toBe('Available');
  });

  it('Released PV keeps the old uid: a re-created claim of the same name stays Pending until claimRef is cleared', () => {
    const sim = newSim();
    sim.store.create(pv('pv1'));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.settle();
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Released');
    sim.store.create(pvc('data'));
    sim.advance(3 * PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Released');
    expect(getPVC(sim, 'data')!.status?.phase).toBe('Pending');
    // The FailedBinding event repeats every resync and aggregates: (x4 over 45s).
    const failed = sim.eventLog.filter((e) => e.involved.name === 'data' && e.reason === 'FailedBinding');
    expect(failed.length).toBe(4);
    expect(failed[failed.length - 1].count).toBe(4);
    // kubectl patch pv pv1 -p '{"spec":{"claimRef":null}}'
    sim.store.patch('PersistentVolume', undefined, 'pv1', 'merge', { spec: { claimRef: null } });
    sim.settle();
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Available');
    sim.advance(PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    expect(getPVC(sim, 'data')!.spec?.volumeName).toBe('pv1');
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Bound');
  });

  it('pv-protection keeps a Bound PV Terminating; without the finalizer its claim turns Lost at once', () => {
    const sim = newSim();
    sim.store.create(pv('pv1'));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolume', undefined, 'pv1');
    sim.settle();
    expect(getPV(sim, 'pv1')!.metadata.deletionTimestamp).toBeDefined();
    expect(getPVC(sim, 'data')!.status?.phase).toBe('Bound');

    const bare = newSim([() => newPersistentVolumeController()]);
    bare.store.create(pv('pv1', { finalizers: [] }));
    bare.store.create(pvc('data', { finalizers: [] }));
    bare.settle();
    bare.store.delete('PersistentVolume', undefined, 'pv1');
    bare.drain();
    expect(getPVC(bare, 'data')!.status?.phase).toBe('Lost');
    expect(events(bare, 'data')).toEqual(['Warning ClaimLost Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
  });

  it('WaitForFirstConsumer: waits for a consumer, then names the unscheduled pod on the next resync', () => {
    const sim = newSim();
    sim.store.create(sc('local', 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' }));
    sim.store.create(pv('pv1', { className: 'local' }));
    sim.store.create(pvc('data', { className: 'local' }));
    sim.settle();
    expect(events(sim, 'data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    sim.store.create(pod('web', 'data'));
    sim.store.create(pod('web2', 'data'));
    sim.advance(PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    expect(events(sim, 'data').at(-1)).toBe('Normal WaitForPodScheduled waiting for pods web,web2 to be scheduled');
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Available');
  });

  it('assigns a default class retroactively at the next resync, then waits for the external provisioner', () => {
    const sim = newSim();
    sim.store.create(pvc('data', { className: null }));
    sim.settle();
    expect(events(sim, 'data')).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
    sim.store.create(sc('standard', 'disk.csi.example.com', { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }));
    sim.advance(PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    const claim = getPVC(sim, 'data')!;
    expect(claim.spec?.storageClassName).toBe('standard');
    expect(claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER]).toBe('disk.csi.example.com');
    expect(claim.metadata.annotations?.[ANN_BETA_STORAGE_PROVISIONER]).toBe('disk.csi.example.com');
    expect(events(sim, 'data').at(-1)).toBe(
      "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'disk.csi.example.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
  });

  it('a claim with storageClassName "" is never defaulted', () => {
    const sim = newSim();
    sim.store.create(sc('standard', 'disk.csi.example.com', { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } }));
    sim.store.create(pvc('data', { className: '' }));
    sim.advance(PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    expect(getPVC(sim, 'data')!.spec?.storageClassName).toBe('');
  });

  it('class lookup and in-tree plugin errors become ProvisioningFailed; CSI-migrated plugins go to the CSI driver', () => {
    const sim = newSim();
    sim.store.create(sc('gce', 'kubernetes.io/gce-pd'));
    sim.store.create(sc('hp', 'kubernetes.io/host-path'));
    sim.store.create(sc('quobyte', 'kubernetes.io/quobyte'));
    sim.store.create(pvc('d', { className: 'quobyte' }));
    sim.store.create(pvc('a', { className: 'missing' }));
    sim.store.create(pvc('b', { className: 'gce' }));
    sim.store.create(pvc('c', { className: 'hp' }));
    sim.settle();
    expect(events(sim, 'a')).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "missing" not found']);
    expect(events(sim, 'b')[0]).toMatch(/^Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'pd.csi.storage.gke.io' /);
    expect(getPVC(sim, 'b')!.metadata.annotations?.['volume.kubernetes.io/storage-provisioner']).toBe('pd.csi.storage.gke.io');
    expect(events(sim, 'd')).toEqual(['Warning ProvisioningFailed no volume plugin matched name: kubernetes.io/quobyte']);
    expect(events(sim, 'c')).toContain('Warning ProvisioningFailed Failed to create provisioner: provisioning in volume plugin "kubernetes.io/host-path" is disabled');
  });

  it('Delete on a static hostPath PV outside /tmp fails: Failed, VolumeFailedDelete once, data kept', () => {
    const sim = newSim();
    const root = ensureNodeRootFs(sim.backends, ONE_NODE.nodes[0], 0);
    const dir = mkdirp(root.root, '/data/pv1')!;
    dir.entries['keep.txt'] = { type: 'file', content: 'x', mode: 0o644, mtime: 0 };
    sim.store.create(pv('pv1', { policy: 'Delete', hostPath: '/data/pv1' }));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.advance(2 * PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    const vol = getPV(sim, 'pv1')!;
    expect(vol.status?.phase).toBe('Failed');
    expect(vol.status?.message).toBe('host_path deleter only supports /tmp/.+ but received provided /data/pv1');
    expect(events(sim, 'pv1')).toEqual(['Warning VolumeFailedDelete host_path deleter only supports /tmp/.+ but received provided /data/pv1']);
    expect(lookup(root.root, '/data/pv1/keep.txt')).toBeDefined();
  });

  it('Delete on a hostPath PV under /tmp deletes the PV object', () => {
    const sim = newSim();
    sim.store.create(pv('pv1', { policy: 'Delete', hostPath: '/tmp/pv1' }));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.settle();
    expect(getPV(sim, 'pv1')).toBeUndefined();
  });

  it('Delete on a CSI volume is left to the external provisioner: the PV stays Released', () => {
    const sim = newSim();
    sim.store.create(pv('pvc-1', { policy: 'Delete', csi: { driver: 'disk.csi.example.com', volumeHandle: 'd-1' }, annotations: { 'pv.kubernetes.io/provisioned-by': 'disk.csi.example.com' } }));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.advance(PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    expect(getPV(sim, 'pvc-1')!.status?.phase).toBe('Released');
    expect(events(sim, 'pvc-1')).toEqual([]);
  });

  it('Recycle scrubs the hostPath directory and makes the PV Available again', () => {
    const sim = newSim();
    const root = ensureNodeRootFs(sim.backends, ONE_NODE.nodes[0], 0);
    const dir = mkdirp(root.root, '/mnt/pv1')!;
    dir.entries['old.txt'] = { type: 'file', content: 'secret', mode: 0o644, mtime: 0 };
    dir.entries['.hidden'] = { type: 'file', content: 'secret', mode: 0o644, mtime: 0 };
    sim.store.create(pv('pv1', { policy: 'Recycle', hostPath: '/mnt/pv1' }));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.settle();
    const vol = getPV(sim, 'pv1')!;
    expect(vol.status?.phase).toBe('Available');
    expect(vol.spec?.claimRef).toBeUndefined();
    expect(events(sim, 'pv1')).toEqual(['Normal VolumeRecycled Volume recycled']);
    expect(Object.keys((lookup(root.root, '/mnt/pv1') as { entries: object }).entries)).toEqual([]);
  });

  it('Recycle waits while a pod still uses the claim', () => {
    const sim = newSim([() => newPersistentVolumeController()]);
    sim.store.create(pv('pv1', { policy: 'Recycle' }));
    sim.store.create(pvc('data', { finalizers: [] }));
    sim.store.create(pod('web', 'data', 'node-1'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.settle();
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Released');
    // Every sync of the volume tries again (aggregated into one Event with a count).
    expect(new Set(events(sim, 'pv1'))).toEqual(new Set(['Normal VolumeFailedRecycle Volume is used by pods: default/web']));
    sim.store.delete('Pod', 'default', 'web');
    sim.advance(PV_CLAIM_BINDER_SYNC_PERIOD_MS);
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Available');
    expect(events(sim, 'pv1').at(-1)).toBe('Normal VolumeRecycled Volume recycled');
  });

  it('Recycle without a recycler plugin (CSI) fails', () => {
    const sim = newSim();
    sim.store.create(pv('pv1', { policy: 'Recycle', csi: { driver: 'd', volumeHandle: 'h' } }));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.settle();
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Failed');
    expect(events(sim, 'pv1')).toEqual(['Warning VolumeFailedRecycle No recycler plugin found for the volume!']);
  });

  it('is deterministic: same seed, same event log', () => {
    const run = () => {
      const sim = newSim();
      for (let i = 0; i < 5; i++) sim.store.create(pv(`pv${i}`, { capacity: `${i + 1}Gi` }));
      for (let i = 0; i < 7; i++) sim.store.create(pvc(`c${i}`, { request: `${(i % 5) + 1}Gi` }));
      sim.advance(60_000);
      return JSON.stringify(sim.eventLog.map((e) => [e.time, e.involved.name, e.reason, e.message, e.count]));
    };
    expect(run()).toBe(run());
  });
});
