// The lesson's dynamic-provisioning demo end to end, with every controller of the simulated cluster:
// the PV controller hands the claim to the external provisioner, the provisioner creates the disk and the
// PV, the PV controller binds them; deleting the claim (policy Delete) deletes the PV and the disk.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/create';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import { loadClusterProfile } from '../../storage/profiles';
import type { Simulation } from '../../sim/simulation';

const DISK = 'diskplugin.csi.alibabacloud.com';

function pvc(sim: Simulation, name: string, size: string, storageClassName?: string) {
  return sim.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...(storageClassName ? { storageClassName } : {}) },
  }).obj;
}

/** Runs until the claim is Bound (or a virtual minute passed): binding waits for the PV controller's next sync. */
function untilBound(sim: Simulation, name: string): void {
  for (let i = 0; i < 60; i++) {
    sim.settle();
    const c = sim.store.get<{ status?: { phase?: string } }>('PersistentVolumeClaim', 'default', name);
    if (c?.status?.phase === 'Bound') return;
    sim.advance(1000);
  }
}

describe('dynamic provisioning end to end', () => {
  it('alicloud: PVC 30Gi with class csi-disk → Bound to pvc-<uid>, with the lesson\'s event sequence; deleting it deletes PV and disk', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud));
    const claim = pvc(sim, 'disk-pvc', '30Gi', 'csi-disk');
    const uid = claim.metadata.uid!;
    untilBound(sim, 'disk-pvc');
    const bound = sim.store.get<{ spec: { volumeName?: string }; status?: { phase?: string; capacity?: { storage?: string } } }>('PersistentVolumeClaim', 'default', 'disk-pvc')!;
    expect(bound.status?.phase).toBe('Bound');
    expect(bound.spec.volumeName).toBe(`pvc-${uid}`);
    expect(bound.status?.capacity?.storage).toBe('30Gi');
    const pv = sim.store.get<{ status?: { phase?: string } }>('PersistentVolume', undefined, `pvc-${uid}`)!;
    expect(pv.status?.phase).toBe('Bound');

    // kubectl describe pvc: ExternalProvisioning (persistentvolume-controller), then Provisioning and
    // ProvisioningSucceeded from the provisioner's identity. (ExternalProvisioning may repeat while Pending.)
    const seq = sim.eventLog.filter((e) => e.involved.name === 'disk-pvc').map((e) => [e.reason, e.source.component.startsWith(`${DISK}_`) ? 'provisioner' : e.source.component]);
    const firsts = seq.filter(([r], i) => seq.findIndex(([r2]) => r2 === r) === i);
    expect(firsts).toEqual([
      ['ExternalProvisioning', 'persistentvolume-controller'],
      ['Provisioning', 'provisioner'],
      ['ProvisioningSucceeded', 'provisioner'],
    ]);
    const ev = sim.eventLog.find((e) => e.reason === 'ProvisioningSucceeded')!;
    expect(ev.message).toBe(`Successfully provisioned volume pvc-${uid}`);

    const handle = sim.store.get<{ spec: { csi: { volumeHandle: string } } }>('PersistentVolume', undefined, `pvc-${uid}`)!.spec.csi.volumeHandle;
    expect(sim.backends.get(handle)?.deletedAt).toBeUndefined();
    sim.store.delete('PersistentVolumeClaim', 'default', 'disk-pvc');
    for (let i = 0; i < 60 && sim.store.get('PersistentVolume', undefined, `pvc-${uid}`); i++) {
      sim.settle();
      sim.advance(1000);
    }
    expect(sim.store.get('PersistentVolume', undefined, `pvc-${uid}`)).toBeUndefined();
    expect(sim.backends.get(handle)?.deletedAt).toBeDefined();
    expect(sim.traces.map((t) => t.call)).toEqual(['CreateVolume', 'DeleteVolume']);
  });

  it('minikube: a claim without a class gets standard and a hostPath PV under /tmp/hostpath-provisioner', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.minikube));
    const claim = pvc(sim, 'task-pv-claim', '3Gi');
    untilBound(sim, 'task-pv-claim');
    const pv = sim.store.get<{ spec: { hostPath?: { path?: string }; storageClassName?: string } }>('PersistentVolume', undefined, `pvc-${claim.metadata.uid}`)!;
    expect(pv.spec.storageClassName).toBe('standard');
    expect(pv.spec.hostPath?.path).toBe('/tmp/hostpath-provisioner/default/task-pv-claim');
    expect(sim.store.get<{ status?: { phase?: string } }>('PersistentVolumeClaim', 'default', 'task-pv-claim')?.status?.phase).toBe('Bound');
  });

  it('HonorPVReclaimPolicy: deleting the PV before the claim still deletes the disk once the claim goes', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud));
    const claim = pvc(sim, 'c', '30Gi', 'csi-disk');
    untilBound(sim, 'c');
    const name = `pvc-${claim.metadata.uid}`;
    const handle = sim.store.get<{ spec: { csi: { volumeHandle: string } } }>('PersistentVolume', undefined, name)!.spec.csi.volumeHandle;
    sim.store.delete('PersistentVolume', undefined, name);
    sim.settle();
    sim.advance(20_000);
    // Bound: pv-protection keeps it Terminating; the provisioner's finalizer keeps its claim on the disk.
    const terminating = sim.store.get('PersistentVolume', undefined, name)!;
    expect(terminating.metadata.deletionTimestamp).toBeDefined();
    expect(terminating.metadata.finalizers).toContain('external-provisioner.volume.kubernetes.io/finalizer');
    expect(sim.backends.get(handle)?.deletedAt).toBeUndefined();
    sim.store.delete('PersistentVolumeClaim', 'default', 'c');
    for (let i = 0; i < 60 && sim.store.get('PersistentVolume', undefined, name); i++) {
      sim.settle();
      sim.advance(1000);
    }
    expect(sim.store.get('PersistentVolume', undefined, name)).toBeUndefined();
    expect(sim.backends.get(handle)?.deletedAt).toBeDefined();
  });

  it('alicloud default class (WaitForFirstConsumer): nothing until a pod is scheduled, then the disk is made in that node\'s zone', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud));
    pvc(sim, 'data', '20Gi');
    sim.settle();
    sim.advance(30_000);
    expect(sim.store.list('PersistentVolume')).toEqual([]);
    expect(sim.eventLog.filter((e) => e.reason === 'Provisioning')).toEqual([]);
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx', volumeMounts: [{ name: 'd', mountPath: '/data' }] }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    untilBound(sim, 'data');
    const pod = sim.store.get<{ spec: { nodeName?: string } }>('Pod', 'default', 'p')!;
    for (let i = 0; i < 30 && !pod.spec.nodeName; i++) sim.advance(1000);
    const nodeName = sim.store.get<{ spec: { nodeName?: string } }>('Pod', 'default', 'p')!.spec.nodeName!;
    const nodeZone = sim.store.get('Node', undefined, nodeName)!.metadata.labels!['topology.diskplugin.csi.alibabacloud.com/zone'];
    const pv = sim.store.list<{ spec: { nodeAffinity: { required: { nodeSelectorTerms: { matchExpressions: { values: string[] }[] }[] } } } }>('PersistentVolume')[0];
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values).toEqual([nodeZone]);
    const reasons = sim.eventLog.filter((e) => e.involved.name === 'data').map((e) => e.reason);
    expect(reasons.indexOf('WaitForFirstConsumer')).toBe(0);
    expect(reasons.indexOf('Provisioning')).toBeGreaterThan(reasons.indexOf('ExternalProvisioning'));
    expect(reasons.indexOf('ProvisioningSucceeded')).toBeGreaterThan(reasons.indexOf('Provisioning'));
  });
});
