// `-f FILE|DIR|-` as kubectl's resource builder reads it: files with .json/.yaml/.yml in a directory
// (recursively with -R), multi-document streams, List expansion, and per-document decoding errors that
// name the source (`error when creating "pv.yaml"`, `resource mapping not found … from "f.yaml"`).
import { lookupKind, type KindInfo } from '../model/kinds';
import type { KObject } from '../model/types';
import { decodeObject } from '../api/decode';
import type { ApiError } from '../store/errors';
import { KubectlError, clientError } from './errors';
import { goJsonEscape } from './output';
import { parseDoc } from './yaml-errors';
import { goJsonStream } from './gojson';
import type { KubectlContext } from './types';

export interface SourceDoc {
  /** the file name as kubectl names it (the path given, or STDIN) */
  readonly source: string;
  readonly obj: KObject;
  readonly kind: KindInfo;
  /** the apiserver's 400 for this document (a Go type mismatch, a bad quantity, an unknown field): its write fails */
  readonly decodeError?: ApiError;
  /** field validation warnings the apiserver returns with --validate=warn */
  readonly warnings?: readonly string[];
}

export interface ReadResult {
  readonly docs: SourceDoc[];
  /** the reading errors in order (the resource builder's aggregate); the other documents still count */
  readonly errors: KubectlError[];
}

const EXTENSIONS = ['.json', '.yaml', '.yml'];

function join(dir: string, name: string): string {
  if (!dir || dir === '.') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function resolvePath(ctx: KubectlContext, p: string): string {
  if (p.startsWith('/') || !ctx.cwd) return p;
  return join(ctx.cwd, p);
}

/** Expands -f arguments (comma lists allowed) into [shown name, text] pairs. */
function expand(ctx: KubectlContext, filenames: readonly string[], recursive: boolean): [string, string][] {
  const out: [string, string][] = [];
  for (const f of filenames.flatMap((x) => x.split(','))) {
    if (f === '-') {
      out.push(['STDIN', ctx.stdin ?? '']);
      continue;
    }
    if (/^https?:\/\//.test(f)) throw clientError(`unable to read URL "${f}", the simulated cluster has no network access`);
    const files = ctx.files;
    const path = resolvePath(ctx, f);
    const entries = files?.list(path);
    if (entries) {
      const walk = (dir: string, shown: string, depth: number) => {
        for (const name of [...(files!.list(dir) ?? [])].sort()) {
          const full = join(dir, name);
          const shownFull = join(shown, name);
          if (files!.list(full)) {
            if (recursive) walk(full, shownFull, depth + 1);
            continue;
          }
          if (!EXTENSIONS.some((e) => name.endsWith(e))) continue;
          out.push([shownFull, files!.read(full) ?? '']);
        }
      };
      walk(path, f, 0);
      continue;
    }
    const text = files?.read(path);
    if (text === undefined) throw clientError(`the path "${f}" does not exist`);
    out.push([f, text]);
  }
  return out;
}

/** `--validate`: strict (or true) by default; warn; ignore (or false) skips kubectl's client-side checks. */
export type Validation = 'strict' | 'warn' | 'ignore';

export function validationOf(v: string | undefined): Validation {
  if (v === undefined || v === '' || v === 'true' || v === 'strict') return 'strict';
  if (v === 'false' || v === 'ignore') return 'ignore';
  if (v === 'warn') return 'warn';
  throw clientError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

export interface ReadOptions {
  /** the resource builder's Schema(): only apply and create validate; get/describe/delete do not */
  readonly validation?: Validation;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  return typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : typeof v === 'string' ? 'string' : 'object';
}

function sortedJson(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x) ? x.map(sort) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort((x as Record<string, unknown>)[k])])) : x;
  return goJsonEscape(JSON.stringify(sort(v)));
}

/**
 * One decoded document; `stop` ends its file: StreamVisitor returns a validation error (ValidateSchema)
 * instead of passing it on, while mapping and decoding errors (infoForData) go to the visitor function
 * and the stream goes on.
 */
