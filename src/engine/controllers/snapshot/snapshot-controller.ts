// The snapshot-controller of kubernetes-csi/external-snapshotter (pkg/common-controller): for a
// VolumeSnapshot of a bound CSI claim it resolves the VolumeSnapshotClass (named, or the driver's default),
// creates the VolumeSnapshotContent `snapcontent-<snapshot uid>`, and mirrors the content's status into the
// snapshot (boundVolumeSnapshotContentName, readyToUse, restoreSize, creationTime) with its events. Deleting a
// snapshot deletes its content when the deletionPolicy is Delete (the csi-snapshotter then deletes the snapshot).
import type { Controller, Intent, ReconcileContext } from '../types';
import type { KObject, PersistentVolume, PersistentVolumeClaim } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import { formatQuantity, quantityFromBytes } from '../../model/quantity';

export const SNAPSHOT_CONTROLLER = 'snapshot-controller';
export const VS_BOUND_FINALIZER = 'snapshot.storage.kubernetes.io/volumesnapshot-bound-protection';
export const VSC_FINALIZER = 'snapshot.storage.kubernetes.io/volumesnapshotcontent-bound-protection';
export const DEFAULT_SNAPSHOT_CLASS_ANNOTATION = 'snapshot.storage.kubernetes.io/is-default-class';

interface Vs extends KObject {
  spec: { source: { persistentVolumeClaimName?: string; volumeSnapshotContentName?: string }; volumeSnapshotClassName?: string };
  status?: { boundVolumeSnapshotContentName?: string; readyToUse?: boolean; restoreSize?: string; creationTime?: string; error?: { time: string; message: string } };
}
export interface Vsc extends KObject {
  spec: { deletionPolicy: string; driver: string; source: { volumeHandle?: string; snapshotHandle?: string }; volumeSnapshotClassName?: string; volumeSnapshotRef: { name: string; namespace: string; uid?: string } };
  status?: { snapshotHandle?: string; readyToUse?: boolean; restoreSize?: number; creationTime?: number };
}

export function snapshotController(): Controller {
  return {
    name: SNAPSHOT_CONTROLLER,
    watches: ['VolumeSnapshot', 'VolumeSnapshotContent'],
    keysFor(ev) {
      if (ev.kind === 'VolumeSnapshot') return [`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`];
      const ref = (ev.obj as Vsc).spec?.volumeSnapshotRef;
      return ref ? [`${ref.namespace}/${ref.name}`] : [];
    },
    reconcile(key: string, ctx: ReconcileContext): Intent[] {
      const [ns, name] = key.split('/');
      const vs = ctx.view.get('VolumeSnapshot', ns, name) as Vs | undefined;
      if (!vs) return [];
      const contentName = vs.status?.boundVolumeSnapshotContentName ?? `snapcontent-${vs.metadata.uid}`;
      const vsc = ctx.view.get('VolumeSnapshotContent', undefined, contentName) as Vsc | undefined;
      if (vs.metadata.deletionTimestamp) return deleteSnapshot(vs, vsc);
      if (!vs.spec.source.persistentVolumeClaimName) return []; // pre-provisioned snapshots are not simulated
      if (!vsc) return createContent(ctx, vs, contentName);
      const intents: Intent[] = [];
      if (!(vs.metadata.finalizers ?? []).includes(VS_BOUND_FINALIZER)) {
        const next = structuredClone(vs);
        next.metadata.finalizers = [...(next.metadata.finalizers ?? []), VS_BOUND_FINALIZER];
        return [{ type: 'update', obj: next }];
      }
      const ready = !!vsc.status?.readyToUse;
      const status = {
        boundVolumeSnapshotContentName: contentName,
        ...(vsc.status?.creationTime !== undefined ? { creationTime: rfc3339(Math.floor(vsc.status.creationTime / 1e6)) } : {}),
        readyToUse: ready,
        ...(vsc.status?.restoreSize !== undefined ? { restoreSize: formatQuantity(quantityFromBytes(vsc.status.restoreSize)) } : {}),
      };
      if (JSON.stringify(status) === JSON.stringify(vs.status ?? {})) return intents;
      intents.push({ type: 'updateStatus', obj: { ...structuredClone(vs), status } });
      if (ready && !vs.status?.readyToUse) {
        intents.push(
          { type: 'event', involved: vs, eventType: 'Normal', reason: 'SnapshotCreated', message: `Snapshot ${ns}/${name} was successfully created by the CSI driver.` },
          { type: 'event', involved: vs, eventType: 'Normal', reason: 'SnapshotReady', message: `Snapshot ${ns}/${name} is ready to use.` },
        );
      }
      return intents;
    },
  };
}

