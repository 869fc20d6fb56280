// Small shared pieces of the apiserver's validation (pkg/apis/core/validation): typed reads of the
// untyped JSON objects, and the generic checks several kinds reuse.
import type { KObject } from '../model/types';
import { canonicalQuantity, tryParseQuantity, isZeroOrNegative } from '../model/quantity';
import { forbiddenField, invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Subdomain, qualifiedName, validateLabels } from '../store/meta-validation';

export type J = Record<string, unknown>;

export function isObj(v: unknown): v is J {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** The object at `o[key]`, or undefined. */
export function obj(o: unknown, key: string): J | undefined {
  if (!isObj(o)) return undefined;
  const v = o[key];
  return isObj(v) ? v : undefined;
}
/** The object at `o[key]`, created when missing (for defaulting). */
export function ensure(o: J, key: string): J {
  const v = o[key];
  if (isObj(v)) return v;
  const n: J = {};
  o[key] = n;
  return n;
}
export function arr(o: unknown, key: string): unknown[] {
  if (!isObj(o)) return [];
  const v = o[key];
  return Array.isArray(v) ? v : [];
}
export function str(o: unknown, key: string): string {
  if (!isObj(o)) return '';
  const v = o[key];
  return typeof v === 'string' ? v : '';
}
export function has(o: unknown, key: string): boolean {
  return isObj(o) && o[key] !== undefined && o[key] !== null;
}
export function spec(o: KObject): J {
  return isObj(o.spec) ? o.spec : {};
}
/** Sets o[key] = value only when the field is absent (Go's nil / zero value check in SetDefaults_*). */
export function def(o: J, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const VOLUME_MODES = ['Block', 'Filesystem'];

/** The access-mode checks PV and PVC share (ValidatePersistentVolumeSpec / ValidatePersistentVolumeClaimSpec). */
export function validateAccessModes(modes: unknown[], path: string): FieldError[] {
  const out: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m as string)) out.push(unsupported(path, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m as string)) other = true;
  }
  if (rwop && other) out.push(forbiddenField(path, 'may not use ReadWriteOncePod with other access modes'));
  return out;
}

export const NOT_POSITIVE = 'must be greater than zero';
export const NEGATIVE = 'must be greater than or equal to 0';

/** ValidatePositiveQuantityValue: the bad value is printed as the quantity's string. */
export function validatePositiveQuantity(v: unknown, path: string): FieldError[] {
  const q = tryParseQuantity(v);
  if (!q) return [];
  return isZeroOrNegative(q) ? [invalid(path, canonicalQuantity(String(v)), NOT_POSITIVE)] : [];
}

/** ValidateNonnegativeField */
export function validateNonnegative(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(path, v, NEGATIVE)] : [];
}

/** ValidateImmutableField: `<path>: Invalid value: <new>: field is immutable` */
export function immutable(next: unknown, old: unknown, path: string): FieldError[] {
  return deepEqual(next, old) ? [] : [invalid(path, next ?? null, 'field is immutable')];
}

/** Rewrites every quantity of a resource map to its canonical form, as the apiserver stores it. */
export function canonicalizeQuantities(m: J | undefined): void {
  if (!m) return;
  for (const [k, v] of Object.entries(m)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    if (tryParseQuantity(v)) m[k] = canonicalQuantity(String(v));
  }
}

/** ValidateLabelSelector (apimachinery meta/v1/validation) — the operator and key/value checks. */
export function validateLabelSelector(sel: unknown, path: string): FieldError[] {
  if (!isObj(sel)) return [];
  const out: FieldError[] = validateLabels(obj(sel, 'matchLabels'), `${path}.matchLabels`);
  for (const [i, e] of arr(sel, 'matchExpressions').entries()) {
    const p = `${path}.matchExpressions[${i}]`;
    const op = str(e, 'operator');
    const values = arr(e, 'values');
    switch (op) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) out.push(required(`${p}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          out.push(forbiddenField(`${p}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        out.push(invalid(`${p}.operator`, op, 'not a valid selector operator'));
    }
    for (const m of qualifiedName(str(e, 'key'))) out.push(invalid(`${p}.key`, str(e, 'key'), m));
  }
  return out;
}

/** Does a metav1.LabelSelector match these labels? (an empty selector matches everything) */
export function selectorMatches(sel: unknown, labels: Record<string, unknown> | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(obj(sel, 'matchLabels') ?? {})) if (l[k] !== v) return false;
  for (const e of arr(sel, 'matchExpressions')) {
    const key = str(e, 'key');
    const vals = arr(e, 'values');
    const present = key in l;
    switch (str(e, 'operator')) {
      case 'In':
        if (!present || !vals.includes(l[key])) return false;
        break;
      case 'NotIn':
        if (present && vals.includes(l[key])) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(sel: unknown): boolean {
  return Object.keys(obj(sel, 'matchLabels') ?? {}).length + arr(sel, 'matchExpressions').length === 0;
}

/** ValidateClassName (storage class names on PV/PVC) — a DNS subdomain. */
export function validateClassNameField(v: string, path: string): FieldError[] {
  return dns1123Subdomain(v).map((m) => invalid(path, v, m));
}

/** validateNodeSelector for PV nodeAffinity.required and pod affinity: terms and their requirements. */
export function validateNodeSelector(ns: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  const terms = arr(ns, 'nodeSelectorTerms');
  if (terms.length === 0) return [required(`${path}.nodeSelectorTerms`, 'must have at least one node selector term')];
  for (const [i, t] of terms.entries()) {
    const tp = `${path}.nodeSelectorTerms[${i}]`;
    for (const [j, r] of arr(t, 'matchExpressions').entries()) {
      const rp = `${tp}.matchExpressions[${j}]`;
      const op = str(r, 'operator');
      const values = arr(r, 'values');
      switch (op) {
        case 'In':
        case 'NotIn':
          if (values.length === 0) out.push(required(`${rp}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (values.length > 0)
            out.push(forbiddenField(`${rp}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
          break;
        case 'Gt':
        case 'Lt':
          if (values.length !== 1) out.push(required(`${rp}.values`, 'must be specified single value when `operator` is \'Lt\' or \'Gt\''));
          break;
        default:
          out.push(invalid(`${rp}.operator`, op, 'not a valid selector operator'));
      }
      for (const m of qualifiedName(str(r, 'key'))) out.push(invalid(`${rp}.key`, str(r, 'key'), m));
    }
  }
  return out;
}

/** Key order does not matter to Go's DeepEqual; compare JSON of key-sorted copies. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObj(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a ?? null)) === JSON.stringify(sortKeys(b ?? null));
}

/** field.NotSupported with the valid values in the caller's order (upstream sorts only when it passes sets.List). */
export function unsupportedOrdered(field: string, badValue: unknown, supported: readonly string[]): FieldError {
  return { type: 'Unsupported value', field, badValue, detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` };
}
