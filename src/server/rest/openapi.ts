// OpenAPI v3 as kube-apiserver serves it: GET /openapi/v3 is an index of group-versions, each pointing at
// /openapi/v3/<api/v1 | apis/<group>/<version>>?hash=<sha512>, a document with `paths` and `components.schemas`.
// kubectl 1.32 needs both halves:
// - `apply`/`create` (default --validate=strict) asks queryParamVerifierV3 whether the group-version's PATCH
//   operation for the kind (found by its x-kubernetes-group-version-kind) lists the `fieldValidation` query
//   parameter; if so it sends fieldValidation=Strict and leaves unknown-field checks to the server
//   (decodeObject words them); without any document it fails with "failed to download openapi".
// - `explain` reads the schema whose x-kubernetes-group-version-kind names the kind, and follows $refs.
// Field descriptions come from explain-data.ts, the same data our in-engine `kubectl explain` prints.
import { createHash } from 'node:crypto';
import { EXPLAIN_TYPES } from '../../engine/kubectl/explain/explain-data';
import { apiVersionOf, KINDS, type KindInfo } from '../../engine/model/kinds';

type Json = Record<string, unknown>;

const PREFIX = 'x.';

/** How the apiserver's OpenAPI v3 writes a field type: refs in allOf, arrays with items, maps with additionalProperties. */
function schemaOf(type: string): Json {
  if (type.startsWith('[]')) return { type: 'array', items: schemaOf(type.slice(2)) };
  if (type.startsWith('map[string]')) return { type: 'object', additionalProperties: schemaOf(type.slice(11)) };
  if (type === 'integer') return { type: 'integer', format: 'int32' };
  if (type === 'string' || type === 'boolean') return { type };
  return { allOf: [{ $ref: `#/components/schemas/${PREFIX}${type}` }], default: {} };
}

const gvk = (k: KindInfo) => ({ group: k.group, kind: k.kind, version: k.version });

function schemas(): Json {
  const out: Json = { [`${PREFIX}Quantity`]: { description: 'Quantity' }, [`${PREFIX}IntOrString`]: { description: 'IntOrString' } };
  const kinds = new Map(KINDS.map((k) => [k.kind as string, k]));
  for (const [name, t] of Object.entries(EXPLAIN_TYPES)) {
    const properties: Json = {};
    const required: string[] = [];
    for (const [f, [type, d, r]] of Object.entries(t.f)) {
      properties[f] = { ...schemaOf(type), description: d };
      if (r) required.push(f);
    }
    const k = kinds.get(name);
    out[PREFIX + name] = {
      description: t.d, type: 'object', properties, ...(required.length ? { required } : {}),
      ...(k ? { 'x-kubernetes-group-version-kind': [gvk(k)] } : {}),
    };
  }
  // Kinds we serve without generated field docs (ConfigMap, Secret, snapshots, …): an open object, so the
  // kind still resolves for explain; validation of their fields happens on the server.
  for (const k of KINDS)
    if (!out[PREFIX + k.kind])
      out[PREFIX + k.kind] = { description: `${k.kind}`, type: 'object', 'x-kubernetes-group-version-kind': [gvk(k)] };
  return out;
}

/** The query parameter kubectl looks for on a kind's PATCH operation (QueryParamFieldValidation). */
const FIELD_VALIDATION = {
  name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true },
  description: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict',
};

function paths(groupVersion: string): Json {
  const out: Json = {};
  for (const k of KINDS) {
    if (apiVersionOf(k) !== groupVersion) continue;
    const prefix = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
    const collection = k.namespaced ? `${prefix}/namespaces/{namespace}/${k.plural}` : `${prefix}/${k.plural}`;
    const ext = { 'x-kubernetes-group-version-kind': gvk(k) };
    const ref = { $ref: `#/components/schemas/${PREFIX}${k.kind}` };
    const body = { content: { 'application/json': { schema: ref } }, required: true };
    out[collection] = {
      get: { operationId: `list${k.kind}`, 'x-kubernetes-action': 'list', ...ext },
      post: { operationId: `create${k.kind}`, parameters: [FIELD_VALIDATION], requestBody: body, 'x-kubernetes-action': 'post', ...ext },
    };
    out[`${collection}/{name}`] = {
      get: { operationId: `read${k.kind}`, 'x-kubernetes-action': 'get', ...ext },
      put: { operationId: `replace${k.kind}`, parameters: [FIELD_VALIDATION], requestBody: body, 'x-kubernetes-action': 'put', ...ext },
      patch: { operationId: `patch${k.kind}`, parameters: [FIELD_VALIDATION], 'x-kubernetes-action': 'patch', ...ext },
      delete: { operationId: `delete${k.kind}`, 'x-kubernetes-action': 'delete', ...ext },
    };
  }
  return out;
}

/** "v1" → "api/v1", "apps/v1" → "apis/apps/v1": the keys of the /openapi/v3 index. */
const indexKey = (groupVersion: string) => (groupVersion.includes('/') ? `apis/${groupVersion}` : `api/${groupVersion}`);

function build(): { index: Json; docs: Map<string, Json> } {
  const all = schemas();
  const docs = new Map<string, Json>();
  const index: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of [...new Set(KINDS.map(apiVersionOf))]) {
    const doc = { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: paths(gv), components: { schemas: all } };
    const text = JSON.stringify(doc);
    const key = indexKey(gv);
    docs.set(key, doc);
    // The apiserver's hash is the uppercase hex SHA-512 of the document; clients cache by it.
    index[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${createHash('sha512').update(text).digest('hex').toUpperCase()}` };
  }
  return { index: { paths: index }, docs };
}

let cached: ReturnType<typeof build> | undefined;

/**
 * The answer to GET /openapi/v3[/<gv>], or undefined for paths that are not OpenAPI v3 (the caller 404s).
 * A known prefix with an unknown group-version is a 404 too (undefined).
 */
export function openApiV3(pathname: string): Json | undefined {
  const p = pathname.replace(/\/+$/, '');
  if (p !== '/openapi/v3' && !p.startsWith('/openapi/v3/')) return undefined;
  cached ??= build();
  if (p === '/openapi/v3') return cached.index;
  return cached.docs.get(p.slice('/openapi/v3/'.length));
}
