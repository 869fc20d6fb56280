// A pod's attachable volumes, cached between reconciles. Upstream's desired-state-of-world populator keeps
// each pod's volumes in the DSW and only touches them on pod/PV/PVC informer events; rebuilding them for
// every pod of a node on every event made a 1,000-pod cluster spend a quarter of its time here.
//
// An entry stays valid while the pod (by uid) has the same spec.volumes and no object it was computed from —
// the claims, their PVs, the PVs' CSIDrivers — has changed. Changes are learned from the controller's own
// watch stream (`observe`, called from keysFor for every event of the kinds it watches), so a hit returns
// exactly what attachableVolumesOf would compute from the same store.
import type { KObject } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import { jsonEqual, type WatchEvent } from '../../store/store';
import { attachableVolumesOf, claimNameOf, type AttachableVolume, type PodObj } from './volumes';

interface Entry {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | undefined;
  /** the spec.volumes array last seen for this uid (a pod write clones it; stored objects are frozen) */
  volumes: unknown;
  readonly result: readonly AttachableVolume[];
  readonly deps: readonly string[];
}

const depKey = (kind: string, ns: string | undefined, name: string) => `${kind}\u0000${ns ?? ''}\u0000${name}`;

export class AttachableVolumesCache {
  private readonly entries = new Map<string, Entry>();
  /** dependency (kind, namespace, name) → keys of the pods whose entry was computed from it */
  private readonly dependents = new Map<string, Set<string>>();

  /** Forgets entries that an object change may make stale; returns the (namespace, name) of their pods. */
  observe(ev: WatchEvent): readonly (readonly [string, string])[] {
    if (ev.kind === 'Pod' && ev.type === 'DELETED') {
      const key = `${ev.obj.metadata.namespace ?? ''}/${ev.obj.metadata.name}`;
      const e = this.entries.get(key);
      if (e) this.drop(key, e);
      return [];
    }
    if (ev.kind !== 'PersistentVolumeClaim' && ev.kind !== 'PersistentVolume' && ev.kind !== 'CSIDriver') return [];
    return this.invalidate(depKey(ev.kind, ev.obj.metadata.namespace, ev.obj.metadata.name));
  }

  get(view: StoreView, pod: PodObj): readonly AttachableVolume[] {
    const key = `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
    const volumes = pod.spec?.volumes;
    const e = this.entries.get(key);
    if (e && e.uid === pod.metadata.uid) {
      if (e.volumes === volumes) return e.result;
      if (jsonEqual(volumes ?? [], e.volumes ?? [])) {
        e.volumes = volumes;
        return e.result;
      }
    }
    if (e) this.drop(key, e);
    const result = attachableVolumesOf(view, pod);
    const deps = dependenciesOf(view, pod);
    this.entries.set(key, { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, uid: pod.metadata.uid, volumes, result, deps });
    for (const d of deps) {
      let s = this.dependents.get(d);
      if (!s) this.dependents.set(d, (s = new Set()));
      s.add(key);
    }
    return result;
  }

  private invalidate(dep: string): (readonly [string, string])[] {
    const pods = this.dependents.get(dep);
    if (!pods) return [];
    const out: (readonly [string, string])[] = [];
    for (const key of [...pods]) {
      const e = this.entries.get(key);
      if (e) {
        this.drop(key, e);
        out.push([e.namespace, e.name]);
      }
    }
    return out;
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    for (const d of e.deps) {
      const s = this.dependents.get(d);
      if (!s) continue;
      s.delete(key);
      if (s.size === 0) this.dependents.delete(d);
    }
  }
}

/** Every object attachableVolumesOf reads for this pod (whether it exists or not). */
function dependenciesOf(view: StoreView, pod: PodObj): string[] {
  const deps: string[] = [];
  for (const vol of pod.spec?.volumes ?? []) {
    const claimName = claimNameOf(pod, vol);
    if (!claimName) continue;
    deps.push(depKey('PersistentVolumeClaim', pod.metadata.namespace, claimName));
    const pvc = view.get<{ spec?: { volumeName?: string } }>('PersistentVolumeClaim', pod.metadata.namespace, claimName);
    const pvName = pvc?.spec?.volumeName;
    if (!pvName) continue;
    deps.push(depKey('PersistentVolume', undefined, pvName));
    const pv = view.get<{ spec?: { csi?: { driver?: string; volumeHandle?: string } } }>('PersistentVolume', undefined, pvName) as
      | (KObject & { spec?: { csi?: { driver?: string } } })
      | undefined;
    const driver = pv?.spec?.csi?.driver;
    if (driver) deps.push(depKey('CSIDriver', undefined, driver));
  }
  return deps;
}
