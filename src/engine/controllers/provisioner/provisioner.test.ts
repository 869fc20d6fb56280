// The external provisioner against claims annotated the way the PV controller annotates them
// (volume.kubernetes.io/storage-provisioner), so these cases do not depend on the PV controller.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';
import { bootstrap } from '../../sim/bootstrap';
import { ADMISSION, STRATEGIES } from '../../api';
import { externalProvisioner } from './controller';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import { loadClusterProfile } from '../../storage/profiles';
import type { ClusterConfig } from '../../storage/cluster-config';
import type { KObject } from '../../model/types';
import { lookup } from '../../fs/tree';

const DISK = 'diskplugin.csi.alibabacloud.com';
const ZONE_KEY = 'topology.diskplugin.csi.alibabacloud.com/zone';
const profile = (name: string): ClusterConfig => loadClusterProfile(BUILTIN_PROFILES[name]);

function withDriver(c: ClusterConfig, name: string, patch: Record<string, unknown>): ClusterConfig {
  return { ...c, drivers: c.drivers.map((d) => (d.name === name ? { ...d, ...patch } : d)) };
}

function claim(sim: Simulation, name: string, sc: string, size: string, provisioner: string | undefined, ann: Record<string, string> = {}, spec: Record<string, unknown> = {}): KObject {
  const annotations = { ...(provisioner ? { 'volume.kubernetes.io/storage-provisioner': provisioner, 'volume.beta.kubernetes.io/storage-provisioner': provisioner } : {}), ...ann };
  return sim.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', annotations },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, storageClassName: sc, ...spec },
  }).obj;
}

function storageClass(sim: Simulation, name: string, body: Record<string, unknown>): void {
  sim.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, ...body });
}

