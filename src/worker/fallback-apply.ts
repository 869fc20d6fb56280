// A minimal `kubectl apply -f -` / `delete -f -` used only while src/engine/kubectl is not available:
// create-or-replace through the store, printing kubectl's one-line results. The real kubectl replaces it.
import { lookupKind } from '../engine/model/kinds';
import type { KObject } from '../engine/model/types';
import { isApiError } from '../engine/store/errors';
import type { Simulation } from '../engine/sim/simulation';
import { parseManifests } from '../engine/yaml/manifests';
import type { KubectlResult } from '../engine/kubectl/types';

export function fallbackApply(sim: Simulation, text: string, mode: 'apply' | 'delete'): KubectlResult {
  const parsed = parseManifests(text);
  if (!parsed.ok) return { stdout: '', stderr: `error: error parsing STDIN: ${parsed.error.message}\n`, code: 1 };
  let stdout = '';
  let stderr = '';
  for (const d of parsed.docs) {
    const o = d.value as KObject;
    const k = typeof o?.apiVersion === 'string' && typeof o?.kind === 'string' ? lookupKind(o.apiVersion, o.kind) : undefined;
    if (!k) {
      stderr += `error: resource mapping not found for name: "${o?.metadata?.name ?? ''}" namespace: "" from "STDIN": no matches for kind "${o?.kind}" in version "${o?.apiVersion}"\n`;
      continue;
    }
    const res = k.group ? `${k.singular}.${k.group}` : k.singular;
    const name = o.metadata?.name ?? '';
    const ns = k.namespaced ? o.metadata?.namespace || 'default' : undefined;
    try {
      if (mode === 'delete') {
        sim.store.delete(k.kind, ns, name);
        stdout += `${res} "${name}" deleted\n`;
      } else if (sim.store.get(k.kind, ns, name)) {
        const cur = sim.store.get(k.kind, ns, name)!;
        const r = sim.store.update({ ...structuredClone(o), metadata: { ...o.metadata, resourceVersion: cur.metadata.resourceVersion } } as KObject);
        stdout += `${res}/${name} ${r.changed ? 'configured' : 'unchanged'}\n`;
      } else {
        sim.store.create(o);
        stdout += `${res}/${name} created\n`;
      }
    } catch (e) {
      const msg = isApiError(e) ? `Error from server (${e.reason}): error when ${mode === 'delete' ? 'deleting' : 'creating'} "STDIN": ${e.message}` : String(e);
      stderr += `${msg}\n`;
    }
    sim.drain();
  }
  return { stdout, stderr, code: stderr ? 1 : 0 };
}
