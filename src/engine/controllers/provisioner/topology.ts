// csi-provisioner's topology handling (pkg/controller/topology.go): the accessibility requirements sent
// with CreateVolume, and the PV node affinity built from the topology the driver says the volume has.
import type { KObject, PersistentVolumeClaim, StorageClass } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import type { DriverSpec } from '../../storage/cluster-config';
import type { Topology } from '../../storage/csi-controller';

type Term = readonly (readonly [string, string])[];

export type AccessibilityResult =
  | { readonly ok: true; readonly value?: { requisite: Topology[]; preferred: Topology[] } }
  | { readonly ok: false; readonly error: string };

/**
 * GenerateAccessibilityRequirements with --immediate-topology=true (the default) and strict topology off:
 * requisite = allowedTopologies flattened, else the topology of every node carrying the driver's keys;
 * preferred = requisite rotated to start at the selected node's segment (delayed binding), or by the
 * StatefulSet-spreading hash of the claim name (immediate binding).
 */
export function accessibilityRequirements(
  view: StoreView,
  driver: DriverSpec,
  pvc: PersistentVolumeClaim & KObject,
  sc: StorageClass & KObject,
  selectedNode: string | undefined,
): AccessibilityResult {
  const keys = [...driver.topologyKeys];
  if (!keys.length) return { ok: true };
  let selected: Term | undefined;
  if (selectedNode) {
    const node = view.get('Node', undefined, selectedNode);
    const labels = node?.metadata.labels ?? {};
    if (keys.some((k) => labels[k] === undefined))
      return { ok: false, error: `topology labels from selected node ${goMap(labels)} does not match topology keys from CSINode [${keys.join(' ')}]` };
    selected = sortTerm(keys.map((k) => [k, labels[k]] as const));
  }
  let requisite: Term[];
  if (sc.allowedTopologies?.length) requisite = flatten(sc.allowedTopologies);
  else {
    requisite = [];
    for (const n of view.list('Node')) {
      const labels = n.metadata.labels ?? {};
      if (keys.every((k) => labels[k] !== undefined)) requisite.push(sortTerm(keys.map((k) => [k, labels[k]] as const)));
    }
    if (!requisite.length) return { ok: false, error: `topologyKeys [${keys.join(' ')}] were not found on any nodes` };
  }
  requisite = dedupe(requisite.sort(compareTerms));
  let preferred: Term[];
  if (!selected) {
    const [hash, index] = pvcNameHashAndIndexOffset(pvc.metadata.name);
    const i = ((hash + index) >>> 0) % requisite.length;
    preferred = [...requisite.slice(i), ...requisite.slice(0, i)];
  } else {
    const i = requisite.findIndex((t) => subset(t, selected!));
    if (i < 0)
      return { ok: false, error: `topology ${termText(selected)} from selected node "${selectedNode}" is not in requisite: [${requisite.map(termText).join(' ')}]` };
    preferred = [...requisite.slice(i), ...requisite.slice(0, i)];
  }
  const toCsi = (ts: Term[]) => ts.filter((t) => t.length).map((t) => Object.fromEntries(t) as Topology);
  return { ok: true, value: { requisite: toCsi(requisite), preferred: toCsi(preferred) } };
}

/** GenerateVolumeNodeAffinity: one term per accessible segment, one `In [value]` per key. */
export function volumeNodeAffinity(accessible: readonly Topology[]): Record<string, unknown> | undefined {
  const terms = accessible
    .filter((t) => Object.keys(t).length)
    .map((t) => ({ matchExpressions: Object.entries(t).map(([key, v]) => ({ key, operator: 'In', values: [v] })) }));
  return terms.length ? { required: { nodeSelectorTerms: terms } } : undefined;
}

function flatten(allowed: NonNullable<StorageClass['allowedTopologies']>): Term[] {
  const out: Term[] = [];
  for (const sel of allowed) {
    let terms: [string, string][][] = [];
    for (const e of sel.matchLabelExpressions ?? []) {
      const next: [string, string][][] = [];
      for (const v of e.values ?? []) {
        if (!terms.length) next.push([[e.key, v]]);
        else for (const t of terms) next.push([...t, [e.key, v]]);
      }
      terms = next;
    }
    out.push(...terms.map(sortTerm));
  }
  return out;
}

function sortTerm(t: readonly (readonly [string, string])[]): Term {
  return [...t].sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]));
}

function compareTerms(a: Term, b: Term): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const r = cmp(a[i][0], b[i][0]) || cmp(a[i][1], b[i][1]);
    if (r) return r;
  }
  return 0;
}

function dedupe(ts: Term[]): Term[] {
  return ts.filter((t, i) => i === 0 || compareTerms(t, ts[i - 1]) !== 0);
}

function subset(t: Term, other: Term): boolean {
  return t.every(([k, v]) => other.some(([k2, v2]) => k2 === k && v2 === v));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const termText = (t: Term) => `[${t.map(([k, v]) => `{${k} ${v}}`).join(' ')}]`;
const goMap = (m: Record<string, string>) => `map[${Object.keys(m).sort().map((k) => `${k}:${m[k]}`).join(' ')}]`;

/** getPVCNameHashAndIndexOffset: FNV-1 32 of the claim name (StatefulSet claims: of the set's name, offset by ordinal). */
export function pvcNameHashAndIndexOffset(name: string): [number, number] {
  let hashString = name;
  let index = 0;
  const dash = name.lastIndexOf('-');
  if (dash !== -1 && /^[0-9]+$/.test(name.slice(dash + 1)) && Number(name.slice(dash + 1)) <= 0xffffffff) {
    index = Number(name.slice(dash + 1));
    hashString = name.slice(0, dash);
    const d2 = hashString.lastIndexOf('-');
    if (d2 !== -1) hashString = hashString.slice(d2 + 1);
  }
  return [fnv1_32(hashString), index];
}

function fnv1_32(s: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(s)) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return h;
}
