// Patch types accepted by PATCH: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and strategic merge patch.
import { badRequest } from './errors';
import { strategicMerge } from './strategic-merge';

export type PatchType = 'merge' | 'json' | 'strategic';

export const PATCH_CONTENT_TYPES: Record<string, PatchType> = {
  'application/merge-patch+json': 'merge',
  'application/json-patch+json': 'json',
  'application/strategic-merge-patch+json': 'strategic',
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** RFC 7386: objects merge recursively, null deletes, everything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request`);
  return path.slice(1).split('/').map(unescapePointer);
}

/** RFC 6902 operations add/remove/replace/move/copy/test on a deep copy. */
export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target) as Json;
  for (const raw of ops) {
    if (!isObj(raw)) throw badRequest('invalid JSON patch operation');
    const op = String(raw.op ?? '');
    const path = parsePointer(String(raw.path ?? ''));
    const get = (p: string[]): { parent: Json; key: string } => {
      let cur: Json = doc;
      for (let i = 0; i < p.length - 1; i++) {
        const next: Json | undefined = Array.isArray(cur) ? cur[Number(p[i])] : isObj(cur) ? (cur as Record<string, Json>)[p[i]] : undefined;
        if (next === undefined) throw badRequest(`the server rejected our request due to an error in our request`);
        cur = next;
      }
      return { parent: cur, key: p[p.length - 1] };
    };
    const missing = () => badRequest(`the server rejected our request due to an error in our request`);
    const read = (p: string[]): Json => {
      if (p.length === 0) return doc;
      const { parent, key } = get(p);
      const v = Array.isArray(parent) ? parent[Number(key)] : isObj(parent) ? (parent as Record<string, Json>)[key] : undefined;
      if (v === undefined) throw missing();
      return v;
    };
    const remove = (p: string[]): Json => {
      const { parent, key } = get(p);
      if (Array.isArray(parent)) {
        const i = Number(key);
        if (!(i >= 0 && i < parent.length)) throw missing();
        return parent.splice(i, 1)[0];
      }
      if (!isObj(parent) || !(key in parent)) throw missing();
      const v = (parent as Record<string, Json>)[key];
      delete (parent as Record<string, Json>)[key];
      return v;
    };
    const add = (p: string[], value: Json) => {
      if (p.length === 0) {
        doc = value;
        return;
      }
      const { parent, key } = get(p);
      if (Array.isArray(parent)) {
        const i = key === '-' ? parent.length : Number(key);
        if (!(i >= 0 && i <= parent.length)) throw missing();
        parent.splice(i, 0, value);
      } else if (isObj(parent)) (parent as Record<string, Json>)[key] = value;
      else throw missing();
    };
    switch (op) {
      case 'add':
        add(path, structuredClone(raw.value as Json));
        break;
      case 'remove':
        remove(path);
        break;
      case 'replace':
        remove(path);
        add(path, structuredClone(raw.value as Json));
        break;
      case 'move': {
        const v = remove(parsePointer(String(raw.from ?? '')));
        add(path, v);
        break;
      }
      case 'copy':
        add(path, structuredClone(read(parsePointer(String(raw.from ?? '')))));
        break;
      case 'test':
        if (JSON.stringify(read(path)) !== JSON.stringify(raw.value)) throw badRequest('testing value failed');
        break;
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

export function applyPatch(kind: string, target: unknown, type: PatchType, patch: unknown): unknown {
  switch (type) {
    case 'merge':
      return mergePatch(target, patch);
    case 'json':
      return jsonPatch(target, patch);
    case 'strategic':
      return strategicMerge(kind, target, patch);
  }
}
