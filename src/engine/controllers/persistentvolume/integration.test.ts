// The PV controller inside the whole simulated cluster (API strategies, admission, every
// controller, a cluster profile): the article's static NAS demo (4.3) and dynamic disk demo (5.2),
// PV/PVC side only.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/create';
import { loadClusterProfile } from '../../storage/profiles';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import type { KObject } from '../../model/types';
import type { PV, PVC } from '../volume/pv-helpers';

const sim = () => createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud), { seed: 7 });
const phaseOf = (o: KObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase;

describe('PV controller in the full cluster (alicloud profile)', () => {
  it('4.3 static NAS PV, Retain: Available → Bound → Released after the claim goes; the PV stays', () => {
    const s = sim();
    s.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'nas-csi-pv' },
      spec: {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteMany'],
        persistentVolumeReclaimPolicy: 'Retain',
        csi: { driver: 'nasplugin.csi.alibabacloud.com', volumeHandle: 'nas-csi-pv', volumeAttributes: { server: 'x.cn-hangzhou.nas.aliyuncs.com', path: '/' } },
      },
    } as KObject);
    s.settle();
    expect(phaseOf(s.store.get('PersistentVolume', undefined, 'nas-csi-pv'))).toBe('Available');
    s.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'nas-pvc', namespace: 'default' },
      spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '5Gi' } }, storageClassName: '' },
    } as KObject);
    s.settle();
    const claim = s.store.get<PVC>('PersistentVolumeClaim', 'default', 'nas-pvc') as PVC;
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.spec?.volumeName).toBe('nas-csi-pv');
    expect(claim.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    s.store.delete('PersistentVolumeClaim', 'default', 'nas-pvc');
    s.settle();
    s.advance(60_000);
    expect(s.store.get('PersistentVolumeClaim', 'default', 'nas-pvc')).toBeUndefined();
    const pv = s.store.get<PV>('PersistentVolume', undefined, 'nas-csi-pv') as PV;
    expect(pv.status?.phase).toBe('Released');
    expect(pv.spec?.claimRef?.uid).toBe(claim.metadata.uid);
  });

  it('5.2 dynamic disk: the claim binds the provisioned PV; deleting the claim deletes the PV (Delete)', () => {
    const s = sim();
    s.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'disk-pvc', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '30Gi' } }, storageClassName: 'csi-disk' },
    } as KObject);
    s.settle();
    const claim = s.store.get<PVC>('PersistentVolumeClaim', 'default', 'disk-pvc') as PVC;
    expect(claim.status?.phase).toBe('Bound');
    expect(claim.spec?.volumeName).toBe(`pvc-${claim.metadata.uid}`);
    const reasons = s.eventLog.filter((e) => e.involved.name === 'disk-pvc').map((e) => `${e.source.component === 'persistentvolume-controller' ? 'pv-controller' : 'provisioner'} ${e.reason}`);
    expect(reasons[0]).toBe('pv-controller ExternalProvisioning');
    expect(reasons).toContain('provisioner ProvisioningSucceeded');
    s.store.delete('PersistentVolumeClaim', 'default', 'disk-pvc');
    s.settle();
    s.advance(60_000);
    expect(s.store.list('PersistentVolume')).toEqual([]);
  });
});
