// The three-way strategic merge patch `kubectl apply` sends (CreateThreeWayMergePatch of
// last-applied / file / live): fields removed from the file since the last apply are deleted, fields in the
// file are set, everything else the server or controllers wrote stays. Lists with a patch merge key merge
// by key and drop the items that were applied before and are gone now (`$patch: delete`).

import { MERGE_KEYS, SCALAR_MERGE } from '../store/strategic-merge';

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);
const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `$setElementOrder/<list>` (diffLists with SetElementOrder): sent for a merge-keyed list when its items
 * changed, or when the live list differs in length or key order from the file's — e.g. admission added a
 * volume, so re-applying a pod is `configured` although nothing changes.
 */
function setElementOrder(field: string, modified: unknown, live: unknown, changed: boolean): J[] | undefined {
  const key = MERGE_KEYS[field];
  if (!key || !Array.isArray(modified) || !modified.every((x) => isObj(x) && key in x)) return undefined;
  const l = Array.isArray(live) ? live : [];
  const sameOrder = l.length === modified.length && l.every((x, i) => isObj(x) && x[key] === (modified[i] as J)[key]);
  if (!changed && sameOrder) return undefined;
  return (modified as J[]).map((x) => ({ [key]: x[key] }));
}

/**
 * A list of scalars with the merge strategy (finalizers): the items the live list lacks are sent, and
 * those removed from the file since the last apply go in `$deleteFromPrimitiveList/<field>` — the
 * caller puts that key beside the list (diffListsOfScalars in three-way mode).
 */
function scalarListPatch(modified: unknown[], live: unknown): unknown {
  const l = Array.isArray(live) ? live : [];
  const added = modified.filter((x) => !l.some((y) => eq(x, y)));
  return added.length ? added : undefined;
}

function deletedScalars(original: unknown, modified: unknown): unknown[] | undefined {
  const o = Array.isArray(original) ? original : [];
  const m = Array.isArray(modified) ? modified : [];
  const gone = o.filter((x) => !m.some((y) => eq(x, y)));
  return gone.length ? gone : undefined;
}

/** Returns the patch, or undefined when nothing needs to change. */
export function threeWayPatch(original: unknown, modified: unknown, live: unknown, field = ''): unknown {
  if (isObj(modified)) {
    const o = isObj(original) ? original : {};
    const l = isObj(live) ? live : {};
    const patch: J = {};
    for (const k of Object.keys(o)) if (!(k in modified) && k in l) patch[k] = null;
    for (const [k, v] of Object.entries(modified)) {
      if (!(k in l)) {
        patch[k] = v;
        continue;
      }
      const sub = threeWayPatch(o[k], v, l[k], k);
      if (sub !== undefined) patch[k] = sub;
      if (SCALAR_MERGE.has(k)) {
        const gone = deletedScalars(o[k], v);
        if (gone) patch[`$deleteFromPrimitiveList/${k}`] = gone;
        continue;
      }
      const order = setElementOrder(k, v, l[k], sub !== undefined);
      if (order) patch[`$setElementOrder/${k}`] = order;
    }
    return Object.keys(patch).length ? patch : undefined;
  }
  if (Array.isArray(modified)) {
    if (SCALAR_MERGE.has(field)) return scalarListPatch(modified, live);
    const key = MERGE_KEYS[field];
    if (key && modified.every((x) => isObj(x) && key in x)) {
      const l = Array.isArray(live) ? live.filter(isObj) : [];
      const o = Array.isArray(original) ? original.filter(isObj) : [];
      const items: unknown[] = [];
      for (const m of modified as J[]) {
        const lm = l.find((x) => x[key] === m[key]);
        if (!lm) items.push(m);
        else {
          const sub = threeWayPatch(o.find((x) => x[key] === m[key]), m, lm, '');
          if (sub !== undefined) items.push({ ...(sub as J), [key]: m[key] });
        }
      }
      for (const x of o)
        if (!(modified as J[]).some((m) => m[key] === x[key]) && l.some((y) => y[key] === x[key])) items.push({ [key]: x[key], $patch: 'delete' });
      return items.length ? items : undefined;
    }
    return eq(modified, live) ? undefined : modified;
  }
  return eq(modified, live) ? undefined : modified;
}