function decode(source: string, value: unknown, validation: Validation | undefined): SourceDoc | { error: KubectlError; stop?: boolean } {
  const unableToDecode = (msg: string) => ({ error: clientError(`unable to decode "${source}": ${msg}`) });
  const r = decodeObject(value);
  if (r.ok) return { source, obj: r.obj, kind: r.kind };
  const e = r.error;
  if (e.stage === 'client') {
    if (validation && validation !== 'ignore') return { error: clientError(`error validating "${source}": ${e.message}`), stop: true };
    // without a schema the unstructured decoder meets the document first (UnstructuredJSONScheme)
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return unableToDecode(`json: cannot unmarshal ${jsonKind(value)} into Go value of type unstructured.detector`);
    const o = value as Record<string, unknown>;
    if (typeof o.kind !== 'string' || o.kind === '') return unableToDecode(`Object 'Kind' is missing in '${sortedJson(o)}'`);
    return unableToDecode(e.message.replace(/^error validating data: /, '').replace(/; if you choose.*$/, ''));
  }
  if (e.stage === 'mapping')
    return {
      error: new KubectlError(
        `error: resource mapping not found for name: "${e.name ?? ''}" namespace: "${e.namespace ?? ''}" from "${source}": ${e.message}\nensure CRDs are installed first\n`,
      ),
    };
  // A decoding failure of the apiserver: the document reads fine, its write fails with a BadRequest.
  // With --validate=ignore|warn kubectl sends fieldValidation=Ignore|Warn, so unknown fields alone are no error.
  const apiVersion = (value as Record<string, unknown>).apiVersion as string;
  const kind = lookupKind(apiVersion, (value as Record<string, unknown>).kind as string)!;
  const strictOnly = e.message.includes(': strict decoding error: ');
  const obj = structuredClone(value) as unknown as KObject;
  if (strictOnly && validation !== 'strict' && validation !== undefined) {
    const warnings = validation === 'warn' ? [...e.message.matchAll(/unknown field "[^"]*"/g)].map((m) => m[0]) : [];
    return { source, obj, kind, warnings };
  }
  return { source, obj, kind, decodeError: e.apiError };
}

/**
 * k8s.io/apimachinery's YAMLReader: documents are split at lines starting with `---` (followed only by
 * spaces or a comment) and decoded one by one, so a syntax error's line is counted within its document
 * and the documents before it are still applied; the stream stops at the error.
 */
export function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('---') && /^---\s*(#.*)?$/.test(line)) {
      if (cur.some((l) => l.trim() !== '')) docs.push(cur.join('\n'));
      cur = [];
      continue;
    }
    cur.push(line);
  }
  if (cur.some((l) => l.trim() !== '')) docs.push(cur.join('\n'));
  return docs;
}

export function readManifests(ctx: KubectlContext, filenames: readonly string[], recursive: boolean, opts: ReadOptions = {}): ReadResult {
  const docs: SourceDoc[] = [];
  const errors: KubectlError[] = [];
  for (const [source, text] of expand(ctx, filenames, recursive)) {
    /** false when the document's error ends its file */
    const visit = (v: unknown): boolean => {
      // a List's items are visited one by one (FlattenListVisitor); an empty document is skipped
      if (v === null || v === undefined) return true;
      for (const value of isList(v) ? v.items : [v]) {
        const r = decode(source, value, opts.validation);
        if (!('error' in r)) docs.push(r);
        else if ((errors.push(r.error), r.stop)) return false;
      }
      return true;
    };
    // YAMLOrJSONDecoder: a stream that starts with `{` is JSON values one after another (json.Decoder)
    if (/^\s*\{/.test(text)) {
      const stream = goJsonStream(text);
      if (stream.values.every(visit) && stream.error) errors.push(clientError(`error parsing ${source}: ${stream.error}`));
      continue;
    }
    for (const chunk of splitDocuments(text)) {
      const parsed = parseDoc(chunk);
      if (!parsed.ok) {
        errors.push(clientError(`error parsing ${source}: error converting YAML to JSON: yaml: ${parsed.message}`));
        break;
      }
      if (!visit(parsed.value)) break;
    }
  }
  return { docs, errors };
}

function isList(v: unknown): v is { items: unknown[] } {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items);
}
