// The REST verbs on the simulated store, shaped like kube-apiserver's generic registry responses:
// lists (<Kind>List or meta.k8s.io/v1 Table), get, create (201), update, patch (merge / json /
// strategic), delete (Status Success when gone at once, the object while finalizers or grace hold it)
// and deletecollection. Every write is followed by sim.drain(): the controllers react at once.
import { decodeObject } from '../../engine/api/decode';
import { goJsonSyntaxError } from '../../engine/kubectl/gojson';
import { apiVersionOf, type KindInfo } from '../../engine/model/kinds';
import type { KObject } from '../../engine/model/types';
import { tableFor } from '../../engine/kubectl/printers';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from '../../engine/kubectl/selectors';
import { KubectlError } from '../../engine/kubectl/errors';
import type { Simulation } from '../../engine/sim/simulation';
import { ApiError, badRequest, isApiError, notFound } from '../../engine/store/errors';
import { PATCH_CONTENT_TYPES } from '../../engine/store/patch';
import type { DeleteOptions } from '../../engine/store/store';
import type { ListQuery, ResourceRoute } from './route';
import { SCALABLE, getScale, patchScale, updateScale } from './scale';
import { getPodLog } from './logs';

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  /** the body is plain text sent as is (pods/log), not JSON */
  readonly text?: boolean;
}

export const ok = (body: unknown, status = 200): ApiResponse => ({ status, body });

export function errorResponse(e: unknown): ApiResponse {
  if (isApiError(e)) return { status: e.code, body: e.toStatus() };
  if (e instanceof KubectlError) return errorResponse(badRequest(e.text.replace(/^error: /, '').trim()));
  return errorResponse(new ApiError('InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`));
}

export function methodNotAllowed(): ApiResponse {
  return errorResponse(new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource'));
}

/** An object filter from ?labelSelector and ?fieldSelector (400 when they do not parse). */
export function selectorFilter(kind: KindInfo, q: Pick<ListQuery, 'labelSelector' | 'fieldSelector'>): (o: KObject) => boolean {
  const labels = q.labelSelector ? parseLabelSelector(q.labelSelector) : undefined;
  const fields = q.fieldSelector ? parseFieldSelector(kind.kind, q.fieldSelector) : undefined;
  return (o) =>
    (!labels || matchLabels(labels, o.metadata.labels as Record<string, string> | undefined)) && (!fields || matchFields(fields, o));
}

/** Objects in etcd key order (namespace, then name), as a list from the API server comes. */
export function listObjects(sim: Simulation, kind: KindInfo, namespace: string | undefined, filter: (o: KObject) => boolean): KObject[] {
  const items = sim.store.list(kind.kind, namespace).filter(filter);
  return [...items].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name}`;
    const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** ?includeObject: what a Table row's `object` holds — PartialObjectMetadata by default (Metadata), the
 * whole object (Object; `kubectl get --sort-by` asks for it to sort rows by any field), or nothing (None). */
export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(o: KObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(
  sim: Simulation,
  kind: KindInfo,
  objects: readonly KObject[],
  resourceVersion?: string,
  include: IncludeObject = 'Metadata',
): unknown {
  // The server always builds every column (wide); kubectl hides priority>0 columns unless -o wide.
  const t = tableFor(kind.kind, objects, { wide: true, now: sim.now() });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: resourceVersion ? { resourceVersion } : {},
    columnDefinitions: t.columns.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })),
    rows: t.rows.map((r) => ({ cells: r.cells, object: rowObject(r.object, include) })),
  };
}

export function handleList(sim: Simulation, r: ResourceRoute, q: ListQuery, table: boolean): ApiResponse {
  const items = listObjects(sim, r.kind, r.namespace, selectorFilter(r.kind, q));
  const rv = sim.store.resourceVersion();
  if (table) return ok(toTable(sim, r.kind, items, rv, q.includeObject));
  return ok({ kind: `${r.kind.kind}List`, apiVersion: apiVersionOf(r.kind), metadata: { resourceVersion: rv }, items });
}

function getObject(sim: Simulation, r: ResourceRoute): KObject {
  const o = sim.store.get(r.kind.kind, r.kind.namespaced ? r.namespace : undefined, r.name!);
  if (!o) throw notFound(r.kind, r.name!);
  return o;
}

/** GET of a subresource other than status: /scale of the scalable kinds; anything else is not served. */
export function handleSubresourceGet(sim: Simulation, r: ResourceRoute, search?: URLSearchParams): ApiResponse {
  if (r.subresource === 'scale' && SCALABLE.has(r.kind.kind)) return getScale(sim, r);
  if (r.subresource === 'log' && r.kind.kind === 'Pod') return getPodLog(sim, r, search ?? new URLSearchParams());
  return methodNotAllowed();
}

export function handleGet(sim: Simulation, r: ResourceRoute, q: ListQuery, table: boolean): ApiResponse {
  const o = getObject(sim, r);
  return ok(table ? toTable(sim, r.kind, [o], undefined, q.includeObject) : o);
}

function parseBody(body: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch (e) {
    throw badRequest(`the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw badRequest('the body of the request must be a JSON object');
  return v as Record<string, unknown>;
}

function checkTarget(r: ResourceRoute, o: KObject): void {
  const want = apiVersionOf(r.kind);
  if (o.kind !== r.kind.kind || o.apiVersion !== want)
    throw badRequest(`the API version in the data (${o.apiVersion}) does not match the expected API version (${want})`);
  o.metadata = { ...(o.metadata ?? {}) } as KObject['metadata'];
  if (r.kind.namespaced) {
    if (o.metadata.namespace && r.namespace && o.metadata.namespace !== r.namespace)
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    o.metadata.namespace = r.namespace ?? o.metadata.namespace;
  }
}

/**
 * The apiserver decodes a body into its Go type before anything else: wrong JSON types, bad quantities and
 * unknown fields are a 400 BadRequest here, exactly as `decodeObject` words them for kubectl.
 */
function decodeBody(input: unknown): KObject {
  const d = decodeObject(input);
  if (!d.ok && d.error.stage === 'server' && d.error.apiError) throw d.error.apiError;
  return (d.ok ? d.obj : input) as KObject;
}

export function handleCreate(sim: Simulation, r: ResourceRoute, q: ListQuery, body: string): ApiResponse {
  const input = parseBody(body);
  if (r.subresource === 'binding' && r.kind.kind === 'Pod' && r.name) {
    const target = (input.target ?? {}) as { name?: string };
    if (!target.name) throw badRequest('Binding.target.name is required');
    sim.store.bindPod({ namespace: r.namespace ?? 'default', name: r.name, nodeName: target.name });
    sim.drain();
    return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }, 201);
  }
  if (r.name || r.subresource) return methodNotAllowed();
  const o = decodeBody(input);
  checkTarget(r, o);
  const res = sim.store.create(o, { dryRun: q.dryRun });
  sim.drain();
  return ok(res.obj, 201);
}

