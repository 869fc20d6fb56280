// field.Error and field.ErrorList from k8s.io/apimachinery/pkg/util/validation/field, with the same text.
import { ApiError, qualifiedKind } from './errors';
import type { KindInfo } from '../model/kinds';

export type FieldErrorType =
  | 'Required value'
  | 'Invalid value'
  | 'Unsupported value'
  | 'Forbidden'
  | 'Duplicate value'
  | 'Not found'
  | 'Too long'
  | 'Too many';

export interface FieldError {
  readonly type: FieldErrorType;
  readonly field: string;
  readonly badValue?: unknown;
  readonly detail?: string;
  /** true when the bad value is not printed (field.OmitValueType) */
  readonly omitValue?: boolean;
  /** the bad value already rendered the Go way (e.g. `core.ResourceList(nil)`); printed verbatim */
  readonly goValue?: string;
}

const REASON: Record<FieldErrorType, string> = {
  'Required value': 'FieldValueRequired',
  'Invalid value': 'FieldValueInvalid',
  'Unsupported value': 'FieldValueNotSupported',
  Forbidden: 'FieldValueForbidden',
  'Duplicate value': 'FieldValueDuplicate',
  'Not found': 'FieldValueNotFound',
  'Too long': 'FieldValueTooLong',
  'Too many': 'FieldValueTooMany',
};

/** Go's %q for strings (close enough for the ASCII and unicode text users type). */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\\u007f/g, '\\x7f');
}

/** Go's %v / %#v of a bad value as the apiserver prints it. */
export function formatBadValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => goQuote(x as string)).join(', ')}}`;
    return JSON.stringify(v);
  }
  return JSON.stringify(v);
}

export function fieldErrorBody(e: FieldError): string {
  let s: string = e.type;
  const noValue =
    e.type === 'Required value' || e.type === 'Forbidden' || e.type === 'Too long' || e.omitValue === true;
  if (!noValue) s = `${e.type}: ${e.goValue ?? formatBadValue(e.badValue)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorString(e: FieldError): string {
  return e.field ? `${e.field}: ${fieldErrorBody(e)}` : fieldErrorBody(e);
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several as `[a, b]`, duplicates dropped. */
export function aggregate(messages: readonly string[]): string {
  const seen = new Set<string>();
  const uniq = messages.filter((m) => (seen.has(m) ? false : (seen.add(m), true)));
  return uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`;
}

export const required = (field: string, detail = ''): FieldError => ({ type: 'Required value', field, detail });
export const invalid = (field: string, badValue: unknown, detail = ''): FieldError => ({
  type: 'Invalid value',
  field,
  badValue,
  detail,
});
export const forbiddenField = (field: string, detail = ''): FieldError => ({ type: 'Forbidden', field, detail });
export const duplicate = (field: string, badValue: unknown): FieldError => ({ type: 'Duplicate value', field, badValue });
export const notFoundField = (field: string, badValue: unknown): FieldError => ({ type: 'Not found', field, badValue });
export const tooLong = (field: string, max: number): FieldError => ({
  type: 'Too long',
  field,
  detail: `may not be more than ${max} bytes`,
});
export function unsupported(field: string, badValue: unknown, supported: readonly string[]): FieldError {
  const list = [...supported].sort().map(goQuote).join(', ');
  return { type: 'Unsupported value', field, badValue, detail: list ? `supported values: ${list}` : '' };
}

/** errors.NewInvalid: `PersistentVolumeClaim "x" is invalid: <aggregate>` (Kind.group for non-core groups). */
export function invalidError(k: KindInfo, name: string, errs: readonly FieldError[]): ApiError {
  const msg = errs.length
    ? `${qualifiedKind(k)} "${name}" is invalid: ${aggregate(errs.map(fieldErrorString))}`
    : `${qualifiedKind(k)} "${name}" is invalid`;
  return new ApiError('Invalid', msg, {
    name,
    group: k.group,
    kind: k.kind,
    causes: errs.map((e) => ({ reason: REASON[e.type], message: fieldErrorBody(e), field: e.field })),
  });
}