const pvOf = (sim: Simulation, pvc: KObject) => sim.store.get('PersistentVolume', undefined, `pvc-${pvc.metadata.uid}`) as (KObject & { spec: any }) | undefined;
const events = (sim: Simulation, name: string) => sim.eventLog.filter((e) => e.involved.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
const zoneOf = (pv: { spec: any }) => pv.spec.nodeAffinity?.required?.nodeSelectorTerms?.[0]?.matchExpressions?.find((e: any) => e.key === ZONE_KEY)?.values;

/**
 * The provisioner alone (with the API server's strategies and admission): what it does does not depend on
 * the PV controller, so the PV controller's part — marking a PV Released — is played by hand here.
 * The end-to-end cases with every controller are in provisioner.e2e.test.ts.
 */
function createSimulation(cluster: ClusterConfig, opts: { seed?: number } = {}): Simulation {
  const sim = new Simulation({ cluster, seed: opts.seed ?? 1, controllers: [externalProvisioner], strategies: STRATEGIES, admission: ADMISSION });
  bootstrap(sim);
  return sim;
}

/** What the PV controller does once the claim is gone: the PV becomes Released. */
/** Deleted by the provisioner: gone, or (pv-protection's finalizer is its own controller's job) terminating with only that one left. */
function deletedByProvisioner(sim: Simulation, name: string): boolean {
  const pv = sim.store.get('PersistentVolume', undefined, name);
  return !pv || (!!pv.metadata.deletionTimestamp && !(pv.metadata.finalizers ?? []).includes('external-provisioner.volume.kubernetes.io/finalizer'));
}

function release(sim: Simulation, pvcName: string): void {
  const pv = sim.store.list<{ spec?: { claimRef?: { name?: string } } }>('PersistentVolume').find((p) => p.spec?.claimRef?.name === pvcName)!;
  sim.store.updateStatus({ ...structuredClone(pv), status: { phase: 'Released' } } as KObject);
}

describe('csi-provisioner: what it provisions', () => {
  it('Immediate class csi-disk → PV pvc-<claim uid> exactly as csi-provisioner builds it', () => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'disk-pvc', 'csi-disk', '30Gi', DISK);
    sim.settle();
    const pv = pvOf(sim, pvc)!;
    expect(pv).toBeDefined();
    expect(pv.metadata.annotations).toEqual({
      'pv.kubernetes.io/provisioned-by': DISK,
      'volume.kubernetes.io/provisioner-deletion-secret-name': '',
      'volume.kubernetes.io/provisioner-deletion-secret-namespace': '',
    });
    expect(pv.metadata.finalizers).toContain('external-provisioner.volume.kubernetes.io/finalizer');
    expect(pv.spec.claimRef).toMatchObject({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'disk-pvc', namespace: 'default', uid: pvc.metadata.uid });
    expect(pv.spec.capacity).toEqual({ storage: '30Gi' });
    expect(pv.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(pv.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(pv.spec.storageClassName).toBe('csi-disk');
    expect(pv.spec.csi.driver).toBe(DISK);
    expect(pv.spec.csi.fsType).toBe('ext4');
    expect(pv.spec.csi.volumeHandle).toMatch(/^d-bp1[0-9a-z]{17}$/);
    expect(pv.spec.csi.volumeAttributes['storage.kubernetes.io/csiProvisionerIdentity']).toMatch(/^\d+-\d{1,4}-diskplugin\.csi\.alibabacloud\.com$/);
    expect(pv.spec.csi.volumeAttributes).toMatchObject({ type: 'cloud_ssd', zoneId: 'cn-hangzhou-b' });
    // zoneId in the class pins the disk to cn-hangzhou-b; the PV says so in the driver's topology key.
    expect(pv.spec.nodeAffinity).toEqual({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE_KEY, operator: 'In', values: ['cn-hangzhou-b'] }] }] } });
    expect(events(sim, 'disk-pvc')).toEqual([
      'Normal Provisioning External provisioner is provisioning volume for claim "default/disk-pvc"',
      `Normal ProvisioningSucceeded Successfully provisioned volume pvc-${pvc.metadata.uid}`,
    ]);
    const sources = new Set(sim.eventLog.filter((e) => e.reason.startsWith('Provisioning')).map((e) => e.source.component));
    expect([...sources]).toHaveLength(1);
    expect([...sources][0]).toMatch(/^diskplugin\.csi\.alibabacloud\.com_csi-provisioner-6b7c9d8f5-2xk9p_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const disk = sim.backends.get(pv.spec.csi.volumeHandle)!;
    expect(disk).toMatchObject({ kind: 'disk', zone: 'cn-hangzhou-b', sizeBytes: 30 * 2 ** 30, driver: DISK });
    expect(sim.traces.map((t) => [t.from, t.to, t.call, t.ok, t.objects])).toEqual([
      ['csi-provisioner', `csi-controller/${DISK}`, 'CreateVolume', true, ['PersistentVolumeClaim/default/disk-pvc', `PersistentVolume//pvc-${pvc.metadata.uid}`]],
    ]);
    expect(sim.errors).toEqual([]);
  });

  it('CreateVolume takes virtual time: nothing but the Provisioning event until the latency has passed', () => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'disk-pvc', 'csi-disk', '30Gi', DISK);
    sim.drain();
    expect(events(sim, 'disk-pvc')).toEqual(['Normal Provisioning External provisioner is provisioning volume for claim "default/disk-pvc"']);
    expect(pvOf(sim, pvc)).toBeUndefined();
    sim.advance(1999); // the disk driver's createVolume latency is 2000–5000 ms
    expect(pvOf(sim, pvc)).toBeUndefined();
    const elapsed = sim.settle();
    expect(elapsed).toBeGreaterThan(0);
    expect(elapsed).toBeLessThanOrEqual(5000 - 1999);
    expect(pvOf(sim, pvc)).toBeDefined();
  });

  it.each([
    ['a claim without the storage-provisioner annotation (the PV controller has not handed it over)', undefined, {}],
    ['a claim for another provisioner', 'example.com/other', {}],
    ['a claim that already names a volume', DISK, { volumeName: 'some-pv' }],
  ] as const)('ignores %s', (_n, provisioner, spec) => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'c', 'csi-disk', '30Gi', provisioner, {}, spec);
    sim.settle();
    expect(pvOf(sim, pvc)).toBeUndefined();
    expect(events(sim, 'c')).toEqual([]);
  });

  it('WaitForFirstConsumer without volume.kubernetes.io/selected-node → nothing happens', () => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'wffc', 'alicloud-disk-topology-alltype', '30Gi', DISK);
    sim.settle();
    expect(pvOf(sim, pvc)).toBeUndefined();
    expect(events(sim, 'wffc')).toEqual([]);
    expect(sim.backends.list().filter((a) => a.kind === 'disk')).toEqual([]);
  });

  it.each([
    ['cn-hangzhou.192.168.0.11', 'cn-hangzhou-a'],
    ['cn-hangzhou.192.168.1.10', 'cn-hangzhou-b'],
  ])('WaitForFirstConsumer with selected-node %s → the disk is made in that node\'s zone %s', (node, zone) => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'wffc', 'alicloud-disk-topology-alltype', '30Gi', DISK, { 'volume.kubernetes.io/selected-node': node });
    sim.settle();
    const pv = pvOf(sim, pvc)!;
    expect(zoneOf(pv)).toEqual([zone]);
    expect(sim.backends.get(pv.spec.csi.volumeHandle)?.zone).toBe(zone);
    // The class lists several categories; the driver reports the one it created.
    expect(pv.spec.csi.volumeAttributes.type).toBe('cloud_essd');
  });

  it.each([
    ['alicloud', DISK, 'topology.diskplugin.csi.alibabacloud.com/zone', 'cn-hangzhou-b'],
    ['multizone', 'ebs.csi.aws.com', 'topology.ebs.csi.aws.com/zone', 'us-east-1c'],
    ['multizone', 'ebs.csi.aws.com', 'topology.ebs.csi.aws.com/zone', 'us-east-1b'],
  ])('%s: an Immediate class with allowedTopologies [%s %s=%s] creates the volume there', (p, driver, key, zone) => {
    const sim = createSimulation(profile(p));
    storageClass(sim, 'only-one-zone', { provisioner: driver, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate', allowedTopologies: [{ matchLabelExpressions: [{ key, values: [zone] }] }] });
    const pvc = claim(sim, 'c', 'only-one-zone', '10Gi', driver);
    sim.settle();
    const pv = pvOf(sim, pvc)!;
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms).toEqual([{ matchExpressions: [{ key, operator: 'In', values: [zone] }] }]);
  });

  it.each([
    ['alicloud csi-disk: 1Gi is below the 20 GiB minimum of cloud_ssd', 'alicloud', 'csi-disk', DISK, '1Gi', '20Gi'],
    ['alicloud csi-disk: 20.5Gi rounds up to whole GiB', 'alicloud', 'csi-disk', DISK, '20992Mi', '21Gi'],
    ['alicloud csi-disk: 30G (decimal) rounds up to 28 GiB? no: 30 GB = 27.94 GiB → 28Gi, then the minimum 20Gi does not apply', 'alicloud', 'csi-disk', DISK, '30G', '28Gi'],
    ['multizone gp3: 500Mi rounds up to 1Gi', 'multizone', 'gp3', 'ebs.csi.aws.com', '500Mi', '1Gi'],
  ])('min size / step rounding shows in the PV capacity — %s', (_n, p, sc, driver, request, capacity) => {
    const sim = createSimulation(profile(p));
    const ann: Record<string, string> = sc === 'gp3' ? { 'volume.kubernetes.io/selected-node': 'ip-10-0-2-10.ec2.internal' } : {};
    const pvc = claim(sim, 'c', sc, request, driver, ann);
    sim.settle();
    expect(pvOf(sim, pvc)?.spec.capacity.storage).toBe(capacity);
  });

  it('deterministic: the same seed gives the same volume handle, identity and timing', () => {
    const run = () => {
      const sim = createSimulation(profile('alicloud'), { seed: 7 });
      const pvc = claim(sim, 'c', 'csi-disk', '30Gi', DISK);
      sim.settle();
      const pv = pvOf(sim, pvc)!;
      return [pv.metadata.name, pv.spec.csi.volumeHandle, sim.eventLog.map((e) => `${e.time} ${e.source.component}`).join('|')];
    };
    expect(run()).toEqual(run());
  });
  it('a claim deleted while CreateVolume is in flight still gets its PV (then reclaimed); a new claim of the same name gets its own', () => {
    const sim = createSimulation(profile('alicloud'));
    const first = claim(sim, 'c', 'csi-disk', '30Gi', DISK);
    sim.drain();
    sim.store.delete('PersistentVolumeClaim', 'default', 'c');
    // pvc-protection's finalizer is its controller's job (not running here): drop it by hand.
    const terminating = sim.store.get('PersistentVolumeClaim', 'default', 'c');
    if (terminating) sim.store.update({ ...structuredClone(terminating), metadata: { ...structuredClone(terminating.metadata), finalizers: [] } });
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'c')).toBeUndefined();
    const second = claim(sim, 'c', 'csi-disk', '30Gi', DISK);
    sim.settle();
    expect(pvOf(sim, first)?.spec.claimRef.uid).toBe(first.metadata.uid);
    expect(pvOf(sim, second)?.spec.claimRef.uid).toBe(second.metadata.uid);
    // only the live claim hears of success
    expect(events(sim, 'c').filter((e) => e.includes('ProvisioningSucceeded'))).toEqual([`Normal ProvisioningSucceeded Successfully provisioned volume pvc-${second.metadata.uid}`]);
  });
});