export function handleUpdate(sim: Simulation, r: ResourceRoute, q: ListQuery, body: string): ApiResponse {
  if (!r.name) return methodNotAllowed();
  if (r.subresource === 'scale' && SCALABLE.has(r.kind.kind)) return updateScale(sim, r, parseBody(body), q.dryRun);
  const o = decodeBody(parseBody(body));
  checkTarget(r, o);
  if (o.metadata.name !== undefined && o.metadata.name !== r.name)
    throw badRequest(`the name of the object (${o.metadata.name}) does not match the name on the URL (${r.name})`);
  o.metadata.name = r.name;
  const sub = r.subresource === 'status' ? 'status' : undefined;
  if (r.subresource && !sub) return methodNotAllowed();
  const res = sim.store.update(o, { dryRun: q.dryRun, subresource: sub });
  sim.drain();
  return ok(res.obj);
}

export function handlePatch(sim: Simulation, r: ResourceRoute, q: ListQuery, body: string, contentType: string): ApiResponse {
  if (!r.name) return methodNotAllowed();
  const type = PATCH_CONTENT_TYPES[contentType.split(';')[0].trim()];
  if (!type)
    return errorResponse(
      new ApiError('BadRequest', `the server does not support the media type "${contentType}" for patches`),
    );
  let patch: unknown;
  const syntax = goJsonSyntaxError(body);
  // The apiserver's answer to a body that is not JSON: Go's json text (json-patch says "Invalid JSON Patch" for merge).
  if (syntax !== undefined) throw badRequest(type === 'merge' ? 'Invalid JSON Patch' : syntax);
  patch = JSON.parse(body);
  if (r.subresource === 'scale' && SCALABLE.has(r.kind.kind)) return patchScale(sim, r, type, patch, q.dryRun);
  const sub = r.subresource === 'status' ? 'status' : undefined;
  if (r.subresource && !sub) return methodNotAllowed();
  const res = sim.store.patch(r.kind.kind, r.kind.namespaced ? r.namespace : undefined, r.name, type, patch, {
    dryRun: q.dryRun,
    subresource: sub,
  });
  sim.drain();
  return ok(res.obj);
}

function deleteOptions(body: string, q: ListQuery, search: URLSearchParams): DeleteOptions {
  const b = body.trim() ? parseBody(body) : {};
  const grace = b.gracePeriodSeconds ?? (search.get('gracePeriodSeconds') !== null ? Number(search.get('gracePeriodSeconds')) : undefined);
  const policy = (b.propagationPolicy ?? search.get('propagationPolicy') ?? undefined) as DeleteOptions['propagationPolicy'];
  const dryRun = q.dryRun || (Array.isArray(b.dryRun) && b.dryRun.includes('All'));
  return {
    dryRun,
    gracePeriodSeconds: typeof grace === 'number' && Number.isFinite(grace) ? grace : undefined,
    propagationPolicy: policy,
    preconditions: b.preconditions as DeleteOptions['preconditions'],
  };
}

export function handleDelete(sim: Simulation, r: ResourceRoute, q: ListQuery, body: string, search: URLSearchParams): ApiResponse {
  const opts = deleteOptions(body, q, search);
  if (!r.name) {
    // deletecollection: every object the selectors match, one by one.
    const items = listObjects(sim, r.kind, r.namespace, selectorFilter(r.kind, q));
    for (const o of items) sim.store.delete(r.kind.kind, o.metadata.namespace, o.metadata.name, opts);
    sim.drain();
    return ok({ kind: `${r.kind.kind}List`, apiVersion: apiVersionOf(r.kind), metadata: { resourceVersion: sim.store.resourceVersion() }, items });
  }
  const before = getObject(sim, r);
  const res = sim.store.delete(r.kind.kind, r.kind.namespaced ? r.namespace : undefined, r.name, opts);
  const stillThere = !!sim.store.get(r.kind.kind, before.metadata.namespace, r.name);
  sim.drain();
  // genericregistry.Store.finalizeDelete: gone at once → Status Success; held by finalizers/grace → the object.
  if (stillThere || opts.dryRun) return ok(res.obj);
  return ok({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: r.name, ...(r.kind.group ? { group: r.kind.group } : {}), kind: r.kind.plural, uid: before.metadata.uid },
  });
}