function createContent(ctx: ReconcileContext, vs: Vs, contentName: string): Intent[] {
  const ns = vs.metadata.namespace ?? 'default';
  const pvc = ctx.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, vs.spec.source.persistentVolumeClaimName ?? '');
  const pv = pvc?.spec?.volumeName ? ctx.view.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec.volumeName) : undefined;
  if (!pvc || pvc.status?.phase !== 'Bound' || !pv?.spec?.csi) return []; // waits until the source claim is bound
  const classes = ctx.view.list('VolumeSnapshotClass') as (KObject & { driver: string; deletionPolicy: string })[];
  const cls = vs.spec.volumeSnapshotClassName
    ? classes.find((c) => c.metadata.name === vs.spec.volumeSnapshotClassName)
    : classes.find((c) => c.driver === pv.spec!.csi!.driver && c.metadata.annotations?.[DEFAULT_SNAPSHOT_CLASS_ANNOTATION] === 'true');
  if (!cls) {
    const message = vs.spec.volumeSnapshotClassName
      ? `Failed to create snapshot content with error failed to get input parameters to create snapshot ${vs.metadata.name}: "volumesnapshotclass.snapshot.storage.k8s.io \\"${vs.spec.volumeSnapshotClassName}\\" not found"`
      : 'cannot find default snapshot class';
    if (vs.status?.error?.message === message) return [];
    return [
      { type: 'updateStatus', obj: { ...structuredClone(vs), status: { ...(vs.status ?? {}), readyToUse: false, error: { time: rfc3339(ctx.now), message } } } },
      { type: 'event', involved: vs, eventType: 'Warning', reason: 'SnapshotContentCreationFailed', message },
    ];
  }
  const intents: Intent[] = [];
  if (!vs.spec.volumeSnapshotClassName) {
    // SetDefaultSnapshotClass writes the default class into the snapshot's spec first
    const next = structuredClone(vs);
    next.spec.volumeSnapshotClassName = cls.metadata.name;
    return [{ type: 'update', obj: next }];
  }
  intents.push(
    {
      type: 'create',
      obj: {
        apiVersion: 'snapshot.storage.k8s.io/v1',
        kind: 'VolumeSnapshotContent',
        metadata: { name: contentName, finalizers: [VSC_FINALIZER] },
        spec: {
          deletionPolicy: cls.deletionPolicy,
          driver: cls.driver,
          source: { volumeHandle: pv.spec.csi.volumeHandle },
          sourceVolumeMode: pv.spec.volumeMode ?? 'Filesystem',
          volumeSnapshotClassName: cls.metadata.name,
          volumeSnapshotRef: { apiVersion: 'snapshot.storage.k8s.io/v1', kind: 'VolumeSnapshot', name: vs.metadata.name, namespace: ns, resourceVersion: vs.metadata.resourceVersion, uid: vs.metadata.uid },
        },
      },
    },
    { type: 'event', involved: vs, eventType: 'Normal', reason: 'CreatingSnapshot', message: `Waiting for a snapshot ${ns}/${vs.metadata.name} to be created by the CSI driver.` },
    { type: 'updateStatus', obj: { ...structuredClone(vs), status: { boundVolumeSnapshotContentName: contentName, readyToUse: false } } },
  );
  return intents;
}

function deleteSnapshot(vs: Vs, vsc: Vsc | undefined): Intent[] {
  const intents: Intent[] = [];
  if (vsc && vsc.spec.deletionPolicy === 'Delete' && !vsc.metadata.deletionTimestamp)
    intents.push({ type: 'delete', ref: { kind: 'VolumeSnapshotContent', name: vsc.metadata.name } });
  if ((vs.metadata.finalizers ?? []).includes(VS_BOUND_FINALIZER)) {
    const next = structuredClone(vs);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== VS_BOUND_FINALIZER);
    intents.push({ type: 'update', obj: next });
  }
  return intents;
}
