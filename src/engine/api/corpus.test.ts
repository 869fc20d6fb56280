// Every document of the upstream manifests under testdata/corpus goes through kubectl's decoding and a
// store with our strategies and admission chain, and must meet the outcome a 1.32 apiserver gives.
// Expected outcomes were derived from the upstream validation code (see the per-file notes), not from runs.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests } from '../yaml/manifests';
import { decodeObject } from './decode';
import { newStore, tryCreate } from './test-support';

const RECYCLE_WARNING =
  'spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.';

interface Expect {
  /** kind/name of each document, in order */
  readonly docs: readonly string[];
  /** warnings per document index (none when absent) */
  readonly warnings?: Readonly<Record<number, readonly string[]>>;
}

// Why each is accepted (1.32): PVs carry exactly one source, a storage capacity and access modes; PVCs carry
// access modes and a positive storage request (volumeName and selector are allowed on create); pods mount only
// volumes they declare, at unique paths, with relative subPath(Expr)s; recursiveReadOnly: Enabled comes with
// readOnly: true and mountPropagation None (c31); projected sources each set one kind (c28–c30); Deployments'
// selectors match their template labels; StatefulSet pod specs are not validated beyond labels (upstream TODO);
// StorageClasses have a provisioner and known reclaim/binding modes; Services are plain ClusterIP services.
// A pod that names a claim which does not exist is still accepted (it waits in Pending, c13).
const CORPUS: Readonly<Record<string, Expect>> = {
  'c01/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c01/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c02/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c02/pv-pod.yaml': { docs: ['Pod/task-pv-pod'] },
  'c02/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c03/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c03/pv-pod.yaml': { docs: ['Pod/task-pv-pod'] },
  'c03/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c04/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c04/pv-pod.yaml': { docs: ['Pod/task-pv-pod'] },
  'c04/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c05/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c05/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c06/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c06/pv-pod.yaml': { docs: ['Pod/task-pv-pod'] },
  'c06/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c07/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c07/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c08/mysql-pv.yaml': { docs: ['PersistentVolume/mysql-pv-volume', 'PersistentVolumeClaim/mysql-pv-claim'] },
  'c08/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  'c09/expandable-pvc.yaml': { docs: ['PersistentVolumeClaim/expandable-pvc'] },
  'c09/model-pv.yaml': { docs: ['PersistentVolume/my-model-pv'] },
  'c09/model-pvc.yaml': { docs: ['PersistentVolumeClaim/my-model-pvc'] },
  'c10/pv-claim.yaml': { docs: ['PersistentVolumeClaim/task-pv-claim'] },
  'c10/pv-volume.yaml': { docs: ['PersistentVolume/task-pv-volume'] },
  // Recycle is still a supported PV reclaim policy; the apiserver only warns (GetWarningsForPersistentVolume).
  'c10/pv0003.yaml': { docs: ['PersistentVolume/pv0003'], warnings: { 0: [RECYCLE_WARNING] } },
  'c11/disk-options-pv.yaml': { docs: ['PersistentVolume/csi-pv'] },
  'c11/nas-pv.yaml': { docs: ['PersistentVolume/nas-csi-pv'] },
  'c11/nas-pvc.yaml': { docs: ['PersistentVolumeClaim/nas-pvc'] },
  'c12/block-pv.yaml': { docs: ['PersistentVolume/block-pv'] },
  'c12/block-pvc.yaml': { docs: ['PersistentVolumeClaim/block-pvc'] },
  'c12/expandable-pvc.yaml': { docs: ['PersistentVolumeClaim/expandable-pvc'] },
  'c13/pv-duplicate.yaml': { docs: ['Pod/test'] },
  'c14/mysql-deployment.yaml': { docs: ['Service/mysql', 'Deployment/mysql'] },
  'c14/mysql-pv.yaml': { docs: ['PersistentVolume/mysql-pv-volume', 'PersistentVolumeClaim/mysql-pv-claim'] },
  'c15/mysql-deployment.yaml': { docs: ['Service/wordpress-mysql', 'PersistentVolumeClaim/mysql-pv-claim', 'Deployment/wordpress-mysql'] },
  'c15/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c15/wordpress-deployment.yaml': { docs: ['Service/wordpress', 'PersistentVolumeClaim/wp-pv-claim', 'Deployment/wordpress'] },
  'c16/model-pv.yaml': { docs: ['PersistentVolume/my-model-pv'] },
  'c16/model-pvc.yaml': { docs: ['PersistentVolumeClaim/my-model-pvc'] },
  'c16/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c17/nfs-pv.yaml': { docs: ['PersistentVolume/nfs'] },
  'c17/nfs-pvc.yaml': { docs: ['PersistentVolumeClaim/nfs'] },
  'c17/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c18/expandable-pvc-pod.yaml': { docs: ['Pod/expandable-pvc-pod'] },
  'c18/expandable-pvc.yaml': { docs: ['PersistentVolumeClaim/expandable-pvc'] },
  'c18/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c19/storageclass.yaml': { docs: ['StorageClass/alicloud-disk-topology-alltype'] },
  'c19/workload.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Pod/test-disk'] },
  'c20/deploy.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Deployment/deployment-disk'] },
  'c20/storageclass.yaml': { docs: ['StorageClass/csi-disk'] },
  'c21/deploy.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Deployment/deployment-disk'] },
  'c21/storageclass.yaml': { docs: ['StorageClass/csi-disk'] },
  'c22/storageclass.yaml': { docs: ['StorageClass/alicloud-disk-topology-alltype'] },
  'c22/workload.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Pod/test-disk'] },
  'c23/redis.yaml': { docs: ['Pod/redis'] },
  'c24/redis.yaml': { docs: ['Pod/redis'] },
  'c25/hostpath-fileorcreate.yaml': { docs: ['Pod/test-webserver'] },
  'c26/hostpath-example-linux.yaml': { docs: ['Pod/hostpath-example-linux'] },
  'c27/subpathexpr-pod1.yaml': { docs: ['Pod/pod1'] },
  'c28/projected.yaml': { docs: ['Pod/test-projected-volume'] },
  'c29/projected-secret-downwardapi-configmap.yaml': { docs: ['Pod/volume-test'] },
  'c30/projected.yaml': { docs: ['Pod/test-projected-volume'] },
  'c31/rro.yaml': { docs: ['Pod/rro'] },
  'c32/deploy.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Deployment/deployment-disk'] },
  'c32/storageclass.yaml': { docs: ['StorageClass/csi-disk'] },
  'c33/deploy.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Deployment/deployment-disk'] },
  'c33/storageclass.yaml': { docs: ['StorageClass/csi-disk'] },
  'c34/deploy.yaml': { docs: ['Deployment/deployment-nas'] },
  'c34/nas-pv-new.yaml': { docs: ['PersistentVolume/nas-pv-new'] },
  'c34/nas-pvc-new.yaml': { docs: ['PersistentVolumeClaim/nas-pvc-new'] },
  'c35/deploy.yaml': { docs: ['Deployment/deployment-nas'] },
  'c35/nas-pv.yaml': { docs: ['PersistentVolume/nas-csi-pv'] },
  'c35/nas-pvc.yaml': { docs: ['PersistentVolumeClaim/nas-pvc'] },
  'c36/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c36/web.yaml': { docs: ['Service/nginx', 'StatefulSet/web'] },
  'c37/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c37/web.yaml': { docs: ['Service/nginx', 'StatefulSet/web'] },
  'c38/sc-expansion.yaml': { docs: ['StorageClass/alicloud-nas-quota-sc'] },
  'c38/sts.yaml': { docs: ['StatefulSet/nas-sts'] },
  'c39/expandable-pvc-pod.yaml': { docs: ['Pod/expandable-pvc-pod'] },
  'c39/expandable-pvc.yaml': { docs: ['PersistentVolumeClaim/expandable-pvc'] },
  'c39/storageclass-topology.yaml': { docs: ['StorageClass/standard'] },
  'c40/deploy.yaml': { docs: ['PersistentVolumeClaim/disk-pvc', 'Deployment/deployment-disk'] },
  'c40/storageclass.yaml': { docs: ['StorageClass/csi-disk'] },
};

