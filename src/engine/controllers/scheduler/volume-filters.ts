// VolumeRestrictions (ReadWriteOncePod), NodeVolumeLimits (CSI) and VolumeZone filters
// (pkg/scheduler/framework/plugins/{volumerestrictions,nodevolumelimits,volumezone}).
import type { CSINode, PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../model/types';
import type { PV, PVC, SC } from '../volume/pv-helpers';
import { REASON, type NodeStatus } from './messages';
import type { NodeObj, PodObj, Snapshot } from './snapshot';
import { podKey } from './snapshot';
import { claimNameOf } from './volume-binding';

/**
 * VolumeRestrictions PreFilter: a missing claim fails the whole cycle; otherwise count the pods
 * (anywhere in the cluster) that already use one of this pod's ReadWriteOncePod claims.
 */
export function volumeRestrictionsPreFilter(pod: PodObj, snap: Snapshot): { conflicts: number } | { error: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const rwop = new Set<string>();
  for (const v of pod.spec?.volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const name = v.persistentVolumeClaim.claimName;
    const pvc = snap.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
    if (!pvc) return { error: `persistentvolumeclaim "${name}" not found` };
    if ((pvc.spec?.accessModes ?? []).includes('ReadWriteOncePod')) rwop.add(`${ns}/${name}`);
  }
  if (rwop.size === 0) return { conflicts: 0 };
  let conflicts = 0;
  const self = podKey(pod);
  for (const pods of snap.podsByNode.values())
    for (const p of pods) {
      if (podKey(p) === self) continue;
      const pns = p.metadata.namespace ?? 'default';
      for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim && rwop.has(`${pns}/${v.persistentVolumeClaim.claimName}`)) conflicts++;
    }
  return { conflicts };
}

export function volumeRestrictionsFilter(conflicts: number): NodeStatus | undefined {
  return conflicts > 0 ? { code: 'Unschedulable', plugin: 'VolumeRestrictions', reasons: [REASON.readWriteOncePodConflict] } : undefined;
}

/** CSI driver + unique volume id of a pod volume (bound: the PV's handle; unbound: the class provisioner + claim). */
function csiVolumes(pod: PodObj, snap: Snapshot): { driver: string; id: string }[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out: { driver: string; id: string }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.csi) {
      out.push({ driver: v.csi.driver, id: `${podKey(pod)}/${v.name}` });
      continue;
    }
    const c = claimNameOf(pod, v);
    if (!c) continue;
    const pvc = snap.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, c.name) as PVC | undefined;
    if (!pvc) continue;
    const pvName = pvc.spec?.volumeName;
    if (pvName) {
      const pv = snap.view.get<PersistentVolume>('PersistentVolume', undefined, pvName) as PV | undefined;
      if (pv?.spec?.csi) out.push({ driver: pv.spec.csi.driver, id: `${pv.spec.csi.driver}/${pv.spec.csi.volumeHandle}` });
      continue;
    }
    const sc = pvc.spec?.storageClassName ? (snap.view.get<StorageClass>('StorageClass', undefined, pvc.spec.storageClassName) as SC | undefined) : undefined;
    if (sc?.provisioner) out.push({ driver: sc.provisioner, id: `${sc.provisioner}/${ns}/${c.name}` });
  }
  return out;
}

/** NodeVolumeLimits (CSILimits): volumes per driver against CSINode.spec.drivers[].allocatable.count. */
export function nodeVolumeLimits(pod: PodObj, node: NodeObj, snap: Snapshot): NodeStatus | undefined {
  const newVols = csiVolumes(pod, snap);
  if (newVols.length === 0) return undefined;
  const csiNode = snap.view.get<CSINode>('CSINode', undefined, node.metadata.name);
  if (!csiNode) return undefined;
  const limits = new Map<string, number>();
  for (const d of csiNode.spec?.drivers ?? []) if (d.allocatable?.count !== undefined && d.allocatable.count !== null) limits.set(d.name, d.allocatable.count);
  if (limits.size === 0) return undefined;
  const attached = new Map<string, Set<string>>();
  for (const p of snap.podsByNode.get(node.metadata.name) ?? [])
    for (const v of csiVolumes(p, snap)) (attached.get(v.driver) ?? attached.set(v.driver, new Set()).get(v.driver)!).add(v.id);
  const added = new Map<string, Set<string>>();
  for (const v of newVols) {
    if (attached.get(v.driver)?.has(v.id)) continue;
    (added.get(v.driver) ?? added.set(v.driver, new Set()).get(v.driver)!).add(v.id);
  }
  for (const [driver, ids] of added) {
    const limit = limits.get(driver);
    if (limit === undefined) continue;
    if ((attached.get(driver)?.size ?? 0) + ids.size > limit)
      return { code: 'Unschedulable', plugin: 'NodeVolumeLimits', reasons: [REASON.maxVolumeCount] };
  }
  return undefined;
}

const TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
];
const GA_LABEL: Record<string, string> = {
  'failure-domain.beta.kubernetes.io/zone': 'topology.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region': 'topology.kubernetes.io/region',
};

/** VolumeZone: a bound PV's zone/region labels (values joined by "__") must contain the node's. */
export function volumeZone(pod: PodObj, node: NodeObj, snap: Snapshot): NodeStatus | undefined {
  const nodeLabels = node.metadata.labels ?? {};
  if (!TOPOLOGY_LABELS.some((k) => nodeLabels[k] !== undefined)) return undefined;
  const ns = pod.metadata.namespace ?? 'default';
  for (const v of pod.spec?.volumes ?? []) {
    const c = claimNameOf(pod, v);
    if (!c) continue;
    const pvc = snap.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, c.name);
    const pvName = pvc?.spec?.volumeName;
    if (!pvName) continue; // unbound WaitForFirstConsumer claims are VolumeBinding's business
    const pv = snap.view.get<PersistentVolume>('PersistentVolume', undefined, pvName);
    if (!pv) continue;
    for (const key of TOPOLOGY_LABELS) {
      const pvValue = pv.metadata.labels?.[key];
      if (pvValue === undefined) continue;
      const nv = nodeLabels[key] ?? (GA_LABEL[key] ? nodeLabels[GA_LABEL[key]] : undefined);
      if (nv === undefined || !pvValue.split('__').includes(nv))
        return { code: 'UnschedulableAndUnresolvable', plugin: 'VolumeZone', reasons: [REASON.volumeZoneConflict] };
    }
  }
  return undefined;
}
