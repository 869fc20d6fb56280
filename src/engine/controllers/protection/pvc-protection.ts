// pvc-protection-controller (pkg/controller/volume/pvcprotection): keeps kubernetes.io/pvc-protection
// on claims while a pod uses them. A pod uses a claim iff it is scheduled (spec.nodeName set) and
// names it in a persistentVolumeClaim volume, or owns it as a generic ephemeral volume and is not
// shut down — whatever its phase: a Completed pod that still exists keeps the claim Terminating, an
// unscheduled pod does not (kubelet refuses to start a pod whose claim is being deleted).
import type { Controller, Intent, ReconcileContext } from '../types';
import type { KObject, Obj, Pod } from '../../model/types';
import type { WatchEvent } from '../../store/store';
import { PVC_PROTECTION_FINALIZER } from '../volume/constants';
import { POD_PVC_INDEX, POD_PVC_INDEX_DECL, isPodTerminated } from '../volume/pod-pvc-index';
import { isDeletionCandidate, needToAddFinalizer, withFinalizer, withoutFinalizer } from './finalizers';

export const PVC_PROTECTION_CONTROLLER_NAME = 'pvc-protection-controller';

type P = Obj<Pod>;

/** podIsShutDown: deleted with grace period 0 (kubelet is done with it, or it was force-deleted). */
function podIsShutDown(pod: P): boolean {
  return !!pod.metadata.deletionTimestamp && pod.metadata.deletionGracePeriodSeconds === 0;
}

/** podUsesPVC. The ephemeral case also requires the claim to be owned by the pod (VolumeIsForPod). */
export function podUsesPVC(pod: P, pvc: KObject): boolean {
  if (!pod.spec?.nodeName) return false;
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim && v.persistentVolumeClaim.claimName === pvc.metadata.name) return true;
    if (
      !podIsShutDown(pod) &&
      v.ephemeral &&
      `${pod.metadata.name}-${v.name}` === pvc.metadata.name &&
      (pvc.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === pod.metadata.uid)
    )
      return true;
  }
  return false;
}

function enqueuePVCs(pod: P, deleted: boolean): string[] {
  // Only pods that can help remove a finalizer: deleted, terminated, or not scheduled.
  if (!deleted && !isPodTerminated(pod) && pod.spec?.nodeName) return [];
  const ns = pod.metadata.namespace ?? '';
  const keys: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) keys.push(`${ns}/${v.persistentVolumeClaim.claimName}`);
    else if (v.ephemeral) keys.push(`${ns}/${pod.metadata.name}-${v.name}`);
  }
  return keys;
}

export function newPVCProtectionController(): Controller {
  return {
    name: PVC_PROTECTION_CONTROLLER_NAME,
    watches: ['PersistentVolumeClaim', 'Pod'],
    indexes: [POD_PVC_INDEX_DECL],
    keysFor(ev: WatchEvent): readonly string[] {
      if (ev.kind === 'PersistentVolumeClaim') {
        if (ev.type === 'DELETED') return [];
        const pvc = ev.obj;
        const interesting =
          needToAddFinalizer(pvc, PVC_PROTECTION_FINALIZER) || isDeletionCandidate(pvc, PVC_PROTECTION_FINALIZER);
        return interesting ? [`${pvc.metadata.namespace}/${pvc.metadata.name}`] : [];
      }
      if (ev.kind === 'Pod') {
        const pod = ev.obj as P;
        const keys = enqueuePVCs(pod, ev.type === 'DELETED');
        // An update may hide the deletion of pod X and creation of pod Y with the same name.
        const old = ev.old as P | undefined;
        if (ev.type === 'MODIFIED' && old && old.metadata.uid !== pod.metadata.uid) keys.push(...enqueuePVCs(old, true));
        return keys;
      }
      return [];
    },
    reconcile(key: string, ctx: ReconcileContext): readonly Intent[] {
      const slash = key.indexOf('/');
      const pvc = ctx.view.get('PersistentVolumeClaim', key.slice(0, slash), key.slice(slash + 1));
      if (!pvc) return [];
      if (isDeletionCandidate(pvc, PVC_PROTECTION_FINALIZER)) {
        const pods = ctx.view.byIndex<P>('Pod', POD_PVC_INDEX, key) as P[];
        if (!pods.some((p) => podUsesPVC(p, pvc))) return [{ type: 'update', obj: withoutFinalizer(pvc, PVC_PROTECTION_FINALIZER) }];
        // Keeping PVC because it is being used.
      }
      if (needToAddFinalizer(pvc, PVC_PROTECTION_FINALIZER)) {
        // The admission plugin adds the finalizer; this covers claims created before it was enabled.
        return [{ type: 'update', obj: withFinalizer(pvc, PVC_PROTECTION_FINALIZER) }];
      }
      return [];
    },
  };
}
