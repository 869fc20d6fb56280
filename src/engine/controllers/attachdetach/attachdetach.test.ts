// The attach/detach controller and the external-attacher in the simulation loop (with the kubelet, which
// reports volumesInUse). Texts: reconciler.go reportMultiAttachError and GenerateMsg ("%v for volume %q %v"),
// csi_attacher.go getAttachmentName, external-attacher's finalizer naming — see the semantics reference §4.
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../util/sha256';
import { boundPair, claimVolume, createPod, eventsOf, newTestSim, podOf, DISK_DRIVER, NAS_DRIVER } from '../kubelet/testing';
import type { Simulation } from '../../sim/simulation';
import { MAX_WAIT_FOR_UNMOUNT_MS } from './controller';

const app = [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }];
const usesClaim = (claim: string) => [claimVolume('data', claim)];

function setNodeReady(sim: Simulation, node: string, ready: boolean) {
  sim.store.patch('Node', undefined, node, 'merge', { status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'Unknown', reason: ready ? 'KubeletReady' : 'NodeStatusUnknown' }] } }, { subresource: 'status' });
}

const failedAttach = (sim: Simulation, pod: string) => eventsOf(sim, 'Pod', pod).filter((e) => e.reason === 'FailedAttachVolume');

describe('attach', () => {
  it('creates csi-<sha256(handle+driver+node)> and reports the attachment on the node and the pod', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-abc' });
    createPod(sim, { name: 'web', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    const [va] = sim.store.list('VolumeAttachment');
    expect(va.metadata.name).toBe(`csi-${sha256Hex(`d-abc${DISK_DRIVER}node-1`)}`);
    expect(va.metadata.name).toHaveLength(68);
    expect(va.spec).toEqual({ attacher: DISK_DRIVER, nodeName: 'node-1', source: { persistentVolumeName: 'pv-data' } });
    expect(va.status).toMatchObject({ attached: true });
    expect(va.metadata.finalizers).toEqual(['external-attacher/disk-csi-example-com']);
    const node = sim.store.get('Node', undefined, 'node-1')!;
    expect((node.status as { volumesAttached: unknown }).volumesAttached).toEqual([{ name: `kubernetes.io/csi/${DISK_DRIVER}^d-abc`, devicePath: '' }]);
    expect((node.status as { volumesInUse: unknown }).volumesInUse).toEqual([`kubernetes.io/csi/${DISK_DRIVER}^d-abc`]);
    const ok = eventsOf(sim, 'Pod', 'web').find((e) => e.reason === 'SuccessfulAttachVolume')!;
    expect(ok).toMatchObject({ type: 'Normal', message: 'AttachVolume.Attach succeeded for volume "pv-data" ', source: { component: 'attachdetach-controller' } });
    expect(sim.backends.get('d-abc')!.attachedTo).toEqual(['node-1']);
  });

  it('does not attach volumes of drivers with attachRequired: false', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'nas', driver: NAS_DRIVER, accessModes: ['ReadWriteMany'] });
    createPod(sim, { name: 'web', node: 'node-1', containers: app, volumes: usesClaim('nas') });
    sim.settle();
    expect(sim.store.list('VolumeAttachment')).toEqual([]);
    expect(podOf(sim, 'web')!.status!.phase).toBe('Running');
  });

  it('attaches when the driver has no CSIDriver object (attachRequired defaults to true)', () => {
    const sim = newTestSim();
    sim.store.delete('CSIDriver', undefined, NAS_DRIVER);
    boundPair(sim, { name: 'nas', driver: NAS_DRIVER, accessModes: ['ReadWriteMany'] });
    createPod(sim, { name: 'web', node: 'node-1', containers: app, volumes: usesClaim('nas') });
    sim.settle();
    expect(sim.store.list('VolumeAttachment').map((v) => (v.spec as { attacher: string }).attacher)).toEqual([NAS_DRIVER]);
  });

  it('times out every 2 minutes when no external-attacher serves the driver', () => {
    const sim = newTestSim();
    sim.store.create({ apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'gone.csi.example.com' }, spec: { attachRequired: true } });
    boundPair(sim, { name: 'data', driver: 'gone.csi.example.com', handle: 'vol-1' });
    createPod(sim, { name: 'web', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.advance(5 * 60_000);
    const msgs = failedAttach(sim, 'web').map((e) => `${e.time - failedAttach(sim, 'web')[0].time}: ${e.message}`);
    expect(msgs).toEqual([
      '0: AttachVolume.Attach failed for volume "pv-data" : timed out waiting for external-attacher of gone.csi.example.com CSI driver to attach volume vol-1',
      '120000: AttachVolume.Attach failed for volume "pv-data" : timed out waiting for external-attacher of gone.csi.example.com CSI driver to attach volume vol-1',
    ]);
    expect(podOf(sim, 'web')!.status!.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
  });
});

