// pkg/controller/volume/common PodPVCIndexFunc: pods indexed by "<namespace>/<claimName>" for every
// persistentVolumeClaim volume and every generic ephemeral volume ("<pod>-<volume>" claims).
// Shared by the PV controller (WaitForPodScheduled, recycling) and PVC protection.
import type { KObject, Obj, Pod } from '../../model/types';

export const POD_PVC_INDEX = 'pod-pvc';

export function podPVCIndexFunc(o: KObject): string[] {
  const pod = o as Obj<Pod>;
  const ns = pod.metadata.namespace ?? '';
  const keys: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) keys.push(`${ns}/${v.persistentVolumeClaim.claimName}`);
    else if (v.ephemeral) keys.push(`${ns}/${pod.metadata.name}-${v.name}`);
  }
  return keys;
}

export const POD_PVC_INDEX_DECL = { kind: 'Pod' as const, name: POD_PVC_INDEX, fn: podPVCIndexFunc };

/**
 * util.IsPodTerminated: Failed or Succeeded, or being deleted with no container still running.
 */
export function isPodTerminated(pod: Obj<Pod>): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return true;
  if (!pod.metadata.deletionTimestamp) return false;
  // notRunning: every container is Terminated or Waiting.
  for (const cs of pod.status?.containerStatuses ?? []) if (!cs.state?.terminated && !cs.state?.waiting) return false;
  return true;
}
