// The /scale subresource of Deployments, ReplicaSets and StatefulSets (autoscaling/v1 Scale), as
// pkg/registry/apps/*/storage serves it: scaleFrom<Kind> builds the Scale from the object (name,
// namespace, uid, resourceVersion, creationTimestamp; spec.replicas; status.replicas and the selector as
// a string), and an update or patch of the Scale writes spec.replicas back to the object. A Scale carrying
// a resourceVersion is a precondition on the object (Conflict when stale); negative replicas are
// ValidateScale's Invalid error on `Scale.autoscaling`.
import type { KindInfo } from '../../engine/model/kinds';
import type { KObject } from '../../engine/model/types';
import { formatLabelSelector } from '../../engine/kubectl/printers/helpers';
import type { Simulation } from '../../engine/sim/simulation';
import { badRequest, notFound } from '../../engine/store/errors';
import { invalid, invalidError } from '../../engine/store/field-errors';
import { applyPatch, type PatchType } from '../../engine/store/patch';
import type { ApiResponse } from './handlers';
import type { ResourceRoute } from './route';

export const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** How errors name the Scale kind (GroupKind autoscaling/Scale). */
const SCALE_KIND = { kind: 'Scale', group: 'autoscaling', version: 'v1', plural: 'scale', namespaced: true } as unknown as KindInfo;

interface Scale {
  kind: 'Scale';
  apiVersion: 'autoscaling/v1';
  metadata: Record<string, unknown>;
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export function scaleOf(o: KObject): Scale {
  const spec = (o.spec ?? {}) as { replicas?: number; selector?: unknown };
  const status = (o.status ?? {}) as { replicas?: number };
  const sel = formatLabelSelector(spec.selector);
  const m = o.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: spec.replicas ?? 0 },
    // status.replicas is always present (no omitempty); an empty selector string is omitted
    status: { replicas: status.replicas ?? 0, ...(sel !== '<none>' ? { selector: sel } : {}) },
  };
}

function target(sim: Simulation, r: ResourceRoute): KObject {
  const o = sim.store.get(r.kind.kind, r.namespace, r.name!);
  if (!o) throw notFound(r.kind, r.name!);
  return o;
}

/** GET …/<name>/scale */
export function getScale(sim: Simulation, r: ResourceRoute): ApiResponse {
  return { status: 200, body: scaleOf(target(sim, r)) };
}

/** scaleUpdatedObjectInfo.UpdatedObject: validate the new Scale, then write its replicas to the object. */
function writeScale(sim: Simulation, r: ResourceRoute, scale: Record<string, unknown>, dryRun: boolean): ApiResponse {
  const old = target(sim, r);
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas)))
    throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas === 'string' ? 'string' : typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
  const n = (replicas as number | undefined) ?? 0;
  if (n < 0) throw invalidError(SCALE_KIND, r.name!, [invalid('spec.replicas', n, 'must be greater than or equal to 0')]);
  const next = structuredClone(old);
  const rv = (scale.metadata as { resourceVersion?: unknown } | undefined)?.resourceVersion;
  // a Scale with a resourceVersion is a precondition on the object it scales
  if (typeof rv === 'string' && rv) next.metadata.resourceVersion = rv;
  (next.spec as { replicas?: number }).replicas = n;
  const res = sim.store.update(next, { dryRun });
  sim.drain();
  return { status: 200, body: scaleOf(res.obj) };
}

/** PUT …/<name>/scale */
export function updateScale(sim: Simulation, r: ResourceRoute, body: Record<string, unknown>, dryRun: boolean): ApiResponse {
  if (body.metadata && (body.metadata as { name?: unknown }).name !== undefined && (body.metadata as { name?: unknown }).name !== r.name)
    throw badRequest(`the name of the object (${String((body.metadata as { name?: unknown }).name)}) does not match the name on the URL (${r.name})`);
  return writeScale(sim, r, body, dryRun);
}

/** PATCH …/<name>/scale: the patch applies to the current Scale (kubectl scale sends {"spec":{"replicas":N}}). */
export function patchScale(sim: Simulation, r: ResourceRoute, type: PatchType, patch: unknown, dryRun: boolean): ApiResponse {
  const patched = applyPatch('Scale', scaleOf(target(sim, r)), type, patch) as Record<string, unknown>;
  return writeScale(sim, r, patched, dryRun);
}