describe('csi-provisioner: failures', () => {
  it('quota exhausted → ProvisioningFailed with the rpc error, retried with growing backoff', () => {
    const sim = createSimulation(withDriver(profile('alicloud'), DISK, { capacityBytes: 100 * 2 ** 30 }));
    const pvc = claim(sim, 'big', 'csi-disk', '200Gi', DISK);
    sim.advance(60_000);
    const ev = events(sim, 'big');
    const failed = ev.filter((e) => e.startsWith('Warning ProvisioningFailed'));
    expect(failed.length).toBeGreaterThanOrEqual(3);
    expect(failed[0]).toMatch(/^Warning ProvisioningFailed rpc error: code = ResourceExhausted desc = /);
    // every attempt announces itself again
    expect(ev.filter((e) => e.startsWith('Normal Provisioning ')).length).toBe(failed.length + (ev.at(-1)!.startsWith('Normal Provisioning ') ? 1 : 0));
    const times = sim.eventLog.filter((e) => e.reason === 'ProvisioningFailed').map((e) => e.time);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps[1]).toBeGreaterThan(gaps[0] - 5000); // 1 s, 2 s, 4 s … plus the CreateVolume latency each time
    expect(pvOf(sim, pvc)).toBeUndefined();
    expect(sim.backends.list().filter((a) => a.kind === 'disk')).toEqual([]);
  });

  it('quota exhausted with a selected node → the selected-node annotation is removed so the scheduler picks again', () => {
    const sim = createSimulation(withDriver(profile('alicloud'), DISK, { capacityBytes: 100 * 2 ** 30 }));
    claim(sim, 'big', 'alicloud-disk-topology-alltype', '200Gi', DISK, { 'volume.kubernetes.io/selected-node': 'cn-hangzhou.192.168.0.10' });
    sim.settle();
    const now = sim.store.get('PersistentVolumeClaim', 'default', 'big')!;
    expect(now.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBeUndefined();
    expect(events(sim, 'big').filter((e) => e.includes('ProvisioningFailed'))).toHaveLength(1);
  });

  it('an invalid class parameter is InvalidArgument: infeasible, retried only after the long delay', () => {
    const sim = createSimulation(profile('alicloud'));
    storageClass(sim, 'bad-type', { provisioner: DISK, parameters: { type: 'cloud_floppy' }, reclaimPolicy: 'Delete' });
    const pvc = claim(sim, 'c', 'bad-type', '30Gi', DISK);
    sim.advance(60_000);
    expect(events(sim, 'c')).toEqual([
      'Normal Provisioning External provisioner is provisioning volume for claim "default/c"',
      `Warning ProvisioningFailed Volume provisioning failed with infeasible error. Retries will be delayed. rpc error: code = InvalidArgument desc = Invalid parameters from input: pvc-${pvc.metadata.uid}, with error: illegal required parameter type: cloud_floppy`,
    ]);
  });

  it('fstype given twice is refused before CreateVolume', () => {
    const sim = createSimulation(profile('alicloud'));
    storageClass(sim, 'two-fs', { provisioner: DISK, parameters: { fsType: 'ext4', 'csi.storage.k8s.io/fstype': 'xfs' } });
    claim(sim, 'c', 'two-fs', '30Gi', DISK);
    sim.drain();
    expect(events(sim, 'c')[1]).toBe('Warning ProvisioningFailed fstype specified in parameters with both "fstype" and "csi.storage.k8s.io/fstype" keys');
    expect(sim.traces).toEqual([]);
  });

  it('a selected node that no longer exists → ProvisioningFailed and the claim goes back to the scheduler', () => {
    const sim = createSimulation(profile('alicloud'));
    claim(sim, 'c', 'alicloud-disk-topology-alltype', '30Gi', DISK, { 'volume.kubernetes.io/selected-node': 'gone' });
    sim.settle();
    expect(events(sim, 'c')).toEqual(['Warning ProvisioningFailed nodes "gone" not found']);
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'c')!.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBeUndefined();
  });
});

