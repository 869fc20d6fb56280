// persistentVolumeOrderedIndex (pkg/controller/volume/persistentvolume/index.go): the PV
// controller's cache of volumes, indexed by their exact access-mode set ("RWO,ROX").
//
// findBestMatchForClaim tries every set that contains all requested modes, fewest modes first,
// and returns the first set's FindMatchingVolume result. Upstream scans every volume of a set;
// here each set keeps
//   - unclaimed volumes (claimRef == nil) per storage class, ordered by capacity then name, so the
//     smallest fit is a lower-bound search plus a short forward scan, and
//   - claimed volumes by the claim they name (namespace/name), since FindMatchingVolume only ever
//     returns such a volume for that very claim (pre-bound: returned at once, before any size race).
// The result equals FindMatchingVolume over the set's volumes in name order (see index.test.ts,
// which checks it against the plain scan). Ties of equal capacity go to the smaller name; upstream
// leaves them to Go map order. Sets with the same number of modes are tried in key order (upstream:
// unstable sort over map order).
import { cmpQuantity, type Quantity } from '../../model/quantity';
import { containsAllAccessModes, getAccessModesAsString, getAccessModesFromString, type AccessMode } from '../volume/access-modes';
import {
  getPersistentVolumeClass,
  isVolumeBoundToClaim,
  newMatchContext,
  passesBasicChecks,
  passesUnboundChecks,
  volumeCapacity,
  type PV,
  type PVC,
} from '../volume/pv-helpers';
import { SortedBlockList } from './sorted-list';

interface Entry {
  readonly pv: PV;
  readonly name: string;
  readonly capacity: Quantity;
  /** capacity as a double: monotonic in the exact value, so it orders all but exact-tie candidates cheaply */
  readonly capacityApprox: number;
  readonly modesKey: string;
  readonly classKey: string;
  /** "namespace/name" of spec.claimRef, or undefined for an unclaimed volume */
  readonly claimKey: string | undefined;
  /**
   * an unclaimed volume that is not Available (still Pending before its first sync, Failed): never a
   * match (FindMatchingVolume requires phase Available), so it stays out of the ordered lists —
   * otherwise every claim would walk past it and binding N fresh pairs turns quadratic.
   */
  readonly parked: boolean;
}

interface ModeSet {
  readonly key: string;
  readonly modes: AccessMode[];
  count: number;
  readonly free: Map<string, SortedBlockList<Entry>>;
  readonly claimed: Map<string, Entry[]>;
}

const byCapacityThenName = (a: Entry, b: Entry): number => {
  if (a.capacityApprox !== b.capacityApprox) return a.capacityApprox < b.capacityApprox ? -1 : 1;
  const c = cmpQuantity(a.capacity, b.capacity);
  if (c !== 0) return c;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
};

export class PersistentVolumeOrderedIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly sets = new Map<string, ModeSet>();
  /** sets sorted for allPossibleMatchingAccessModes; rebuilt when a set appears or empties */
  private sortedSets: ModeSet[] | undefined;

  get size(): number {
    return this.entries.size;
  }

  get(name: string): PV | undefined {
    return this.entries.get(name)?.pv;
  }

  /** Adds or replaces a volume (informer add/update). */
  upsert(pv: PV): void {
    this.delete(pv.metadata.name);
    const ref = pv.spec?.claimRef;
    const capacity = volumeCapacity(pv);
    const e: Entry = {
      pv,
      name: pv.metadata.name,
      capacity,
      capacityApprox: Number(capacity.nanos),
      modesKey: getAccessModesAsString(pv.spec?.accessModes),
      classKey: getPersistentVolumeClass(pv),
      claimKey: ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : undefined,
      parked: !ref && pv.status?.phase !== 'Available',
    };
    this.entries.set(e.name, e);
    let set = this.sets.get(e.modesKey);
    if (!set) {
      set = { key: e.modesKey, modes: getAccessModesFromString(e.modesKey), count: 0, free: new Map(), claimed: new Map() };
      this.sets.set(e.modesKey, set);
      this.sortedSets = undefined;
    }
    set.count++;
    if (e.parked) {
      // not matchable until the controller makes it Available (the watch event re-upserts it)
    } else if (e.claimKey === undefined) {
      let list = set.free.get(e.classKey);
      if (!list) set.free.set(e.classKey, (list = new SortedBlockList(byCapacityThenName)));
      list.insert(e);
    } else {
      const list = set.claimed.get(e.claimKey) ?? [];
      // Claimed volumes of one claim are few; keep them in name order.
      let i = 0;
      while (i < list.length && list[i].name < e.name) i++;
      list.splice(i, 0, e);
      set.claimed.set(e.claimKey, list);
    }
  }

  delete(name: string): void {
    const e = this.entries.get(name);
    if (!e) return;
    this.entries.delete(name);
    const set = this.sets.get(e.modesKey)!;
    if (e.parked) {
      // in no list
    } else if (e.claimKey === undefined) {
      const list = set.free.get(e.classKey)!;
      list.remove(e);
      if (list.size === 0) set.free.delete(e.classKey);
    } else {
      const list = set.claimed.get(e.claimKey)!;
      list.splice(list.indexOf(e), 1);
      if (list.length === 0) set.claimed.delete(e.claimKey);
    }
    if (--set.count === 0) {
      this.sets.delete(e.modesKey);
      this.sortedSets = undefined;
    }
  }

  /** All indexed volumes, in name order (for tests and the reference scan). */
  list(): PV[] {
    return [...this.entries.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((e) => e.pv);
  }

  /** Volumes whose access-mode set is exactly `key` (listByAccessModes), in name order. */
  listByAccessModes(key: string): PV[] {
    return this.list().filter((pv) => getAccessModesAsString(pv.spec?.accessModes) === key);
  }

  /**
   * allPossibleMatchingAccessModes: indexed mode sets that contain every requested mode, fewest
   * modes first.
   */
  allPossibleMatchingAccessModes(requested: readonly string[]): string[] {
    return this.orderedSets()
      .filter((s) => containsAllAccessModes(s.modes, requested))
      .map((s) => s.key);
  }

  /**
   * findBestMatchForClaim(claim, delayBinding). Throws what FindMatchingVolume throws (a claim with a
   * VolumeAttributesClass while the gate is off).
   */
  findBestMatchForClaim(claim: PVC, delayBinding: boolean, vacEnabled = false): PV | undefined {
    const m = newMatchContext(claim, vacEnabled);
    const requested = claim.spec?.accessModes ?? [];
    const claimKey = `${claim.metadata.namespace ?? ''}/${claim.metadata.name}`;
    for (const set of this.orderedSets()) {
      if (!containsAllAccessModes(set.modes, requested)) continue;
      // A volume pre-bound to this claim is returned as soon as FindMatchingVolume meets it.
      for (const e of set.claimed.get(claimKey) ?? []) {
        if (isVolumeBoundToClaim(e.pv, claim) && passesBasicChecks(m, e.pv, e.capacity)) return e.pv;
      }
      // The PV controller never binds unclaimed volumes of a WaitForFirstConsumer claim.
      if (delayBinding) continue;
      const list = set.free.get(m.requestedClass);
      if (!list) continue;
      const requestApprox = Number(m.request.nanos);
      const atLeastRequest = (x: Entry) =>
        x.capacityApprox !== requestApprox ? (x.capacityApprox < requestApprox ? -1 : 1) : cmpQuantity(x.capacity, m.request);
      for (const e of list.from(atLeastRequest)) {
        if (passesBasicChecks(m, e.pv, e.capacity) && passesUnboundChecks(m, e.pv)) return e.pv;
      }
    }
    return undefined;
  }

  private orderedSets(): ModeSet[] {
    if (!this.sortedSets)
      this.sortedSets = [...this.sets.values()].sort((a, b) =>
        a.modes.length !== b.modes.length ? a.modes.length - b.modes.length : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
      );
    return this.sortedSets;
  }
}
