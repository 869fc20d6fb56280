// VolumeBinding Reserve/PreBind (binder.go AssumePodVolumes, bindAPIUpdate, checkBindings): write the
// chosen PVs' claimRef (static) or the claims' selected-node annotation (dynamic), then wait until the
// PV controller (and a provisioner) have fully bound every claim before the pod is bound to the node.
import type { KObject, PersistentVolume, PersistentVolumeClaim } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import type { Intent } from '../types';
import { getBindVolumeToClaim, type PV, type PVC } from '../volume/pv-helpers';
import { checkNodeAffinity } from '../volume/node-affinity';
import { ANN_SELECTED_NODE } from '../volume/constants';
import type { NodeObj } from './snapshot';
import { isPVCFullyBound, type VolumePlan } from './volume-binding';

/** PersistentVolumeBinder bindTimeout default (--bind-timeout-seconds was 600). */
export const BIND_TIMEOUT_MS = 600_000;

export function preBindWrites(plan: VolumePlan, nodeName: string): Intent[] {
  const out: Intent[] = [];
  for (const { pv, pvc } of plan.bindings) {
    const { volume, dirty } = getBindVolumeToClaim(pv, pvc);
    if (dirty) out.push({ type: 'update', obj: volume as unknown as KObject });
  }
  for (const pvc of plan.provisions) {
    if (pvc.metadata.annotations?.[ANN_SELECTED_NODE] === nodeName) continue;
    const copy = structuredClone(pvc) as PVC;
    copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [ANN_SELECTED_NODE]: nodeName };
    out.push({ type: 'update', obj: copy as unknown as KObject });
  }
  return out;
}

export type BindingCheck = { readonly state: 'bound' } | { readonly state: 'waiting' } | { readonly state: 'failed'; readonly error: string };

/** checkBindings: every chosen PV still reserved, every provisioned claim still selected for this node, all claims fully bound. */
export function checkBindings(view: StoreView, plan: VolumePlan, node: NodeObj): BindingCheck {
  let waiting = false;
  for (const b of plan.bindings) {
    const pv = view.get<PersistentVolume>('PersistentVolume', undefined, b.pv.metadata.name) as PV | undefined;
    if (!pv) return { state: 'failed', error: `failed to get pv "${b.pv.metadata.name}" from cache: pv "${b.pv.metadata.name}" not found` };
    if (!pv.spec?.claimRef || !pv.spec.claimRef.uid) return { state: 'failed', error: `ClaimRef got reset for pv "${pv.metadata.name}"` };
    const pvc = view.get<PersistentVolumeClaim>('PersistentVolumeClaim', b.pvc.metadata.namespace, b.pvc.metadata.name) as PVC | undefined;
    if (!pvc) return { state: 'failed', error: `failed to get pvc "${b.pvc.metadata.namespace}/${b.pvc.metadata.name}" from cache` };
    if (!isPVCFullyBound(pvc)) waiting = true;
  }
  for (const c of plan.provisions) {
    const pvc = view.get<PersistentVolumeClaim>('PersistentVolumeClaim', c.metadata.namespace, c.metadata.name) as PVC | undefined;
    if (!pvc) return { state: 'failed', error: `failed to get pvc "${c.metadata.namespace}/${c.metadata.name}" from cache` };
    const selected = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected === undefined) return { state: 'failed', error: `selectedNode annotation reset for PVC "${pvc.metadata.name}"` };
    // A provisioner that cannot provision for this node removes the annotation to ask for a new node.
    if (selected !== node.metadata.name) return { state: 'failed', error: `provisioning failed for PVC "${pvc.metadata.name}"` };
    if (pvc.spec?.volumeName) {
      const pv = view.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec.volumeName) as PV | undefined;
      if (!pv) {
        waiting = true;
        continue;
      }
      const err = checkNodeAffinity(pv, node.metadata.labels ?? {});
      if (err) return { state: 'failed', error: `pv "${pv.metadata.name}" node affinity doesn't match node "${node.metadata.name}": ${err}` };
    }
    if (!isPVCFullyBound(pvc)) waiting = true;
  }
  return waiting ? { state: 'waiting' } : { state: 'bound' };
}
