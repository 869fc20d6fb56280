// Printers for storage.k8s.io/v1 kinds (printers.go v1.32) and the snapshot CRDs' additionalPrinterColumns
// (kubernetes-csi/external-snapshotter client/config/crd, v8).
import type { KObject } from '../../model/types';
import { since } from '../duration';
import { arr, isDefaultClass, rec, spec, status, str } from './helpers';
import { AGE_COL, AGE_DOC, NAME_COL, col, registerPrinter } from './table';

registerPrinter('StorageClass', {
  columns: [
    NAME_COL,
    col('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
    col('ReclaimPolicy', 'string', 'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.'),
    col('VolumeBindingMode', 'string', 'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only honored by servers that enable the VolumeScheduling feature.'),
    col('AllowVolumeExpansion', 'string', 'allowVolumeExpansion shows whether the storage class allow volume expand.'),
    AGE_COL,
  ],
  row: (sc, o) => [
    isDefaultClass(sc) ? `${sc.metadata.name} (default)` : sc.metadata.name,
    str(sc.provisioner),
    sc.reclaimPolicy == null ? 'Delete' : str(sc.reclaimPolicy),
    sc.volumeBindingMode == null ? 'Immediate' : str(sc.volumeBindingMode),
    sc.allowVolumeExpansion == null ? false : sc.allowVolumeExpansion === true,
    since(sc.metadata.creationTimestamp, o.now),
  ],
});

registerPrinter('VolumeAttachment', {
  columns: [
    NAME_COL,
    col('Attacher', 'string', 'attacher indicates the name of the volume driver that MUST handle this request. This is the name returned by GetPluginName().', 0, 'name'),
    col('PV', 'string', 'persistentVolumeName represents the name of the persistent volume to attach.'),
    col('Node', 'string', 'nodeName represents the node that the volume should be attached to.'),
    col('Attached', 'boolean', 'attached indicates the volume is successfully attached. This field must only be set by the entity completing the attach operation, i.e. the external-attacher.'),
    AGE_COL,
  ],
  row: (va, o) => {
    const sp = spec(va);
    return [
      va.metadata.name,
      str(sp.attacher),
      str(rec(sp.source).persistentVolumeName),
      str(sp.nodeName),
      status(va).attached === true,
      since(va.metadata.creationTimestamp, o.now),
    ];
  },
});

registerPrinter('CSINode', {
  columns: [NAME_COL, col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), AGE_COL],
  row: (n, o) => [n.metadata.name, arr(spec(n).drivers).length, since(n.metadata.creationTimestamp, o.now)],
});

registerPrinter('CSIDriver', {
  columns: [
    NAME_COL,
    col('AttachRequired', 'boolean', 'attachRequired indicates this CSI volume driver requires an attach operation.'),
    col('PodInfoOnMount', 'boolean', 'podInfoOnMount indicates this CSI volume driver requires additional pod information (like podName, podUID, etc.) during mount operations.'),
    col('StorageCapacity', 'boolean', 'storageCapacity indicates that the CSI volume driver wants pod scheduling to consider the storage capacity that the driver deployment will report.'),
    col('TokenRequests', 'string', 'tokenRequests indicates the CSI driver needs pods\' service account tokens it is mounting volume for to do necessary authentication.'),
    col('RequiresRepublish', 'boolean', 'requiresRepublish indicates the CSI driver wants `NodePublishVolume` being periodically called to reflect any possible change in the mounted volume.'),
    col('Modes', 'string', 'volumeLifecycleModes defines what kind of volumes this CSI volume driver supports.'),
    AGE_COL,
  ],
  row: (d, o) => {
    const sp = spec(d);
    const modes = arr(sp.volumeLifecycleModes).map(str).join(',');
    const tr = sp.tokenRequests == null ? '<unset>' : arr(sp.tokenRequests).map((t) => str(rec(t).audience)).join(',');
    return [
      d.metadata.name,
      sp.attachRequired == null ? true : sp.attachRequired === true,
      sp.podInfoOnMount === true,
      sp.storageCapacity === true,
      tr,
      sp.requiresRepublish === true,
      modes || '<none>',
      since(d.metadata.creationTimestamp, o.now),
    ];
  },
});

