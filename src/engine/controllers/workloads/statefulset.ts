// StatefulSet controller (pkg/controller/statefulset: stateful_set_control.go, stateful_pod_control.go):
// pods `<set>-<n>` made in order (OrderedReady waits for the previous ordinal to be Running and Ready;
// Parallel does not), each pod's claims `<template>-<set>-<n>` created first and reused when they exist,
// scale-down from the highest ordinal, rolling update of outdated pods from the top, and the claim
// retention policy. A pod that is Terminating (e.g. on a dead node) blocks its ordinal: the set never
// runs two pods with one identity, so it is not recreated until the old one is really gone.
import type { KObject } from '../../model/types';
import type { Controller, Intent, ReconcileContext } from '../types';
import { controllerRef, isPodAvailable, isRunningAndReady, isTerminating, keyOf, nsName, statusPatch, type PodObj } from './util';
import { CONTROLLER_UID_INDEX, ownedPods } from './replicaset';
import {
  claimOwnerRefs,
  claimsFor,
  inOrdinalRange,
  newStatefulPod,
  ordinalOf,
  startOrdinal,
  updateRevision,
  REVISION_LABEL,
  type PVCObj,
  type STS,
} from './statefulset-pods';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';

export function newStatefulSetController(): Controller {
  return {
    name: STATEFULSET_CONTROLLER,
    watches: ['StatefulSet', 'Pod', 'PersistentVolumeClaim'],
    indexes: [CONTROLLER_UID_INDEX],
    keysFor(ev, view) {
      const ns = ev.obj.metadata.namespace ?? 'default';
      if (ev.kind === 'StatefulSet') return [keyOf(ev.obj)];
      if (ev.kind === 'Pod') {
        const r = controllerRef(ev.obj);
        return r?.kind === 'StatefulSet' ? [`${ns}/${r.name}`] : [];
      }
      // A claim that goes away (or finishes terminating) may unblock a pod of some set in its namespace.
      if (ev.type !== 'DELETED') return [];
      return view.list('StatefulSet', ns).map(keyOf);
    },
    reconcile(key, ctx) {
      const [ns, name] = nsName(key);
      const set = ctx.view.get('StatefulSet', ns, name) as STS | undefined;
      if (!set || set.metadata.deletionTimestamp) return [];
      return syncStatefulSet(set, ctx);
    },
  };
}

function event(set: STS, ok: boolean, verb: 'create' | 'delete' | 'update', what: string, err?: string): Intent {
  const Verb = verb[0].toUpperCase() + verb.slice(1);
  return ok
    ? { type: 'event', involved: set, eventType: 'Normal', reason: `Successful${Verb}`, message: `${verb} ${what} in StatefulSet ${set.metadata.name} successful` }
    : { type: 'event', involved: set, eventType: 'Warning', reason: `Failed${Verb}`, message: `${verb} ${what} in StatefulSet ${set.metadata.name} failed error: ${err}` };
}