describe('csi-provisioner: reclaiming', () => {
  it('Released + Delete → DeleteVolume, the disk and its files are destroyed, the PV object is gone', () => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'c', 'csi-disk', '30Gi', DISK);
    sim.settle();
    const pv = pvOf(sim, pvc)!;
    const disk = sim.backends.get(pv.spec.csi.volumeHandle)!;
    disk.root.entries['data.txt'] = { type: 'file', content: 'hello', mode: 0o644, mtime: 0 };
    release(sim, 'c');
    sim.settle();
    expect(deletedByProvisioner(sim, pv.metadata.name)).toBe(true);
    expect(disk.deletedAt).toBeDefined();
    expect(lookup(disk.root, 'data.txt')).toBeUndefined();
    expect(sim.traces.map((t) => t.call)).toEqual(['CreateVolume', 'DeleteVolume']);
  });

  it('Retain → the finalizer is dropped, and after release the PV, the disk and its files stay', () => {
    const sim = createSimulation(profile('alicloud'));
    storageClass(sim, 'keep', { provisioner: DISK, parameters: { type: 'cloud_ssd' }, reclaimPolicy: 'Retain' });
    const pvc = claim(sim, 'c', 'keep', '30Gi', DISK);
    sim.settle();
    const name = `pvc-${pvc.metadata.uid}`;
    expect(sim.store.get('PersistentVolume', undefined, name)!.metadata.finalizers ?? []).not.toContain('external-provisioner.volume.kubernetes.io/finalizer');
    const disk = sim.backends.get(pvOf(sim, pvc)!.spec.csi.volumeHandle)!;
    disk.root.entries['data.txt'] = { type: 'file', content: 'hello', mode: 0o644, mtime: 0 };
    release(sim, 'c');
    sim.settle();
    expect(sim.store.get<{ status?: { phase?: string } }>('PersistentVolume', undefined, name)?.status?.phase).toBe('Released');
    expect(disk.deletedAt).toBeUndefined();
    expect(lookup(disk.root, 'data.txt')).toMatchObject({ content: 'hello' });
    expect(sim.traces.map((t) => t.call)).toEqual(['CreateVolume']);
  });

  it('a VolumeAttachment still naming the PV blocks deletion: VolumeFailedDelete, retried', () => {
    const sim = createSimulation(profile('alicloud'));
    const pvc = claim(sim, 'c', 'csi-disk', '30Gi', DISK);
    sim.settle();
    const name = `pvc-${pvc.metadata.uid}`;
    sim.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: { name: 'csi-abc' }, spec: { attacher: DISK, nodeName: 'cn-hangzhou.192.168.1.10', source: { persistentVolumeName: name } } });
    release(sim, 'c');
    sim.advance(20_000);
    const failed = sim.eventLog.filter((e) => e.reason === 'VolumeFailedDelete');
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(failed[0]).toMatchObject({ type: 'Warning', message: `persistentvolume ${name} is still attached to node cn-hangzhou.192.168.1.10`, involved: { kind: 'PersistentVolume', name } });
    expect(sim.store.get('PersistentVolume', undefined, name)).toBeDefined();
    expect(deletedByProvisioner(sim, name)).toBe(false);
    sim.store.delete('VolumeAttachment', undefined, 'csi-abc');
    sim.settle();
    expect(deletedByProvisioner(sim, name)).toBe(true);
  });
});