/** A CRD printer column: a missing value is a null cell (printed empty); `date` columns as an age. */
function jp(o: KObject, path: string[]): unknown {
  let cur: unknown = o;
  for (const p of path) cur = rec(cur)[p];
  return cur === undefined ? null : cur;
}
function dateCell(o: KObject, path: string[], now: number): unknown {
  const v = jp(o, path);
  return v === null ? null : since(str(v), now);
}

registerPrinter('VolumeSnapshot', {
  columns: [
    NAME_COL,
    col('ReadyToUse', 'boolean', 'Indicates if the snapshot is ready to be used to restore a volume.'),
    col('SourcePVC', 'string', 'If a new snapshot needs to be created, this contains the name of the source PVC from which this snapshot was (or will be) created.'),
    col('SourceSnapshotContent', 'string', 'If a snapshot already exists, this contains the name of the existing VolumeSnapshotContent object representing the existing snapshot.'),
    col('RestoreSize', 'string', 'Represents the minimum size of volume required to rehydrate from this snapshot.'),
    col('SnapshotClass', 'string', 'The name of the VolumeSnapshotClass requested by the VolumeSnapshot.'),
    col('SnapshotContent', 'string', 'Name of the VolumeSnapshotContent object to which the VolumeSnapshot object intends to bind to. Please note that verification of binding actually requires checking both VolumeSnapshot and VolumeSnapshotContent to ensure both are pointing at each other. Binding MUST be verified prior to usage of this object.'),
    col('CreationTime', 'date', 'Timestamp when the point-in-time snapshot was taken by the underlying storage system.'),
    col('Age', 'date', AGE_DOC),
  ],
  row: (vs, o) => [
    vs.metadata.name,
    jp(vs, ['status', 'readyToUse']),
    jp(vs, ['spec', 'source', 'persistentVolumeClaimName']),
    jp(vs, ['spec', 'source', 'volumeSnapshotContentName']),
    jp(vs, ['status', 'restoreSize']),
    jp(vs, ['spec', 'volumeSnapshotClassName']),
    jp(vs, ['status', 'boundVolumeSnapshotContentName']),
    dateCell(vs, ['status', 'creationTime'], o.now),
    dateCell(vs, ['metadata', 'creationTimestamp'], o.now),
  ],
});

registerPrinter('VolumeSnapshotContent', {
  columns: [
    NAME_COL,
    col('ReadyToUse', 'boolean', 'Indicates if the snapshot is ready to be used to restore a volume.'),
    col('RestoreSize', 'integer', 'Represents the complete size of the snapshot in bytes'),
    col('DeletionPolicy', 'string', 'Determines whether this VolumeSnapshotContent and its physical snapshot on the underlying storage system should be deleted when its bound VolumeSnapshot is deleted.'),
    col('Driver', 'string', 'Name of the CSI driver used to create the physical snapshot on the underlying storage system.'),
    col('VolumeSnapshotClass', 'string', 'Name of the VolumeSnapshotClass to which this snapshot belongs.'),
    col('VolumeSnapshot', 'string', 'Name of the VolumeSnapshot object to which this VolumeSnapshotContent object is bound.'),
    col('VolumeSnapshotNamespace', 'string', 'Namespace of the VolumeSnapshot object to which this VolumeSnapshotContent object is bound.'),
    col('Age', 'date', AGE_DOC),
  ],
  row: (c, o) => [
    c.metadata.name,
    jp(c, ['status', 'readyToUse']),
    jp(c, ['status', 'restoreSize']),
    jp(c, ['spec', 'deletionPolicy']),
    jp(c, ['spec', 'driver']),
    jp(c, ['spec', 'volumeSnapshotClassName']),
    jp(c, ['spec', 'volumeSnapshotRef', 'name']),
    jp(c, ['spec', 'volumeSnapshotRef', 'namespace']),
    dateCell(c, ['metadata', 'creationTimestamp'], o.now),
  ],
});

registerPrinter('VolumeSnapshotClass', {
  columns: [
    NAME_COL,
    col('Driver', 'string', ''),
    col('DeletionPolicy', 'string', 'Determines whether a VolumeSnapshotContent created through the VolumeSnapshotClass should be deleted when its bound VolumeSnapshot is deleted.'),
    col('Age', 'date', AGE_DOC),
  ],
  row: (c, o) => [c.metadata.name, jp(c, ['driver']), jp(c, ['deletionPolicy']), dateCell(c, ['metadata', 'creationTimestamp'], o.now)],
});
