// Garbage collector (pkg/controller/garbagecollector): deletes dependents whose owners (by
// ownerReferences uid) are all gone; honours the `orphan` finalizer (strip the owner's references
// from its dependents, then let it go) and `foregroundDeletion` (delete dependents first; the owner
// goes once no dependent with blockOwnerDeletion remains). The store adds those finalizers on a
// DELETE with propagationPolicy Orphan / Foreground.
import { KINDS, kindInfo, type KindName } from '../../model/kinds';
import type { KObject, OwnerReference } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import type { Controller, Intent } from '../types';

export const GARBAGE_COLLECTOR = 'garbage-collector-controller';
export const OWNER_UID_INDEX = 'gc-owner-uid';

/** Kinds whose objects may carry ownerReferences (dependents) in the playground. */
const DEPENDENT_KINDS: readonly KindName[] = [
  'Pod',
  'ReplicaSet',
  'StatefulSet',
  'Deployment',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'VolumeAttachment',
  'ConfigMap',
  'Secret',
  'Service',
  'ServiceAccount',
  'CSINode',
  'VolumeSnapshot',
  'VolumeSnapshotContent',
];

const key = (kind: string, o: KObject) => `${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function dependentsOf(view: StoreView, uid: string | undefined): { kind: KindName; obj: KObject }[] {
  if (!uid) return [];
  const out: { kind: KindName; obj: KObject }[] = [];
  for (const kind of DEPENDENT_KINDS)
    for (const obj of [...view.byIndex(kind, OWNER_UID_INDEX, uid)].sort((a, b) => (key(kind, a) < key(kind, b) ? -1 : 1))) out.push({ kind, obj });
  return out;
}

type OwnerState = 'absent' | 'solid' | 'waiting';

function ownerState(view: StoreView, dependent: KObject, ref: OwnerReference): OwnerState {
  const info = KINDS.find((k) => k.kind === ref.kind);
  if (!info) return 'solid'; // an owner kind we cannot resolve is never treated as gone (upstream retries)
  const owner = view.get(info.kind, info.namespaced ? dependent.metadata.namespace : undefined, ref.name);
  if (!owner || owner.metadata.uid !== ref.uid) return 'absent';
  if (owner.metadata.deletionTimestamp && (owner.metadata.finalizers ?? []).includes('foregroundDeletion')) return 'waiting';
  return 'solid';
}

function withoutFinalizer(o: KObject, f: string): KObject {
  const copy = structuredClone(o);
  copy.metadata.finalizers = (copy.metadata.finalizers ?? []).filter((x) => x !== f);
  return copy;
}

export function newGarbageCollector(): Controller {
  return {
    name: GARBAGE_COLLECTOR,
    watches: DEPENDENT_KINDS,
    indexes: DEPENDENT_KINDS.map((kind) => ({ kind, name: OWNER_UID_INDEX, fn: (o: KObject) => (o.metadata.ownerReferences ?? []).map((r) => r.uid) })),
    keysFor(ev, view) {
      const keys: string[] = [];
      const o = ev.obj;
      if (ev.type === 'DELETED') {
        for (const d of dependentsOf(view, o.metadata.uid)) keys.push(key(d.kind, d.obj));
        // An owner waiting for its dependents re-checks when one goes.
        for (const r of o.metadata.ownerReferences ?? []) {
          const info = KINDS.find((k) => k.kind === r.kind);
          if (info) keys.push(`${info.kind}/${info.namespaced ? (o.metadata.namespace ?? '') : ''}/${r.name}`);
        }
        return keys;
      }
      const fin = o.metadata.finalizers ?? [];
      if (o.metadata.deletionTimestamp && (fin.includes('orphan') || fin.includes('foregroundDeletion'))) keys.push(key(ev.kind, o));
      const refsChanged = JSON.stringify(o.metadata.ownerReferences ?? []) !== JSON.stringify(ev.old?.metadata.ownerReferences ?? []);
      if ((o.metadata.ownerReferences ?? []).length && (ev.type === 'ADDED' || refsChanged)) keys.push(key(ev.kind, o));
      // A dependent that starts terminating may be the last one its foreground owner waits for.
      if (o.metadata.deletionTimestamp && !ev.old?.metadata.deletionTimestamp)
        for (const r of o.metadata.ownerReferences ?? []) {
          const info = KINDS.find((k) => k.kind === r.kind);
          if (info) keys.push(`${info.kind}/${info.namespaced ? (o.metadata.namespace ?? '') : ''}/${r.name}`);
        }
      return keys;
    },
    reconcile(k, ctx) {
      const [kind, ns, name] = k.split('/') as [KindName, string, string];
      if (!DEPENDENT_KINDS.includes(kind)) return [];
      const obj = ctx.view.get(kind, kindInfo(kind).namespaced ? ns : undefined, name);
      if (!obj) return [];
      const fin = obj.metadata.finalizers ?? [];
      if (obj.metadata.deletionTimestamp && fin.includes('orphan')) return orphanDependents(ctx.view, obj);
      if (obj.metadata.deletionTimestamp && fin.includes('foregroundDeletion')) return deleteDependentsFirst(ctx.view, obj);
      if (obj.metadata.deletionTimestamp) return []; // already going away
      return collectIfOwnersGone(ctx.view, kind, obj);
    },
  };
}

function orphanDependents(view: StoreView, owner: KObject): Intent[] {
  const out: Intent[] = [];
  for (const d of dependentsOf(view, owner.metadata.uid)) {
    const copy = structuredClone(d.obj);
    copy.metadata.ownerReferences = (copy.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
    if (copy.metadata.ownerReferences.length === 0) delete copy.metadata.ownerReferences;
    out.push({ type: 'update', obj: copy });
  }
  out.push({ type: 'update', obj: withoutFinalizer(owner, 'orphan') });
  return out;
}

function deleteDependentsFirst(view: StoreView, owner: KObject): Intent[] {
  const deps = dependentsOf(view, owner.metadata.uid);
  const blocking = deps.filter((d) => (d.obj.metadata.ownerReferences ?? []).some((r) => r.uid === owner.metadata.uid && r.blockOwnerDeletion));
  if (blocking.length === 0) return [{ type: 'update', obj: withoutFinalizer(owner, 'foregroundDeletion') }];
  const out: Intent[] = [];
  for (const d of deps) {
    if (d.obj.metadata.deletionTimestamp) continue;
    const hasDeps = dependentsOf(view, d.obj.metadata.uid).length > 0;
    out.push({
      type: 'delete',
      ref: { kind: d.kind, namespace: d.obj.metadata.namespace, name: d.obj.metadata.name },
      options: { propagationPolicy: hasDeps ? 'Foreground' : 'Background', preconditions: { uid: d.obj.metadata.uid } },
    });
  }
  return out;
}

function collectIfOwnersGone(view: StoreView, kind: KindName, obj: KObject): Intent[] {
  const refs = obj.metadata.ownerReferences ?? [];
  if (refs.length === 0) return [];
  const states = refs.map((r) => ownerState(view, obj, r));
  if (states.includes('solid')) {
    // Some owner lives: only drop the references to owners that are gone.
    if (!states.includes('absent')) return [];
    const copy = structuredClone(obj);
    copy.metadata.ownerReferences = refs.filter((_, i) => states[i] !== 'absent');
    return [{ type: 'update', obj: copy }];
  }
  const waiting = states.includes('waiting');
  const hasDeps = dependentsOf(view, obj.metadata.uid).length > 0;
  return [
    {
      type: 'delete',
      ref: { kind, namespace: obj.metadata.namespace, name: obj.metadata.name },
      options: { propagationPolicy: waiting && hasDeps ? 'Foreground' : 'Background', preconditions: { uid: obj.metadata.uid } },
    },
  ];
}
