// VolumeBinding plugin (pkg/scheduler/framework/plugins/volumebinding: volume_binding.go, binder.go):
// PreFilter sorts the pod's claims into bound / unbound-delayed / unbound-immediate and fails with
// upstream's texts; Filter checks bound PVs' node affinity and finds, per node, a static PV for each
// WaitForFirstConsumer claim (smallest first, FindMatchingVolume) or checks it can be provisioned there.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../model/types';
import { cmpQuantity } from '../../model/quantity';
import {
  claimRequest,
  findMatchingVolume,
  getPersistentVolumeClaimClass,
  getPersistentVolumeClass,
  isDelayBindingMode,
  type PV,
  type PVC,
  type SC,
} from '../volume/pv-helpers';
import { checkNodeAffinity } from '../volume/node-affinity';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE, NOT_SUPPORTED_PROVISIONER } from '../volume/constants';
import { REASON, type NodeStatus } from './messages';
import type { NodeObj, PodObj, Snapshot } from './snapshot';

export interface PodVolumeClaims {
  readonly hasPVC: boolean;
  readonly bound: readonly PVC[];
  readonly unboundDelay: readonly PVC[];
  readonly unboundImmediate: readonly PVC[];
  /** candidate PVs of each delayed claim's class */
  readonly pvsByClass: ReadonlyMap<string, readonly PV[]>;
}

export interface VolumePlan {
  /** static WFFC bindings: write pv.spec.claimRef (PreBind) */
  readonly bindings: readonly { readonly pv: PV; readonly pvc: PVC }[];
  /** claims to provision: write the selected-node annotation (PreBind) */
  readonly provisions: readonly PVC[];
}

export type FilterResult =
  | { readonly ok: true; readonly plan: VolumePlan }
  | { readonly ok: false; readonly status: NodeStatus }
  | { readonly ok: false; readonly error: string };

/** util.IsPVCFullyBound: spec.volumeName set and the PV controller finished (bind-completed). */
export function isPVCFullyBound(pvc: PVC): boolean {
  return !!pvc.spec?.volumeName && pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}

/** Name of the claim behind a pod volume (generic ephemeral volumes: `<pod>-<volume>`). */
export function claimNameOf(pod: PodObj, v: NonNullable<PodObj['spec']>['volumes'] extends (infer V)[] | undefined ? V : never): { name: string; ephemeral: boolean } | undefined {
  if (v.persistentVolumeClaim) return { name: v.persistentVolumeClaim.claimName, ephemeral: false };
  if (v.ephemeral) return { name: `${pod.metadata.name}-${v.name}`, ephemeral: true };
  return undefined;
}

/** podHasPVCs + GetPodVolumeClaims + the unbound-immediate check. Returns the PreFilter error text on failure. */
export function volumeBindingPreFilter(pod: PodObj, snap: Snapshot): PodVolumeClaims | { error: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const getClass = (name: string) => snap.view.get<StorageClass>('StorageClass', undefined, name) as SC | undefined;
  const claims: PVC[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const c = claimNameOf(pod, v);
    if (!c) continue;
    const pvc = snap.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, c.name) as PVC | undefined;
    if (!pvc) {
      if (c.ephemeral) return { error: `waiting for ephemeral volume controller to create the persistentvolumeclaim "${c.name}"` };
      return { error: `persistentvolumeclaim "${c.name}" not found` };
    }
    if (pvc.status?.phase === 'Lost')
      return { error: `persistentvolumeclaim "${pvc.metadata.name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"` };
    if (pvc.metadata.deletionTimestamp) return { error: `persistentvolumeclaim "${pvc.metadata.name}" is being deleted` };
    if (c.ephemeral && !ownedByPod(pvc, pod))
      return { error: `PVC ${ns}/${pvc.metadata.name} was not created for pod ${ns}/${pod.metadata.name} (pod is not owner)` };
    claims.push(pvc);
  }
  const bound: PVC[] = [];
  const unboundDelay: PVC[] = [];
  const unboundImmediate: PVC[] = [];
  for (const pvc of claims) {
    if (isPVCFullyBound(pvc)) bound.push(pvc);
    else if (safeDelay(pvc, getClass) && !pvc.spec?.volumeName) unboundDelay.push(pvc);
    else unboundImmediate.push(pvc);
  }
  if (unboundImmediate.length) return { error: 'pod has unbound immediate PersistentVolumeClaims' };
  const pvsByClass = new Map<string, PV[]>();
  if (unboundDelay.length) {
    const all = [...snap.view.list<PersistentVolume>('PersistentVolume')].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)) as PV[];
    for (const pvc of unboundDelay) {
      const cls = getPersistentVolumeClaimClass(pvc);
      if (!pvsByClass.has(cls)) pvsByClass.set(cls, all.filter((pv) => getPersistentVolumeClass(pv) === cls));
    }
  }
  return { hasPVC: claims.length > 0, bound, unboundDelay, unboundImmediate, pvsByClass };
}

