// How a pod's volumes map to PersistentVolumes and CSI drivers — shared by the attach/detach controller
// and the kubelet's volume manager, as upstream both go through the same volume plugin lookup
// (pkg/volume/csi: CanAttach consults the CSIDriver's attachRequired).
import type { KObject, PersistentVolume, PersistentVolumeClaim, Pod } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import { sha256Hex } from '../../util/sha256';

export type PodObj = Pod & KObject;
export type PvObj = PersistentVolume & KObject;
export type PvcObj = PersistentVolumeClaim & KObject;
export type PodVolume = NonNullable<NonNullable<Pod['spec']>['volumes']>[number];

export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';

/** The claim a pod volume uses: persistentVolumeClaim.claimName, or `<pod>-<volume>` for a generic ephemeral volume. */
export function claimNameOf(pod: PodObj, vol: PodVolume): string | undefined {
  if (vol.persistentVolumeClaim) return vol.persistentVolumeClaim.claimName;
  if (vol.ephemeral) return `${pod.metadata.name}-${vol.name}`;
  return undefined;
}

export interface BoundVolume {
  readonly pvc: PvcObj;
  readonly pv: PvObj;
}

/** The claim and its bound PV, once the claim names a volume that exists (the kubelet's DSW populator waits for that). */
export function boundVolumeOf(view: StoreView, pod: PodObj, vol: PodVolume): BoundVolume | undefined {
  const claimName = claimNameOf(pod, vol);
  if (!claimName) return undefined;
  const pvc = view.get<PersistentVolumeClaim>('PersistentVolumeClaim', pod.metadata.namespace, claimName);
  const pvName = pvc?.spec?.volumeName;
  if (!pvc || !pvName) return undefined;
  const pv = view.get<PersistentVolume>('PersistentVolume', undefined, pvName);
  return pv ? { pvc, pv } : undefined;
}

/** `kubernetes.io/csi/<driver>^<volumeHandle>`: the unique volume name in node.status.volumesAttached/volumesInUse. */
export function uniqueVolumeName(driver: string, handle: string): string {
  return `kubernetes.io/csi/${driver}^${handle}`;
}

/** csi_attacher.go getAttachmentName: `csi-` + sha256 hex of volumeHandle + driver + node (68 characters). */
export function attachmentName(handle: string, driver: string, nodeName: string): string {
  return `csi-${sha256Hex(handle + driver + nodeName)}`;
}

/** CSIDriver.spec.attachRequired; a driver without a CSIDriver object needs attach (the API default is true). */
export function attachRequired(view: StoreView, driver: string): boolean {
  const d = view.get('CSIDriver', undefined, driver) as { spec?: { attachRequired?: boolean } } | undefined;
  return d?.spec?.attachRequired ?? true;
}

/**
 * util.IsMultiAttachAllowed: a PV may be attached to several nodes if its *own* access modes are empty or
 * include ReadWriteMany or ReadOnlyMany — the claim's modes do not matter.
 */
export function isMultiAttachAllowed(pv: PvObj): boolean {
  const modes = pv.spec?.accessModes ?? [];
  return modes.length === 0 || modes.includes('ReadWriteMany') || modes.includes('ReadOnlyMany');
}

export interface AttachableVolume {
  readonly pvName: string;
  readonly pv: PvObj;
  readonly driver: string;
  readonly handle: string;
  readonly unique: string;
}

/** The pod's volumes the attach/detach controller must attach: CSI PVs whose driver requires attach. */
export function attachableVolumesOf(view: StoreView, pod: PodObj): AttachableVolume[] {
  const out: AttachableVolume[] = [];
  for (const vol of pod.spec?.volumes ?? []) {
    const b = boundVolumeOf(view, pod, vol);
    const csi = b?.pv.spec?.csi;
    if (!b || !csi?.driver || !csi.volumeHandle) continue;
    if (!attachRequired(view, csi.driver)) continue;
    if (out.some((v) => v.pvName === b.pv.metadata.name)) continue;
    out.push({ pvName: b.pv.metadata.name, pv: b.pv, driver: csi.driver, handle: csi.volumeHandle, unique: uniqueVolumeName(csi.driver, csi.volumeHandle) });
  }
  return out;
}

/**
 * Pods the node's desired state of world holds: assigned to it and not terminated — util.IsPodTerminated:
 * phase Succeeded/Failed, or being deleted with no container running any more.
 */
export function isPodActiveOnNode(pod: PodObj, nodeName: string): boolean {
  if (pod.spec?.nodeName !== nodeName) return false;
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (pod.metadata.deletionTimestamp) {
    const statuses = pod.status?.containerStatuses ?? [];
    if (statuses.every((c) => !c.state?.running)) return false;
  }
  return true;
}

export function nodeIsReady(node: KObject | undefined): boolean {
  const conds = (node?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conds.some((c) => c.type === 'Ready' && c.status === 'True');
}

export function hasOutOfServiceTaint(node: KObject | undefined): boolean {
  const taints = (node?.spec as { taints?: { key: string }[] } | undefined)?.taints ?? [];
  return taints.some((t) => t.key === OUT_OF_SERVICE_TAINT);
}

/** Index name for pods by spec.nodeName (registered by the controllers that use it). */
export const POD_NODE_INDEX = 'volumes.pod.spec.nodeName';
export function podNodeIndex(o: KObject): readonly string[] {
  const n = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  return n ? [n] : [];
}

export const VA_NODE_INDEX = 'volumes.va.spec.nodeName';
export function vaNodeIndex(o: KObject): readonly string[] {
  const n = (o.spec as { nodeName?: string } | undefined)?.nodeName;
  return n ? [n] : [];
}

export const VA_PV_INDEX = 'volumes.va.spec.source.persistentVolumeName';
export function vaPvIndex(o: KObject): readonly string[] {
  const n = (o.spec as { source?: { persistentVolumeName?: string } } | undefined)?.source?.persistentVolumeName;
  return n ? [n] : [];
}
