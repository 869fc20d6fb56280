// Generates k8s-schemas.json (JSON Schema for the editor) from the `kubernetes-types` declaration files,
// whose interfaces and JSDoc comments are generated from the Kubernetes OpenAPI spec (v1.30). Roots:
// PersistentVolume, PersistentVolumeClaim, StorageClass, Pod, Deployment, StatefulSet; every type they
// reach is included with its description (hover docs) and additionalProperties:false (typo warnings).
// Run: npx tsx src/app/features/editor/schemas/generate.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../../../../../node_modules/kubernetes-types');
const FILES = ['core/v1', 'apps/v1', 'storage/v1', 'meta/v1', 'api/resource', 'util/intstr', 'runtime', 'pkg/runtime'];

interface Field {
  name: string;
  optional: boolean;
  type: string;
  doc: string;
}
const types = new Map<string, { doc: string; fields: Field[] }>();
const aliases = new Map<string, string>();

for (const f of FILES) {
  let text: string;
  try {
    text = readFileSync(join(root, `${f}.d.ts`), 'utf8');
  } catch {
    continue;
  }
  parseInterfaces(text);
  for (const m of text.matchAll(/export type (\w+) = ([^;]+);/g)) aliases.set(m[1], m[2].trim());
}

/** Line-based: `/** doc *\/` then `[readonly ]name[?]: type;` where type may span lines (`{ [k: string]: T; }`). */
function parseInterfaces(text: string): void {
  const lines = text.split('\n');
  let doc = '';
  let inDoc = false;
  let cur: { name: string; doc: string; fields: Field[] } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (inDoc || t.startsWith('/**')) {
      doc += ' ' + t.replace(/^\/\*\*/, '').replace(/\*\/$/, '');
      inDoc = !t.endsWith('*/');
      continue;
    }
    const head = /^export interface (\w+)/.exec(t);
    if (head) {
      cur = { name: head[1], doc: clean(doc), fields: [] };
      doc = '';
      continue;
    }
    if (cur && t === '}') {
      if (!types.has(cur.name)) types.set(cur.name, { doc: cur.doc, fields: cur.fields });
      cur = undefined;
      doc = '';
      continue;
    }
    const fm = /^(?:readonly )?(\w+)(\??): (.*)$/.exec(t);
    if (cur && fm) {
      let type = fm[3];
      if (type.endsWith('{')) {
        while (!lines[i].trim().startsWith('}')) type += ' ' + lines[++i].trim();
      }
      cur.fields.push({ name: fm[1], optional: fm[2] === '?', type: type.replace(/;\s*\}/g, ' }').replace(/;$/, '').replace(/\s+/g, ' ').trim(), doc: clean(doc) });
      doc = '';
      continue;
    }
    if (!cur) doc = '';
  }
}

function clean(s: string): string {
  return s.replace(/^\s*\*\s?/gm, '').replace(/\s+/g, ' ').trim();
}

const defs: Record<string, unknown> = {};
function schemaOf(t: string): Record<string, unknown> {
  t = t.trim();
  if (t === 'string') return { type: 'string' };
  if (t === 'number') return { type: 'number' };
  if (t === 'boolean') return { type: 'boolean' };
  if (/^"[^"]*"$/.test(t)) return { type: 'string', enum: [JSON.parse(t)] };
  let m = /^Array<(.+)>$/.exec(t);
  if (m) return { type: 'array', items: schemaOf(m[1]) };
  m = /^\{\s*\[\w+: string\]: (.+)\s*\}$/.exec(t);
  if (m) return { type: 'object', additionalProperties: schemaOf(m[1]) };
  if (t === 'Quantity') return { type: ['string', 'number'] };
  if (aliases.has(t)) {
    const a = aliases.get(t)!;
    if (a === 'number | string') return { type: ['number', 'string'] };
    return schemaOf(a);
  }
  if (t === 'number | string') return { type: ['number', 'string'] };
  if (types.has(t)) {
    define(t);
    return { $ref: `#/definitions/${t}` };
  }
  return {};
}

function define(name: string): void {
  if (name in defs) return;
  defs[name] = {};
  const ty = types.get(name)!;
  const props: Record<string, unknown> = {};
  const required: string[] = [];
  for (const f of ty.fields) {
    props[f.name] = { ...schemaOf(f.type), ...(f.doc ? { description: f.doc } : {}) };
    if (!f.optional && f.name !== 'apiVersion' && f.name !== 'kind') required.push(f.name);
  }
  // RawExtension and friends are free-form
  const open = ty.fields.length === 0;
  defs[name] = {
    type: 'object',
    ...(ty.doc ? { description: ty.doc } : {}),
    properties: props,
    ...(required.length ? { required } : {}),
    ...(open ? {} : { additionalProperties: false }),
  };
}

const ROOTS: [string, string, string][] = [
  ['PersistentVolume', 'v1', 'PersistentVolume'],
  ['PersistentVolumeClaim', 'v1', 'PersistentVolumeClaim'],
  ['StorageClass', 'storage.k8s.io/v1', 'StorageClass'],
  ['Pod', 'v1', 'Pod'],
  ['Deployment', 'apps/v1', 'Deployment'],
  ['StatefulSet', 'apps/v1', 'StatefulSet'],
];
for (const [t] of ROOTS) define(t);
// Users never write status; hide it from completion but accept it (kubectl get -o yaml output pasted back).
for (const [t] of ROOTS) {
  const d = defs[t] as { properties: Record<string, { description?: string }>; required?: string[] };
  d.required = ['apiVersion', 'kind', 'metadata'];
}

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Kubernetes manifest (PV, PVC, StorageClass, Pod, Deployment, StatefulSet)',
  type: 'object',
  properties: {
    apiVersion: { type: 'string', enum: [...new Set(ROOTS.map((r) => r[1]))], description: 'APIVersion defines the versioned schema of this representation of an object.' },
    kind: { type: 'string', enum: ROOTS.map((r) => r[2]), description: 'Kind is a string value representing the REST resource this object represents.' },
  },
  required: ['apiVersion', 'kind'],
  allOf: ROOTS.map(([t, , kind]) => ({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then: { $ref: `#/definitions/${t}` } })),
  definitions: defs,
};
writeFileSync(join(import.meta.dirname, 'k8s-schemas.json'), JSON.stringify(schema));
console.log(`wrote ${Object.keys(defs).length} definitions, ${JSON.stringify(schema).length} bytes`);