function safeDelay(pvc: PVC, getClass: (n: string) => SC | undefined): boolean {
  try {
    return isDelayBindingMode(pvc, getClass);
  } catch {
    return false;
  }
}

function ownedByPod(pvc: PVC, pod: PodObj): boolean {
  return (pvc.metadata.ownerReferences ?? []).some((r) => r.controller && r.kind === 'Pod' && r.uid === pod.metadata.uid);
}

/** FindPodVolumes for one node. */
export function volumeBindingFilter(claims: PodVolumeClaims, node: NodeObj, snap: Snapshot): FilterResult {
  if (!claims.hasPVC) return { ok: true, plan: { bindings: [], provisions: [] } };
  let boundSatisfied = true;
  let boundPVsFound = true;
  let unboundSatisfied = true;
  const sufficientStorage = true; // CSIStorageCapacity is not modelled: capacity never limits scheduling
  const bindings: { pv: PV; pvc: PVC }[] = [];
  const provisions: PVC[] = [];
  const labels = node.metadata.labels ?? {};
  const reasons = (): FilterResult => {
    const r: string[] = [];
    if (!boundSatisfied) r.push(REASON.volumeNodeConflict);
    if (!unboundSatisfied) r.push(REASON.volumeBindConflict);
    if (!sufficientStorage) r.push(REASON.volumeNotEnoughSpace);
    if (!boundPVsFound) r.push(REASON.volumePVNotExist);
    if (r.length) return { ok: false, status: { code: 'UnschedulableAndUnresolvable', plugin: 'VolumeBinding', reasons: r } };
    return { ok: true, plan: { bindings, provisions } };
  };
  for (const pvc of claims.bound) {
    const pv = snap.view.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec!.volumeName!) as PV | undefined;
    if (!pv) {
      boundPVsFound = false;
      break;
    }
    if (checkNodeAffinity(pv, labels) !== undefined) {
      boundSatisfied = false;
      break;
    }
  }
  // No early return: a node can fail both the bound-claim and the unbound-claim checks.
  if (claims.unboundDelay.length === 0) return reasons();
  const toMatch: PVC[] = [];
  const toProvision: PVC[] = [];
  for (const pvc of claims.unboundDelay) {
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined) {
      if (selected !== node.metadata.name) {
        unboundSatisfied = false; // fast path: provisioning already started for another node
        return reasons();
      }
      toProvision.push(pvc);
    } else toMatch.push(pvc);
  }
  // findMatchingVolumes: smallest request first; a PV chosen for one claim is excluded for the next.
  const sorted = toMatch
    .map((pvc, i) => ({ pvc, i }))
    .sort((a, b) => cmpQuantity(claimRequest(a.pvc), claimRequest(b.pvc)) || a.i - b.i)
    .map((x) => x.pvc);
  const chosen = new Set<string>();
  for (const pvc of sorted) {
    const pvs = claims.pvsByClass.get(getPersistentVolumeClaimClass(pvc)) ?? [];
    let pv: PV | undefined;
    try {
      pv = findMatchingVolume(pvc, pvs, node, chosen, true);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    if (!pv) {
      unboundSatisfied = false;
      toProvision.push(pvc);
      continue;
    }
    chosen.add(pv.metadata.name);
    bindings.push({ pv, pvc });
  }
  if (toProvision.length) {
    // checkVolumeProvisions decides for all remaining claims (and overrides the static result).
    unboundSatisfied = true;
    for (const pvc of toProvision) {
      const className = getPersistentVolumeClaimClass(pvc);
      if (className === '') return { ok: false, error: `no class for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"` };
      const sc = snap.view.get<StorageClass>('StorageClass', undefined, className) as SC | undefined;
      if (!sc) return { ok: false, error: `failed to find storage class "${className}"` };
      if (!sc.provisioner || sc.provisioner === NOT_SUPPORTED_PROVISIONER || !matchTopologySelectorTerms(sc.allowedTopologies, labels)) {
        unboundSatisfied = false;
        return reasons();
      }
      provisions.push(pvc);
    }
  }
  return reasons();
}

/** v1helper.MatchTopologySelectorTerms: no terms = any node; terms are ORed, expressions ANDed (value In values). */
export function matchTopologySelectorTerms(terms: SC['allowedTopologies'], labels: Readonly<Record<string, string>>): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) =>
    (t.matchLabelExpressions ?? []).every((e) => labels[e.key] !== undefined && (e.values ?? []).includes(labels[e.key])),
  );
}
