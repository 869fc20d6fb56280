// "Why is it pending?": for a claim, every PV against each check of FindMatchingVolume (in upstream
// order, using the PV controller's own helpers from controllers/volume/pv-helpers.ts); for a pod, the
// scheduler's per-node verdicts from explainScheduling (controllers/scheduler/framework.ts).
import { cmpQuantity } from '../engine/model/quantity';
import type { KObject } from '../engine/model/types';
import type { Simulation } from '../engine/sim/simulation';
import {
  checkAccessModes,
  checkVolumeModeMismatches,
  claimRequest,
  getPersistentVolumeClaimClass,
  getPersistentVolumeClass,
  isVolumeBoundToClaim,
  volumeCapacity,
  type PV,
  type PVC,
} from '../engine/controllers/volume/pv-helpers';
import { labelSelectorMatches, type LabelSelector } from '../engine/controllers/volume/label-selector';
import { explainScheduling } from '../engine/controllers/scheduler/framework';
import type { PodObj } from '../engine/controllers/scheduler/snapshot';
import type { BindingCheckRow, Explanation } from '../protocol/messages';

export function explainClaim(sim: Simulation, claim: PVC): BindingCheckRow[] {
  const rows: BindingCheckRow[] = [];
  const request = safe(() => claimRequest(claim));
  for (const pv of sim.store.list<PV>('PersistentVolume') as PV[]) {
    const ref = pv.spec?.claimRef;
    const mine = !ref || isVolumeBoundToClaim(pv, claim);
    const cap = safe(() => volumeCapacity(pv));
    const phase = pv.status?.phase ?? 'Pending';
    const sel = (claim.spec?.selector ?? undefined) as LabelSelector | undefined;
    rows.push({
      pv: pv.metadata.name,
      checks: [
        { name: 'claimRef', ok: mine, detail: ref ? `${ref.namespace}/${ref.name}` : '—' },
        { name: 'capacity', ok: !!cap && !!request && cmpQuantity(cap, request) >= 0, detail: `${pv.spec?.capacity?.storage ?? '?'} ≥ ${claim.spec?.resources?.requests?.storage ?? '?'}` },
        { name: 'volumeMode', ok: !checkVolumeModeMismatches(claim, pv), detail: pv.spec?.volumeMode ?? 'Filesystem' },
        { name: 'deletionTimestamp', ok: !pv.metadata.deletionTimestamp },
        { name: 'phase', ok: phase === 'Available' || (mine && !!ref), detail: phase },
        { name: 'selector', ok: !sel || labelSelectorMatches(sel, pv.metadata.labels) },
        { name: 'storageClassName', ok: getPersistentVolumeClass(pv) === getPersistentVolumeClaimClass(claim), detail: `"${getPersistentVolumeClass(pv)}"` },
        { name: 'accessModes', ok: checkAccessModes(claim, pv), detail: (pv.spec?.accessModes ?? []).join(',') },
      ],
    });
  }
  return rows;
}

function safe<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

export function explain(sim: Simulation, key: string): Explanation {
  const [kind, ns, name] = key.split('/');
  const o = sim.store.get(kind as never, ns || undefined, name) as KObject | undefined;
  if (!o) return { type: 'none', key, note: 'not found' };
  if (kind === 'PersistentVolumeClaim') {
    const pvc = o as unknown as PVC;
    return { type: 'pvc', key, rows: explainClaim(sim, pvc), note: pvc.status?.phase === 'Bound' ? 'Bound' : undefined };
  }
  if (kind === 'Pod') {
    const e = explainScheduling(sim.store, o as unknown as PodObj);
    return {
      type: 'pod',
      key,
      nodes: e.nodes.map((n) => ({ node: n.node, reasons: n.feasible ? [`feasible${n.score !== undefined ? ` (score ${n.score})` : ''}`] : n.reasons.length ? n.reasons : [n.plugin ?? 'rejected'] })),
      note: e.message ?? e.error ?? e.preFilterError,
    };
  }
  return { type: 'none', key, note: '' };
}
