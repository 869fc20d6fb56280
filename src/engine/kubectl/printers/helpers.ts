// Small formatting helpers the printers and describers share, each named after its upstream twin.
import { canonicalQuantity } from '../../model/quantity';
import type { KObject } from '../../model/types';

export type Rec = Record<string, unknown>;

export function rec(v: unknown): Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

export const spec = (o: KObject): Rec => rec(o.spec);
export const status = (o: KObject): Rec => rec(o.status);

/** helper.GetAccessModesAsString: fixed order RWO, ROX, RWX, RWOP; duplicates dropped. */
export function accessModesString(modes: unknown): string {
  const m = new Set(arr(modes).map(str));
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** Quantity.String() of a resource list entry; '' when absent (a zero Quantity prints "0"). */
export function quantityString(list: unknown, key: string): string {
  const v = rec(list)[key];
  if (v === undefined || v === null) return '0';
  return canonicalQuantity(String(v));
}

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** storageutil.GetPersistentVolumeClass: the beta annotation wins over spec.storageClassName. */
export function pvClass(pv: KObject): string {
  const ann = pv.metadata.annotations?.[BETA_CLASS];
  if (ann !== undefined) return ann;
  return str(spec(pv).storageClassName);
}

/** storageutil.GetPersistentVolumeClaimClass. */
export function pvcClass(pvc: KObject): string {
  const ann = pvc.metadata.annotations?.[BETA_CLASS];
  if (ann !== undefined) return ann;
  return str(spec(pvc).storageClassName);
}

/** labels.FormatLabels: sorted `k=v` joined by commas, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** metav1.FormatLabelSelector / LabelSelectorAsSelector(...).String(). */
export function formatLabelSelector(sel: unknown): string {
  const s = rec(sel);
  if (sel === undefined || sel === null) return '<none>';
  const parts: string[] = [];
  const ml = rec(s.matchLabels);
  for (const k of Object.keys(ml).sort()) parts.push(`${k}=${str(ml[k])}`);
  for (const e of arr(s.matchExpressions)) {
    const r = rec(e);
    const op = str(r.operator);
    const vals = arr(r.values).map(str).sort();
    if (op === 'In') parts.push(`${str(r.key)} in (${vals.join(',')})`);
    else if (op === 'NotIn') parts.push(`${str(r.key)} notin (${vals.join(',')})`);
    else if (op === 'Exists') parts.push(str(r.key));
    else if (op === 'DoesNotExist') parts.push(`!${str(r.key)}`);
  }
  const out = parts.join(',');
  return out.length ? out : '<none>';
}

/** layoutContainerCells: names and images joined by commas. */
export function containerCells(podSpec: unknown): [string, string] {
  const cs = arr(rec(podSpec).containers).map(rec);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

export function isDefaultClass(o: KObject): boolean {
  const a = o.metadata.annotations ?? {};
  return (
    a['storageclass.kubernetes.io/is-default-class'] === 'true' ||
    a['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
  );
}
