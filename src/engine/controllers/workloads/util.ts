// Small helpers shared by the workload controllers, the scheduler and node lifecycle: pod readiness as
// pkg/api/v1/pod (IsPodReady, IsPodAvailable), controller owner references (metav1.GetControllerOf),
// and status writes as merge patches on the status subresource (so they never clobber spec or metadata).
import type { KindName } from '../../model/kinds';
import type { KObject, Obj, OwnerReference, Pod } from '../../model/types';
import { parseTime } from '../../clock/clock';
import type { Intent } from '../types';

export type PodObj = Obj<Pod>;

export function statusPatch(kind: KindName, o: KObject | { metadata: { namespace?: string; name: string } }, status: Record<string, unknown>): Intent {
  return { type: 'patch', kind, namespace: o.metadata.namespace, name: o.metadata.name, patchType: 'merge', patch: { status }, subresource: 'status' };
}

export function metadataPatch(kind: KindName, o: { metadata: { namespace?: string; name: string } }, metadata: Record<string, unknown>): Intent {
  return { type: 'patch', kind, namespace: o.metadata.namespace, name: o.metadata.name, patchType: 'merge', patch: { metadata } };
}

export function podCondition(pod: PodObj, type: string) {
  return (pod.status?.conditions ?? []).find((c) => c.type === type);
}

/** podutil.IsPodReady */
export function isPodReady(pod: PodObj): boolean {
  return podCondition(pod, 'Ready')?.status === 'True';
}

/** podutil.IsPodAvailable: ready for at least minReadySeconds (by the Ready condition's lastTransitionTime). */
export function isPodAvailable(pod: PodObj, minReadySeconds: number, now: number): boolean {
  const c = podCondition(pod, 'Ready');
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const t = parseTime(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 <= now;
}

/** statefulset isRunningAndReady */
export function isRunningAndReady(pod: PodObj): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export function isTerminating(o: KObject | PodObj): boolean {
  return !!o.metadata.deletionTimestamp;
}

/** controller.FilterActivePods: not terminal and not being deleted */
export function isPodActive(pod: PodObj): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function controllerRef(o: { metadata: { ownerReferences?: readonly OwnerReference[] | null } }): OwnerReference | undefined {
  return (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
}

export function ownerRefFor(owner: KObject, blockOwnerDeletion = true): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name,
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion,
  };
}

export function nsName(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function keyOf(o: { metadata: { namespace?: string; name: string } }): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}