describe('Multi-Attach', () => {
  it('refuses a RWO disk on a second node, once, naming the pods that use it; attaches after they are gone', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-rwo' });
    createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    createPod(sim, { name: 'b', node: 'node-2', containers: app, volumes: usesClaim('data') });
    sim.advance(120_000);
    const errs = failedAttach(sim, 'b');
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatchObject({ type: 'Warning', message: 'Multi-Attach error for volume "pv-data" Volume is already used by pod(s) a', source: { component: 'attachdetach-controller' } });
    expect(podOf(sim, 'b')!.status!.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
    expect(sim.backends.get('d-rwo')!.attachedTo).toEqual(['node-1']);

    sim.store.delete('Pod', 'default', 'a');
    sim.settle();
    expect(sim.backends.get('d-rwo')!.attachedTo).toEqual(['node-2']);
    expect(podOf(sim, 'b')!.status!.phase).toBe('Running');
    expect(eventsOf(sim, 'Pod', 'b').some((e) => e.reason === 'SuccessfulAttachVolume')).toBe(true);
  });

  it('uses the PV access modes, not the claim: a [RWO, ROX] PV may be attached twice (the cloud disk then refuses)', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-rox', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] });
    createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    createPod(sim, { name: 'b', node: 'node-2', containers: app, volumes: usesClaim('data') });
    sim.advance(30_000);
    expect(sim.store.list('VolumeAttachment')).toHaveLength(2);
    const errs = failedAttach(sim, 'b');
    expect(errs[0].message).toBe('AttachVolume.Attach failed for volume "pv-data" : rpc error: code = FailedPrecondition desc = disk d-rox is already attached to node node-1');
    expect(sim.backends.get('d-rox')!.attachedTo).toEqual(['node-1']);
  });

  it('a lingering attachment on a dead node: "exclusively attached", force-detached after 6 minutes', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-dead' });
    createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    setNodeReady(sim, 'node-1', false);
    sim.store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 }); // kubectl delete --force --grace-period=0
    createPod(sim, { name: 'b', node: 'node-2', containers: app, volumes: usesClaim('data') });
    sim.advance(60_000);
    expect(failedAttach(sim, 'b').map((e) => e.message)).toEqual([
      `Multi-Attach error for volume "pv-data" Volume is already exclusively attached to one node and can't be attached to another`,
    ]);
    expect(sim.backends.get('d-dead')!.attachedTo).toEqual(['node-1']);
    sim.advance(MAX_WAIT_FOR_UNMOUNT_MS);
    sim.settle();
    expect(sim.backends.get('d-dead')!.attachedTo).toEqual(['node-2']);
    expect(podOf(sim, 'b')!.status!.phase).toBe('Running');
  });

  it('the node.kubernetes.io/out-of-service taint force-detaches at once', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-oos' });
    createPod(sim, { name: 'a', node: 'node-1', containers: app, volumes: usesClaim('data') });
    sim.settle();
    setNodeReady(sim, 'node-1', false);
    sim.store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    const node = sim.store.get('Node', undefined, 'node-1')!;
    sim.store.update({ ...structuredClone(node), spec: { taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }] } });
    const t0 = sim.now();
    createPod(sim, { name: 'b', node: 'node-2', containers: app, volumes: usesClaim('data') });
    sim.settle();
    expect(podOf(sim, 'b')!.status!.phase).toBe('Running');
    expect(sim.now() - t0).toBeLessThan(60_000);
  });
});

describe('detach', () => {
  it('waits for the kubelet to unmount: NodeUnpublish → NodeUnstage → ControllerUnpublish, then the VolumeAttachment is gone', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-det' });
    createPod(sim, { name: 'a', node: 'node-1', grace: 0, containers: app, volumes: usesClaim('data') });
    sim.settle();
    const t0 = sim.now();
    sim.store.delete('Pod', 'default', 'a');
    sim.settle();
    expect(sim.traces.filter((t) => t.time >= t0).map((t) => t.call)).toEqual(['NodeUnpublishVolume', 'NodeUnstageVolume', 'ControllerUnpublishVolume']);
    expect(sim.store.list('VolumeAttachment')).toEqual([]);
    const status = sim.store.get('Node', undefined, 'node-1')!.status as Record<string, unknown>;
    expect(status.volumesAttached).toBeUndefined();
    expect(status.volumesInUse).toBeUndefined();
    expect(sim.backends.get('d-det')!.attachedTo).toEqual([]);
  });

  it("the PV carries the attacher's finalizer from the first attach until the PV is deleted and nothing attaches it", () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data', handle: 'd-fin' });
    const fin = 'external-attacher/disk-csi-example-com';
    const finalizers = () => sim.store.get('PersistentVolume', undefined, 'pv-data')?.metadata.finalizers ?? [];
    createPod(sim, { name: 'a', node: 'node-1', grace: 0, containers: app, volumes: usesClaim('data') });
    sim.settle();
    expect(finalizers()).toContain(fin);
    sim.store.delete('Pod', 'default', 'a');
    sim.settle();
    expect(sim.store.list('VolumeAttachment')).toEqual([]);
    expect(finalizers()).toContain(fin); // removed only when the PV is being deleted
    sim.store.delete('PersistentVolume', undefined, 'pv-data');
    sim.settle();
    expect(finalizers()).not.toContain(fin);
  });
});
