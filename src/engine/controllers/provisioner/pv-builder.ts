// The PersistentVolume objects the provisioners create, field for field as upstream builds them:
// csi-provisioner's Provision (pkg/controller/controller.go) plus what sig-storage-lib-external-provisioner's
// provisionClaimOperation adds (claimRef, finalizer, provisioned-by, storageClassName), and minikube's
// hostPathProvisioner.Provision (pkg/storage/storage_provisioner.go).
import type { KObject, PersistentVolumeClaim, StorageClass } from '../../model/types';
import { formatQuantity, quantityFromBytes } from '../../model/quantity';
import type { CsiVolume } from '../../storage/csi-controller';
import { volumeNodeAffinity } from './topology';

export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_DELETION_SECRET_NAME = 'volume.kubernetes.io/provisioner-deletion-secret-name';
export const ANN_DELETION_SECRET_NAMESPACE = 'volume.kubernetes.io/provisioner-deletion-secret-namespace';
export const ANN_CSI_PROVISIONER_IDENTITY = 'storage.kubernetes.io/csiProvisionerIdentity';
export const ANN_HOSTPATH_IDENTITY = 'hostPathProvisionerIdentity';
/** HonorPVReclaimPolicy (beta, on since 1.31): the provisioner's claim on deleting the backend volume */
export const FINALIZER_PV = 'external-provisioner.volume.kubernetes.io/finalizer';

type PVC = PersistentVolumeClaim & KObject;
type SC = StorageClass & KObject;

/** ref.GetReference(claim): kind, namespace, name, uid, apiVersion and the claim's resourceVersion. */
export function claimRef(pvc: PVC): Record<string, string> {
  const ref: Record<string, string> = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace ?? 'default' };
  if (pvc.metadata.resourceVersion) ref.resourceVersion = pvc.metadata.resourceVersion;
  if (pvc.metadata.uid) ref.uid = pvc.metadata.uid;
  return ref;
}

/** GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
export function claimClass(pvc: PVC): string {
  return pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

export function isBlock(pvc: PVC): boolean {
  return pvc.spec?.volumeMode === 'Block';
}

export interface CsiPvInput {
  readonly pvc: PVC;
  readonly sc: SC;
  readonly driver: string;
  readonly pvName: string;
  readonly volume: CsiVolume;
  readonly fsType: string;
  readonly csiIdentity: string;
  readonly deletionSecret?: { name: string; namespace: string };
  /** secret references the class asks to put into the PV (controller-publish, node-stage, …) */
  readonly secretRefs: Readonly<Record<string, { name: string; namespace: string }>>;
  /** sig-storage-lib's addFinalizer (csi-provisioner sets it when HonorPVReclaimPolicy is on) */
  readonly addFinalizer: boolean;
}

export function buildCsiPv(i: CsiPvInput): KObject {
  const csi: Record<string, unknown> = {
    driver: i.driver,
    volumeHandle: i.volume.volumeId,
    volumeAttributes: { [ANN_CSI_PROVISIONER_IDENTITY]: i.csiIdentity, ...i.volume.volumeContext },
    ...i.secretRefs,
  };
  // FSType is set only for filesystem volumes (and omitted when empty).
  if (!isBlock(i.pvc) && i.fsType) csi.fsType = i.fsType;
  const spec: Record<string, unknown> = {
    accessModes: [...(i.pvc.spec?.accessModes ?? [])],
    capacity: { storage: formatQuantity(quantityFromBytes(i.volume.capacityBytes)) },
    csi,
    claimRef: claimRef(i.pvc),
    storageClassName: claimClass(i.pvc),
  };
  if (i.sc.mountOptions?.length) spec.mountOptions = [...i.sc.mountOptions];
  // The API server defaults a class's reclaimPolicy to Delete, so a stored class always has one.
  spec.persistentVolumeReclaimPolicy = i.sc.reclaimPolicy ?? 'Delete';
  if (i.pvc.spec?.volumeMode) spec.volumeMode = i.pvc.spec.volumeMode;
  const affinity = volumeNodeAffinity(i.volume.accessibleTopology);
  if (affinity) spec.nodeAffinity = affinity;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: i.pvName,
      annotations: {
        [ANN_PROVISIONED_BY]: i.driver,
        // Always set, empty when the class names no provisioner secret (as real PVs show them).
        [ANN_DELETION_SECRET_NAME]: i.deletionSecret?.name ?? '',
        [ANN_DELETION_SECRET_NAMESPACE]: i.deletionSecret?.namespace ?? '',
      },
      ...(i.addFinalizer ? { finalizers: [FINALIZER_PV] } : {}),
    },
    spec,
  };
}

export interface HostPathPvInput {
  readonly pvc: PVC;
  readonly sc: SC;
  readonly provisioner: string;
  readonly pvName: string;
  readonly path: string;
  readonly identity: string;
}

export function buildHostPathPv(i: HostPathPvInput): KObject {
  const spec: Record<string, unknown> = {
    // minikube copies the request as it is: a 1G claim gets a 1G PV, nothing is rounded.
    capacity: { storage: i.pvc.spec?.resources?.requests?.storage },
    hostPath: { path: i.path },
    accessModes: [...(i.pvc.spec?.accessModes ?? [])],
    claimRef: claimRef(i.pvc),
    storageClassName: claimClass(i.pvc),
  };
  // The API server defaults a class's reclaimPolicy to Delete, so a stored class always has one.
  spec.persistentVolumeReclaimPolicy = i.sc.reclaimPolicy ?? 'Delete';
  // minikube's Provision ignores the class's mountOptions (the PV it returns has none).
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: i.pvName,
      annotations: { [ANN_HOSTPATH_IDENTITY]: i.identity, [ANN_PROVISIONED_BY]: i.provisioner },
    },
    spec,
  };
}
