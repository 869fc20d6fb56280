// Strategic merge patch: like a JSON merge patch, except lists with a patch merge key (containers, volumes,
// volumeMounts, env, ports, …) merge element by element, and `$patch: delete|replace` directives apply.
// The merge keys are those in the Kubernetes API types (`patchMergeKey` tags).

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** field name → merge key, for the lists the storage lessons touch (from the API types' struct tags). */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  env: 'name',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  volumeClaimTemplates: '', // atomic list in StatefulSet (no merge key)
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  readinessGates: 'conditionType',
};

/** fields whose lists are sets of scalars merged as a union ("merge" strategy without a key) */
export const SCALAR_MERGE: ReadonlySet<string> = new Set(['finalizers']);

export function strategicMerge(_kind: string, target: unknown, patch: unknown, field = ''): unknown {
  if (!isObj(patch)) {
    if (Array.isArray(patch)) return mergeList(field, target, patch);
    return structuredClone(patch);
  }
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return undefined;
  const out: Record<string, unknown> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$deleteFromPrimitiveList/') && Array.isArray(v)) {
      // kubectl apply removes entries of a primitive list (finalizers) that left the file this way.
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      if (Array.isArray(out[field])) out[field] = (out[field] as unknown[]).filter((x) => !v.includes(x));
      continue;
    }
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = strategicMerge(_kind, out[k], v, k);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function mergeList(field: string, target: unknown, patch: unknown[]): unknown {
  const key = MERGE_KEYS[field];
  const base = Array.isArray(target) ? target : [];
  if (SCALAR_MERGE.has(field)) {
    const out = [...base];
    for (const v of patch) if (!out.includes(v)) out.push(v);
    return out;
  }
  if (!key) return structuredClone(patch);
  const out: unknown[] = base.map((x) => x);
  for (const item of patch) {
    if (!isObj(item) || !(key in item)) {
      out.push(structuredClone(item));
      continue;
    }
    const idx = out.findIndex((x) => isObj(x) && x[key] === item[key]);
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) out[idx] = strategicMerge('', out[idx], item, '');
    else out.push(strategicMerge('', undefined, item, ''));
  }
  return out;
}
