// Snapshots end to end on the alicloud profile: VolumeSnapshot of a bound disk claim → snapcontent-<uid>
// → CreateSnapshot → readyToUse; a claim with the snapshot as dataSource gets the data as it was at
// snapshot time. Event texts are external-snapshotter's (common-controller/snapshot_controller.go).
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/create';
import { loadClusterProfile } from '../../storage/profiles';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import { createExecHandler } from '../../shell/exec';
import type { KObject } from '../../model/types';

const claim = (name: string, extra: Record<string, unknown> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'csi-disk', resources: { requests: { storage: '20Gi' } }, ...extra },
});
const pod = (name: string, claimName: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
});

describe('VolumeSnapshot', () => {
  it('snapshots a disk and restores it into a new claim with the data of that moment', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud), { seed: 9 });
    const sh = (p: string, script: string) => createExecHandler(sim)({ namespace: 'default', pod: p, argv: ['sh', '-c', script] });
    sim.store.create({
      apiVersion: 'snapshot.storage.k8s.io/v1',
      kind: 'VolumeSnapshotClass',
      metadata: { name: 'disk-snap', annotations: { 'snapshot.storage.kubernetes.io/is-default-class': 'true' } },
      driver: 'diskplugin.csi.alibabacloud.com',
      deletionPolicy: 'Delete',
    });
    sim.store.create(claim('src'));
    sim.store.create(pod('writer', 'src'));
    sim.settle();
    expect(sh('writer', 'echo v1 > /data/state').code).toBe(0);

    const vs = sim.store.create({ apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', metadata: { name: 'snap-1', namespace: 'default' }, spec: { source: { persistentVolumeClaimName: 'src' } } }).obj;
    sim.settle();
    const snap = sim.store.get('VolumeSnapshot', 'default', 'snap-1') as KObject & { spec: Record<string, unknown>; status: Record<string, unknown> };
    expect(snap.spec.volumeSnapshotClassName).toBe('disk-snap');
    expect(snap.status).toMatchObject({ boundVolumeSnapshotContentName: `snapcontent-${vs.metadata.uid}`, readyToUse: true, restoreSize: '20Gi' });
    const content = sim.store.get('VolumeSnapshotContent', undefined, `snapcontent-${vs.metadata.uid}`) as KObject & { spec: Record<string, unknown>; status: Record<string, unknown> };
    expect(content.spec).toMatchObject({ deletionPolicy: 'Delete', driver: 'diskplugin.csi.alibabacloud.com', volumeSnapshotClassName: 'disk-snap' });
    expect(content.status.snapshotHandle).toMatch(/^s-/);
    expect(sim.eventLog.filter((e) => e.involved.kind === 'VolumeSnapshot').map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'CreatingSnapshot: Waiting for a snapshot default/snap-1 to be created by the CSI driver.',
      'SnapshotCreated: Snapshot default/snap-1 was successfully created by the CSI driver.',
      'SnapshotReady: Snapshot default/snap-1 is ready to use.',
    ]);

    sh('writer', 'echo v2 > /data/state; touch /data/after');
    sim.store.create(claim('restored', { dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap-1' } }));
    sim.store.create(pod('reader', 'restored'));
    sim.settle();
    expect(sh('reader', 'cat /data/state; ls /data').stdout).toBe('v1\nstate\n');

    // deleting the snapshot (policy Delete) deletes its content and the cloud snapshot
    const handle = content.status.snapshotHandle as string;
    sim.store.delete('VolumeSnapshot', 'default', 'snap-1');
    sim.settle();
    expect(sim.store.get('VolumeSnapshot', 'default', 'snap-1')).toBeUndefined();
    expect(sim.store.list('VolumeSnapshotContent')).toEqual([]);
    expect(sim.backends.get(handle)?.deletedAt).toBeDefined();
    expect(sim.errors).toEqual([]);
  });
});
