// pvc-protection and pv-protection in the simulation loop (pvc_protection_controller_test.go and
// pv_protection_controller_test.go cases, expressed as scenarios).
import { describe, expect, it } from 'vitest';
import { PVC_PROTECTION_FINALIZER, PV_PROTECTION_FINALIZER } from '../volume/constants';
import { getPV, getPVC, newSim, pod, pv, pvc } from '../persistentvolume/testing/sim';
import { newPVCProtectionController, podUsesPVC } from './pvc-protection';
import { newPVProtectionController } from './pv-protection';
import type { Obj, Pod } from '../../model/types';

describe('pvc-protection-controller', () => {
  it('adds the finalizer to a claim created without it', () => {
    const sim = newSim([newPVCProtectionController]);
    sim.store.create(pvc('data', { finalizers: [] }));
    sim.drain();
    expect(getPVC(sim, 'data')!.metadata.finalizers).toEqual([PVC_PROTECTION_FINALIZER]);
  });

  it('removes the finalizer at once when no pod uses the claim', () => {
    const sim = newSim([newPVCProtectionController]);
    sim.store.create(pvc('data'));
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.drain();
    expect(getPVC(sim, 'data')).toBeUndefined();
  });

  it('an unscheduled pod does not keep the claim', () => {
    const sim = newSim([newPVCProtectionController]);
    sim.store.create(pvc('data'));
    sim.store.create(pod('pending', 'data'));
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.drain();
    expect(getPVC(sim, 'data')).toBeUndefined();
  });

  it('a scheduled pod keeps the claim Terminating, even Completed; deleting the pod releases it', () => {
    const sim = newSim([newPVCProtectionController]);
    sim.store.create(pvc('data'));
    const p = pod('job', 'data', 'node-1');
    (p.status as { phase: string }).phase = 'Succeeded';
    sim.store.create(p);
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.drain();
    expect(getPVC(sim, 'data')!.metadata.deletionTimestamp).toBeDefined();
    sim.store.delete('Pod', 'default', 'job');
    sim.drain();
    expect(getPVC(sim, 'data')).toBeUndefined();
  });

  it('podUsesPVC: generic ephemeral claims count only when owned by the pod and the pod is not shut down', () => {
    const claim = { ...pvc('web-scratch'), metadata: { ...pvc('web-scratch').metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'web', uid: 'u1', controller: true }] } };
    const eph = (uid: string, shutDown = false) =>
      ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'web', namespace: 'default', uid, ...(shutDown ? { deletionTimestamp: 'x', deletionGracePeriodSeconds: 0 } : {}) },
        spec: { nodeName: 'node-1', containers: [], volumes: [{ name: 'scratch', ephemeral: { volumeClaimTemplate: { spec: {} } } }] },
      }) as unknown as Obj<Pod>;
    expect(podUsesPVC(eph('u1'), claim)).toBe(true);
    expect(podUsesPVC(eph('other'), claim)).toBe(false);
    expect(podUsesPVC(eph('u1', true), claim)).toBe(false);
  });
});

describe('pv-protection-controller', () => {
  it('adds the finalizer to a PV created without it', () => {
    const sim = newSim([newPVProtectionController]);
    sim.store.create(pv('pv1', { finalizers: [] }));
    sim.drain();
    expect(getPV(sim, 'pv1')!.metadata.finalizers).toEqual([PV_PROTECTION_FINALIZER]);
  });

  it.each([
    ['Available', false],
    ['Released', false],
    ['Failed', false],
    ['Pending', false],
    ['Bound', true],
  ])('a deleted PV in phase %s is kept: %s', (phase, kept) => {
    const sim = newSim([newPVProtectionController]);
    const v = pv('pv1');
    v.status = { phase };
    sim.store.create(v);
    sim.store.delete('PersistentVolume', undefined, 'pv1');
    sim.drain();
    expect(getPV(sim, 'pv1') !== undefined).toBe(kept);
  });
});

describe('both protections with the PV controller', () => {
  it('a Bound PV deleted first goes once its claim is deleted and it is Released', () => {
    const sim = newSim();
    sim.store.create(pv('pv1'));
    sim.store.create(pvc('data'));
    sim.settle();
    sim.store.delete('PersistentVolume', undefined, 'pv1');
    sim.settle();
    expect(getPV(sim, 'pv1')!.status?.phase).toBe('Bound');
    sim.store.delete('PersistentVolumeClaim', 'default', 'data');
    sim.settle();
    expect(getPVC(sim, 'data')).toBeUndefined();
    expect(getPV(sim, 'pv1')).toBeUndefined();
  });
});