const ROOT = join(__dirname, 'testdata', 'corpus');
const FILES = readdirSync(ROOT)
  .sort()
  .flatMap((dir) => readdirSync(join(ROOT, dir)).sort().map((f) => `${dir}/${f}`));

describe('upstream corpus', () => {
  it('lists every corpus file in the expectation table', () => {
    expect(FILES).toEqual(Object.keys(CORPUS).sort());
  });

  // Each folder is one cluster: its files are applied in name order into a fresh store.
  for (const dir of [...new Set(FILES.map((f) => f.split('/')[0]))]) {
    it(`${dir}: every document is accepted as a 1.32 apiserver accepts it`, () => {
      const store = newStore();
      for (const file of FILES.filter((f) => f.startsWith(`${dir}/`))) {
        const parsed = parseManifests(readFileSync(join(ROOT, file), 'utf8'));
        if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
        const want = CORPUS[file];
        expect(parsed.docs.map((d) => `${(d.value as { kind: string }).kind}/${(d.value as { metadata: { name: string } }).metadata.name}`), file).toEqual(want.docs);
        for (const doc of parsed.docs) {
          const decoded = decodeObject(doc.value);
          if (!decoded.ok) throw new Error(`${file}#${doc.index}: ${decoded.error.message}`);
          const r = tryCreate(store, decoded.obj);
          if (!r.ok) throw new Error(`${file}#${doc.index}: ${r.message}`);
          expect(r.warnings, `${file}#${doc.index}`).toEqual(want.warnings?.[doc.index] ?? []);
        }
      }
    });
  }

  it('c09: a claim that names its volume keeps spec.volumeName and gets no class (no default StorageClass exists)', () => {
    const store = newStore();
    const parsed = parseManifests(readFileSync(join(ROOT, 'c09/model-pvc.yaml'), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const decoded = decodeObject(parsed.docs[0].value);
    if (!decoded.ok) throw new Error(decoded.error.message);
    const r = tryCreate(store, decoded.obj);
    if (!r.ok) throw new Error(r.message);
    expect(r.obj.spec).toMatchObject({ volumeName: 'my-model-pv', volumeMode: 'Filesystem' });
    expect(r.obj.spec).not.toHaveProperty('storageClassName');
    expect(r.obj.status).toEqual({ phase: 'Pending' });
    expect(r.obj.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });
});