describe('minikube hostpath provisioner (not CSI)', () => {
  it('standard class → hostPath PV at /tmp/hostpath-provisioner/<ns>/<claim>, the request copied as is, no finalizer', () => {
    const sim = createSimulation(profile('minikube'));
    const pvc = claim(sim, 'task-pv-claim', 'standard', '3Gi', 'k8s.io/minikube-hostpath');
    sim.settle();
    const pv = pvOf(sim, pvc)!;
    expect(pv.spec.hostPath.path).toBe('/tmp/hostpath-provisioner/default/task-pv-claim');
    expect(pv.spec.capacity).toEqual({ storage: '3Gi' });
    expect(pv.spec.csi).toBeUndefined();
    expect(pv.spec.nodeAffinity).toBeUndefined();
    expect(pv.metadata.finalizers ?? []).not.toContain('external-provisioner.volume.kubernetes.io/finalizer');
    expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('k8s.io/minikube-hostpath');
    expect(pv.metadata.annotations?.hostPathProvisionerIdentity).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.eventLog.find((e) => e.reason === 'Provisioning')?.source.component).toMatch(/^k8s\.io\/minikube-hostpath_minikube_[0-9a-f-]{36}$/);
    // two different UUIDs upstream: the library's id (event source) and the provisioner's own identity
    expect(sim.eventLog[0].source.component).not.toContain(pv.metadata.annotations!.hostPathProvisionerIdentity);
    const node = sim.backends.get('node:minikube')!;
    expect(lookup(node.root, '/tmp/hostpath-provisioner/default/task-pv-claim')).toMatchObject({ type: 'dir', mode: 0o777 });
    // no CSI objects for a non-CSI provisioner
    expect(sim.store.list('CSIDriver')).toEqual([]);
  });

  it('Released + Delete → the directory is removed and the PV deleted', () => {
    const sim = createSimulation(profile('minikube'));
    const pvc = claim(sim, 'c', 'standard', '1Gi', 'k8s.io/minikube-hostpath');
    sim.settle();
    release(sim, 'c');
    sim.settle();
    expect(deletedByProvisioner(sim, `pvc-${pvc.metadata.uid}`)).toBe(true);
    expect(lookup(sim.backends.get('node:minikube')!.root, '/tmp/hostpath-provisioner/default/c')).toBeUndefined();
    expect(lookup(sim.backends.get('node:minikube')!.root, '/tmp/hostpath-provisioner/default')).toMatchObject({ type: 'dir' });
  });

  it('block volumes are refused: the hostpath provisioner is not a block provisioner', () => {
    const sim = createSimulation(profile('minikube'));
    const pvc = claim(sim, 'blk', 'standard', '1Gi', 'k8s.io/minikube-hostpath', {}, { volumeMode: 'Block' });
    sim.settle();
    expect(events(sim, 'blk')).toEqual(['Warning ProvisioningFailed k8s.io/minikube-hostpath does not support block volume provisioning']);
    expect(pvOf(sim, pvc)).toBeUndefined();
  });
});