/** CreateStatefulPod: the claims first (existing ones are reused as they are), then the pod. */
function createPod(set: STS, ordinal: number, ctx: ReconcileContext, out: Intent[]): void {
  const pod = newStatefulPod(set, ordinal);
  const errs: string[] = [];
  for (const claim of claimsFor(set, ordinal)) {
    const existing = ctx.view.get('PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name) as PVCObj | undefined;
    if (existing) {
      if (existing.metadata.deletionTimestamp) errs.push(`pvc ${claim.metadata.name} is being deleted`);
      continue;
    }
    const refs = claimOwnerRefs(claim, set, undefined, ordinal);
    if (refs) claim.metadata.ownerReferences = refs;
    out.push({ type: 'create', obj: claim });
    out.push({
      type: 'event',
      involved: set,
      eventType: 'Normal',
      reason: 'SuccessfulCreate',
      message: `create Claim ${claim.metadata.name} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`,
    });
  }
  if (errs.length) {
    out.push(event(set, false, 'create', `Pod ${pod.metadata.name}`, errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`));
    return;
  }
  out.push({ type: 'create', obj: pod as unknown as KObject });
  out.push(event(set, true, 'create', `Pod ${pod.metadata.name}`));
}

function deletePod(set: STS, pod: PodObj, out: Intent[]): void {
  out.push({ type: 'delete', ref: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name }, options: { preconditions: { uid: pod.metadata.uid } } });
  out.push(event(set, true, 'delete', `Pod ${pod.metadata.name}`));
}

/** Claim owner references per the retention policy, for an existing pod's claims. */
function syncClaimOwners(set: STS, pod: PodObj, ordinal: number, ctx: ReconcileContext, out: Intent[]): void {
  for (const c of claimsFor(set, ordinal)) {
    const claim = ctx.view.get('PersistentVolumeClaim', c.metadata.namespace, c.metadata.name) as PVCObj | undefined;
    if (!claim || claim.metadata.deletionTimestamp) continue;
    const refs = claimOwnerRefs(claim, set, pod, ordinal);
    if (!refs) continue;
    const copy = structuredClone(claim) as PVCObj;
    copy.metadata.ownerReferences = refs;
    if (refs.length === 0) delete copy.metadata.ownerReferences;
    out.push({ type: 'update', obj: copy });
  }
}

function syncStatefulSet(set: STS, ctx: ReconcileContext): Intent[] {
  const out: Intent[] = [];
  const monotonic = (set.spec?.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const minReady = set.spec?.minReadySeconds ?? 0;
  const pods = ownedPods(ctx, set).filter((p) => ordinalOf(set, p.metadata.name) >= 0);
  const start = startOrdinal(set);
  const replicas = set.spec?.replicas ?? 1;
  const byOrdinal = new Map(pods.map((p) => [ordinalOf(set, p.metadata.name), p]));
  const condemned = pods.filter((p) => !inOrdinalRange(set, ordinalOf(set, p.metadata.name))).sort((a, b) => ordinalOf(set, b.metadata.name) - ordinalOf(set, a.metadata.name));
  const revision = updateRevision(set);
  const healthy = (p: PodObj) => isRunningAndReady(p) && !isTerminating(p) && isPodAvailable(p, minReady, ctx.now);
  const finish = () => [...out, ...statefulSetStatus(set, pods, revision, minReady, ctx)];

  let blocked = false;
  for (let ord = start; ord < start + replicas; ord++) {
    const pod = byOrdinal.get(ord);
    if (!pod) {
      createPod(set, ord, ctx, out);
      if (monotonic) return finish();
      continue;
    }
    // A failed pod is deleted so that it can be recreated with the same identity.
    if (!isTerminating(pod) && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
      deletePod(set, pod, out);
      if (monotonic) return finish();
      continue;
    }
    syncClaimOwners(set, pod, ord, ctx, out);
    if (monotonic && !healthy(pod)) {
      // OrderedReady: nothing further happens until this ordinal is Running and Ready (and not Terminating).
      blocked = true;
      break;
    }
  }
  if (blocked) return finish();
  // Scale down: highest ordinal first; OrderedReady deletes one at a time and waits for it to be gone.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return finish();
      continue;
    }
    syncClaimOwners(set, pod, ordinalOf(set, pod.metadata.name), ctx, out);
    deletePod(set, pod, out);
    if (monotonic) return finish();
  }
  // RollingUpdate: replace the highest-ordinal outdated pod once every pod is healthy; OnDelete waits for the user.
  if ((set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const current = [...byOrdinal.entries()].filter(([o]) => inOrdinalRange(set, o)).sort((a, b) => b[0] - a[0]);
    if (current.every(([, p]) => healthy(p)))
      for (const [ord, pod] of current) {
        if (ord < start + partition) break;
        if (pod.metadata.labels?.[REVISION_LABEL] !== revision) {
          deletePod(set, pod, out);
          break;
        }
      }
  }
  return finish();
}

function statefulSetStatus(set: STS, pods: PodObj[], revision: string, minReady: number, ctx: ReconcileContext): Intent[] {
  const created = pods.filter((p) => !!p.status?.phase);
  const live = created.filter((p) => !isTerminating(p));
  const updated = live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
  const currentRevision = updated === live.length && live.length === (set.spec?.replicas ?? 1) ? revision : (set.status?.currentRevision ?? revision);
  const status: Record<string, unknown> = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: created.length,
    readyReplicas: created.filter(isRunningAndReady).length,
    currentReplicas: live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === currentRevision).length,
    updatedReplicas: updated,
    availableReplicas: created.filter((p) => isRunningAndReady(p) && isPodAvailable(p, minReady, ctx.now)).length,
    currentRevision,
    updateRevision: revision,
    collisionCount: set.status?.collisionCount ?? 0,
  };
  const cur = (set.status ?? {}) as Record<string, unknown>;
  const changed = Object.entries(status).some(([k, v]) => (cur[k] ?? (typeof v === 'number' ? 0 : undefined)) !== v) || cur.replicas === undefined;
  const out: Intent[] = [];
  if (changed) {
    const patch = Object.fromEntries(
      Object.entries(status).map(([k, v]) => [k, v === 0 && !['replicas', 'observedGeneration', 'collisionCount', 'availableReplicas'].includes(k) ? null : v]),
    );
    out.push(statusPatch('StatefulSet', set, patch));
  }
  if (minReady > 0 && pods.some((p) => isRunningAndReady(p) && !isPodAvailable(p, minReady, ctx.now)))
    out.push({ type: 'requeue', key: keyOf(set), afterMs: minReady * 1000 });
  return out;
}
