// `-f FILE|DIR|-` as kubectl's resource builder reads it: files with .json/.yaml/.yml in a directory
// (recursively with -R), multi-document streams, List expansion, and per-document decoding errors that
// name the source (`error when creating "pv.yaml"`, `resource mapping not found … from "f.yaml"`).
import { lookupKind, type KindInfo } from '../model/kinds';
import type { KObject } from '../model/types';
import { parseManifests } from '../yaml/manifests';
import { KubectlError, clientError } from './errors';
import type { KubectlContext } from './types';

export interface SourceDoc {
  /** the file name as kubectl names it (the path given, or STDIN) */
  readonly source: string;
  readonly obj: KObject;
  readonly kind: KindInfo;
}

export interface ReadResult {
  readonly docs: SourceDoc[];
  /** per-document errors (the other documents still count) */
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

function decode(source: string, value: unknown): SourceDoc | KubectlError {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return clientError(`error validating "${source}": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false`);
  const o = value as Record<string, unknown>;
  const apiVersion = typeof o.apiVersion === 'string' ? o.apiVersion : '';
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (!kind || !apiVersion) {
    // kubectl's client-side validation aggregates the problems: one as is, several in brackets.
    const missing = [!apiVersion ? 'apiVersion not set' : '', !kind ? 'kind not set' : ''].filter(Boolean);
    const what = missing.length === 1 ? missing[0] : `[${missing.join(', ')}]`;
    return clientError(
      `error validating "${source}": error validating data: ${what}; if you choose to ignore these errors, turn validation off with --validate=false`,
    );
  }
  const md = (typeof o.metadata === 'object' && o.metadata) || {};
  const k = lookupKind(apiVersion, kind);
  if (!k) {
    const name = String((md as Record<string, unknown>).name ?? '');
    const ns = String((md as Record<string, unknown>).namespace ?? '');
    const version = apiVersion.includes('/') ? apiVersion : apiVersion;
    return new KubectlError(
      `error: resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": no matches for kind "${kind}" in version "${version}"\nensure CRDs are installed first\n`,
    );
  }
  return { source, obj: structuredClone(o) as unknown as KObject, kind: k };
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

export function readManifests(ctx: KubectlContext, filenames: readonly string[], recursive: boolean): ReadResult {
  const docs: SourceDoc[] = [];
  const errors: KubectlError[] = [];
  for (const [source, text] of expand(ctx, filenames, recursive)) {
    for (const chunk of splitDocuments(text)) {
      const parsed = parseManifests(chunk);
      if (!parsed.ok) {
        const e = parsed.error;
        errors.push(clientError(`error parsing ${source}: error converting YAML to JSON: yaml: line ${e.line}, column ${e.col}: ${e.message}`));
        break;
      }
      for (const d of parsed.docs) {
        const r = decode(source, d.value);
        if (r instanceof KubectlError) errors.push(r);
        else docs.push(r);
      }
    }
  }
  return { docs, errors };
}
