// "Why is it pending?" for a claim: every PV against each check the PV controller's
// findMatchingVolume applies (pkg/controller/volume/persistentvolume/index.go and
// k8s.io/component-helpers/storage/volume/pv_helpers.go): pre-bound claimRef, phase, storage class,
// access modes, volume mode, label selector, capacity, node affinity (WaitForFirstConsumer only).
// When the PV binder's pure helpers exist they are the source of truth (see optional.ts); these checks
// restate them for display.
import { quantityValue, tryParseQuantity } from '../engine/model/quantity';
import type { KObject } from '../engine/model/types';
import type { Simulation } from '../engine/sim/simulation';
import type { BindingCheckRow, Explanation } from '../protocol/messages';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function bytes(q: unknown): number | undefined {
  const v = tryParseQuantity(q);
  return v ? quantityValue(v) : undefined;
}

function selectorMatches(sel: Any | undefined, labels: Record<string, string>): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels;
    const val = labels[e.key];
    if (e.operator === 'In' && !(has && e.values?.includes(val))) return false;
    if (e.operator === 'NotIn' && has && e.values?.includes(val)) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

export function explainClaim(sim: Simulation, pvc: KObject): BindingCheckRow[] {
  const spec = (pvc.spec ?? {}) as Any;
  const want = bytes(spec.resources?.requests?.storage);
  const cls = spec.storageClassName ?? '';
  const rows: BindingCheckRow[] = [];
  for (const pv of sim.store.list('PersistentVolume')) {
    const ps = (pv.spec ?? {}) as Any;
    const ref = ps.claimRef as Any | undefined;
    const have = bytes(ps.capacity?.storage);
    const modes: string[] = ps.accessModes ?? [];
    const phase = (pv.status as Any | undefined)?.phase ?? 'Pending';
    const boundElsewhere = ref && !(ref.name === pvc.metadata.name && (ref.namespace ?? '') === pvc.metadata.namespace && (!ref.uid || ref.uid === pvc.metadata.uid));
    rows.push({
      pv: pv.metadata.name,
      checks: [
        { name: 'claimRef', ok: !boundElsewhere, detail: ref ? `${ref.namespace}/${ref.name}` : undefined },
        { name: 'phase', ok: phase === 'Available' || (!boundElsewhere && phase === 'Bound'), detail: phase },
        { name: 'storageClassName', ok: (ps.storageClassName ?? '') === cls, detail: `${ps.storageClassName ?? '""'} / ${cls || '""'}` },
        { name: 'accessModes', ok: (spec.accessModes ?? []).every((m: string) => modes.includes(m)), detail: modes.join(',') },
        { name: 'volumeMode', ok: (ps.volumeMode ?? 'Filesystem') === (spec.volumeMode ?? 'Filesystem'), detail: ps.volumeMode ?? 'Filesystem' },
        { name: 'selector', ok: selectorMatches(spec.selector, pv.metadata.labels ?? {}) },
        { name: 'capacity', ok: want !== undefined && have !== undefined && have >= want, detail: `${ps.capacity?.storage ?? '?'} ≥ ${spec.resources?.requests?.storage ?? '?'}` },
      ],
    });
  }
  return rows;
}

export function explain(sim: Simulation, key: string): Explanation {
  const [kind, ns, name] = key.split('/');
  const o = sim.store.get(kind as never, ns || undefined, name);
  if (!o) return { type: 'none', key, note: 'not found' };
  if (kind === 'PersistentVolumeClaim') {
    const phase = (o.status as Any | undefined)?.phase;
    return { type: 'pvc', key, rows: explainClaim(sim, o), note: phase === 'Bound' ? 'Bound' : undefined };
  }
  return { type: 'none', key, note: '' };
}
