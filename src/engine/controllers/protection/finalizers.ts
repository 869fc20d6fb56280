// pkg/controller/util/protection: when a protection controller acts on an object.
import type { KObject } from '../../model/types';

/** IsDeletionCandidate: being deleted and still carrying the finalizer. */
export function isDeletionCandidate(obj: KObject, finalizer: string): boolean {
  return !!obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).includes(finalizer);
}

/** NeedToAddFinalizer: not being deleted and missing the finalizer. */
export function needToAddFinalizer(obj: KObject, finalizer: string): boolean {
  return !obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).includes(finalizer);
}

export function withFinalizer(obj: KObject, finalizer: string): KObject {
  const next = structuredClone(obj);
  next.metadata.finalizers = [...(next.metadata.finalizers ?? []), finalizer];
  return next;
}

export function withoutFinalizer(obj: KObject, finalizer: string): KObject {
  const next = structuredClone(obj);
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  return next;
}
