// StatefulSet identity and storage (pkg/controller/statefulset/stateful_set_utils.go): pod names
// `<set>-<ordinal>`, claim names `<template>-<set>-<ordinal>`, the versioned pod made from the
// template, and persistentVolumeClaimRetentionPolicy owner references (updateClaimOwnerRefForSetAndPod).
import type { KObject, OwnerReference, PersistentVolumeClaim, StatefulSet } from '../../model/types';
import { computeHash } from './hash';
import { type PodObj } from './util';

export type STS = KObject & StatefulSet & { metadata: KObject['metadata'] };
export type PVCObj = KObject & PersistentVolumeClaim & { metadata: KObject['metadata'] };

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export function podName(set: STS, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** getOrdinal: -1 when the name is not `<set>-<n>` of this set. */
export function ordinalOf(set: STS, name: string): number {
  const m = /^(.*)-([0-9]+)$/.exec(name);
  if (!m || m[1] !== set.metadata.name) return -1;
  return Number(m[2]);
}

export function startOrdinal(set: STS): number {
  return set.spec?.ordinals?.start ?? 0;
}

export function inOrdinalRange(set: STS, ordinal: number): boolean {
  const start = startOrdinal(set);
  return ordinal >= start && ordinal < start + (set.spec?.replicas ?? 1);
}

export function updateRevision(set: STS): string {
  // getStatefulSetRevisions always hashes with a collision count (0 when status has none).
  return `${set.metadata.name}-${computeHash(set.spec?.template, set.status?.collisionCount ?? 0)}`;
}

export function claimName(templateName: string, set: STS, ordinal: number): string {
  return `${templateName}-${set.metadata.name}-${ordinal}`;
}

/** getPersistentVolumeClaims: one claim per volumeClaimTemplate, labelled with the set's selector. */
export function claimsFor(set: STS, ordinal: number): PVCObj[] {
  return (set.spec?.volumeClaimTemplates ?? []).map((tpl) => {
    const t = structuredClone(tpl) as unknown as PVCObj;
    const selectorLabels = (set.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
    const claim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName(t.metadata?.name ?? '', set, ordinal),
        namespace: set.metadata.namespace,
        labels: { ...(t.metadata?.labels ?? {}), ...selectorLabels },
        ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      },
      spec: t.spec ?? {},
    } as unknown as PVCObj;
    return claim;
  });
}

/** newVersionedStatefulSetPod: template + identity labels, hostname/subdomain, claim volumes first. */
export function newStatefulPod(set: STS, ordinal: number): PodObj {
  const tpl = structuredClone(set.spec?.template ?? {}) as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  const name = podName(set, ordinal);
  const md = tpl.metadata ?? {};
  const templates = set.spec?.volumeClaimTemplates ?? [];
  const claimVolumes = templates.map((t) => ({ name: t.metadata?.name ?? '', persistentVolumeClaim: { claimName: claimName(t.metadata?.name ?? '', set, ordinal) } }));
  const taken = new Set(claimVolumes.map((v) => v.name));
  const spec = { ...(tpl.spec ?? {}) } as Record<string, unknown>;
  const volumes = [...claimVolumes, ...((spec.volumes as { name: string }[] | undefined) ?? []).filter((v) => !taken.has(v.name))];
  if (volumes.length) spec.volumes = volumes;
  spec.hostname = name;
  if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: set.metadata.namespace,
      labels: {
        ...((md.labels as Record<string, string>) ?? {}),
        [POD_NAME_LABEL]: name,
        [POD_INDEX_LABEL]: String(ordinal),
        [REVISION_LABEL]: updateRevision(set),
      },
      ...(md.annotations ? { annotations: md.annotations as Record<string, string> } : {}),
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata.name, uid: set.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec,
  } as unknown as PodObj;
}

function refTo(owner: { apiVersion: string; kind: string; metadata: { name: string; uid?: string } }): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '' };
}

/**
 * updateClaimOwnerRefForSetAndPod: whenDeleted=Delete → the set owns the claim; whenScaled=Delete →
 * a condemned (scaled-down) pod owns its claims, so they go with it. Returns the new owner list, or
 * undefined when nothing changes.
 */
export function claimOwnerRefs(claim: PVCObj, set: STS, pod: PodObj | undefined, ordinal: number): OwnerReference[] | undefined {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const whenDeleted = policy.whenDeleted ?? 'Retain';
  const whenScaled = policy.whenScaled ?? 'Retain';
  const scaledDown = !inOrdinalRange(set, ordinal);
  let refs = [...(claim.metadata.ownerReferences ?? [])];
  const has = (uid?: string) => refs.some((r) => r.uid === uid);
  const add = (o: { apiVersion: string; kind: string; metadata: { name: string; uid?: string } } | undefined) => {
    if (o && !has(o.metadata.uid)) refs.push(refTo(o));
  };
  const remove = (uid: string | undefined, kind: string) => {
    refs = refs.filter((r) => !(r.kind === kind && (uid === undefined || r.uid === uid)));
  };
  const setRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: set.metadata };
  if (whenScaled === 'Retain' && whenDeleted === 'Retain') {
    remove(set.metadata.uid, 'StatefulSet');
    if (pod) remove(pod.metadata.uid, 'Pod');
  } else if (whenScaled === 'Retain' && whenDeleted === 'Delete') {
    add(setRef);
    if (pod) remove(pod.metadata.uid, 'Pod');
  } else if (whenScaled === 'Delete' && whenDeleted === 'Retain') {
    remove(set.metadata.uid, 'StatefulSet');
    if (pod && scaledDown) add({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata });
    if (pod && !scaledDown) remove(pod.metadata.uid, 'Pod');
  } else {
    if (scaledDown) {
      remove(set.metadata.uid, 'StatefulSet');
      if (pod) add({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata });
    } else {
      add(setRef);
      if (pod) remove(pod.metadata.uid, 'Pod');
    }
  }
  const before = JSON.stringify(claim.metadata.ownerReferences ?? []);
  return JSON.stringify(refs) === before ? undefined : refs;
}
