// What happens to a manifest before a write reaches a strategy: kubectl's client-side checks (apiVersion and
// kind set — kubectl/pkg/validation getObjectKind), the RESTMapper (`no matches for kind …`), and the
// apiserver's JSON decoding into Go types (type mismatches, quantities, strict unknown fields).
import { lookupKind, type KindInfo } from '../model/kinds';
import type { KObject } from '../model/types';
import { QUANTITY_REGEX_MESSAGE, parseQuantity } from '../model/quantity';
import { ApiError } from '../store/errors';
import { KIND_SCHEMAS, type T } from './decode-schema';
import { isObj } from './util';

export type DecodeStage = 'client' | 'mapping' | 'server';

export interface DecodeError {
  /** client: kubectl refuses before sending; mapping: kubectl finds no such kind; server: 400 BadRequest */
  readonly stage: DecodeStage;
  /** client: `error validating data: …; if you choose …` (kubectl prefixes `error validating "<file>": `);
   * mapping: `no matches for kind "X" in version "Y"`; server: the Status message */
  readonly message: string;
  readonly apiError?: ApiError;
  /** the object's name and namespace when known (kubectl's mapping error names them) */
  readonly name?: string;
  readonly namespace?: string;
}

export type DecodeResult = { ok: true; obj: KObject; kind: KindInfo } | { ok: false; error: DecodeError };

export const VALIDATE_OFF_HINT = 'if you choose to ignore these errors, turn validation off with --validate=false';

function clientError(errs: string[]): DecodeResult {
  const agg = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  return { ok: false, error: { stage: 'client', message: `error validating data: ${agg}; ${VALIDATE_OFF_HINT}` } };
}

/** schema.ParseGroupVersion */
function parseGroupVersion(gv: string): { group: string; version: string } | string {
  if (gv === '' || gv === '/') return { group: '', version: '' };
  const parts = gv.split('/');
  if (parts.length === 1) return { group: '', version: parts[0] };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return `unexpected GroupVersion string: ${gv}`;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : 'string';
}

interface Ctx {
  typeError?: string;
  unknown: string[];
}

/** Walks value against t like encoding/json: the first type error wins, unknown fields are collected. */
function walk(v: unknown, t: T, struct: string, jsonPath: string, strictPath: string, ctx: Ctx): void {
  if (v === null || v === undefined || ctx.typeError) return;
  const fail = (what: string) => {
    // struct types print package-qualified (core/v1 and meta/v1 are both package `v1`)
    const goType = t.t === 'struct' ? `v1.${t.go}` : t.t === 'any' ? '' : t.go;
    ctx.typeError ??= `json: cannot unmarshal ${what} into Go struct field ${struct}.${jsonPath} of type ${goType}`;
  };
  const got = jsonType(v);
  switch (t.t) {
    case 'any':
      return;
    case 'string':
      if (got !== 'string') fail(got);
      return;
    case 'bool':
      if (got !== 'bool') fail(got);
      return;
    case 'int32':
    case 'int64': {
      if (got !== 'number') return fail(got);
      const n = v as number;
      const max = t.t === 'int32' ? 2147483647 : Number.MAX_SAFE_INTEGER;
      if (!Number.isInteger(n) || n > max || n < -max - 1) fail(`number ${n}`);
      return;
    }
    case 'intstr':
      if (got !== 'number' && got !== 'string') fail(got);
      return;
    case 'quantity':
      if (got === 'number') return;
      if (got !== 'string') ctx.typeError ??= QUANTITY_REGEX_MESSAGE;
      else if ((v as string).trim() === '') ctx.typeError ??= QUANTITY_REGEX_MESSAGE;
      else {
        try {
          parseQuantity(v as string);
        } catch (e) {
          ctx.typeError ??= (e as Error).message;
        }
      }
      return;
    case 'array':
      if (got !== 'array') return fail(got);
      (v as unknown[]).forEach((x, i) => walk(x, t.of, struct, jsonPath, `${strictPath}[${i}]`, ctx));
      return;
    case 'map':
      if (got !== 'object') return fail(got);
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, t.of, struct, jsonPath, `${strictPath}.${k}`, ctx);
      return;
    case 'struct': {
      if (got !== 'object') return fail(got);
      const fields = t.fields();
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        const ft = fields[k];
        const sp = strictPath ? `${strictPath}.${k}` : k;
        if (!ft) {
          if (t.closed) ctx.unknown.push(sp);
          continue;
        }
        walk(x, ft, t.go, jsonPath ? `${jsonPath}.${k}` : k, sp, ctx);
      }
      return;
    }
  }
}

/** Decodes one manifest document the way `kubectl create/apply` + the apiserver would, before any strategy runs. */
export function decodeObject(value: unknown): DecodeResult {
  if (!isObj(value)) return clientError(['invalid object to validate']);
  const errs: string[] = [];
  const apiVersion = value.apiVersion;
  let gv: { group: string; version: string } | undefined;
  if (apiVersion === undefined || apiVersion === null) errs.push('apiVersion not set');
  else if (typeof apiVersion !== 'string') errs.push("apiVersion isn't string type");
  else {
    const r = parseGroupVersion(apiVersion);
    if (typeof r === 'string') errs.push(r);
    else gv = r;
  }
  const kind = value.kind;
  if (kind === undefined || kind === null) errs.push('kind not set');
  else if (typeof kind !== 'string') errs.push("kind isn't string type");
  if (errs.length) return clientError(errs);
  const md = isObj(value.metadata) ? value.metadata : {};
  const name = typeof md.name === 'string' ? md.name : undefined;
  const namespace = typeof md.namespace === 'string' ? md.namespace : undefined;
  const k = lookupKind(apiVersion as string, kind as string);
  if (!k)
    return { ok: false, error: { stage: 'mapping', message: `no matches for kind "${kind as string}" in version "${apiVersion as string}"`, name, namespace } };
  const schema = KIND_SCHEMAS[k.kind];
  if (schema) {
    const ctx: Ctx = { unknown: [] };
    walk(value, schema, k.kind, '', '', ctx);
    const prefix = `${k.kind} in version "${gv?.version ?? k.version}" cannot be handled as a ${k.kind}: `;
    let message: string | undefined;
    if (ctx.typeError) message = prefix + ctx.typeError;
    else if (ctx.unknown.length) message = prefix + `strict decoding error: ${ctx.unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
    if (message) {
      const apiError = new ApiError('BadRequest', message);
      return { ok: false, error: { stage: 'server', message, apiError, name, namespace } };
    }
  }
  return { ok: true, obj: structuredClone(value) as unknown as KObject, kind: k };
}
