// Resolving what users type after a verb (`pv`, `pv,pvc`, `pv/x`, `persistentvolumeclaims x y`, `all`)
// into kinds and names, like the resource builder with kubectl's RESTMapper.
import { KINDS, resolveResource, type KindInfo } from '../model/kinds';
import type { KObject } from '../model/types';
import type { Simulation } from '../sim/simulation';
import { notFound } from '../store/errors';
import { clientError } from './errors';

export interface ResourceRef {
  readonly kind: KindInfo;
  /** undefined = every object of the kind (subject to selectors) */
  readonly name?: string;
}

/** kubectl's `all` category, in discovery order. */
const ALL_KINDS = KINDS.filter((k) => k.inAll);

export function resolveType(t: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const part of t.split(',')) {
    if (part === '') continue;
    if (part.toLowerCase() === 'all') {
      out.push(...ALL_KINDS);
      continue;
    }
    const k = resolveResource(part);
    if (!k) throw clientError(`the server doesn't have a resource type "${part}"`);
    out.push(k);
  }
  return out;
}

/** Args `TYPE [NAME...]` or `TYPE/NAME...` into references. */
export function parseResourceArgs(args: readonly string[]): ResourceRef[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length)
      throw clientError(
        "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
      );
    return args.map((a) => {
      const i = a.indexOf('/');
      const [kind] = resolveType(a.slice(0, i));
      const name = a.slice(i + 1);
      if (!name) throw clientError(`arguments in resource/name form must have a single resource and name`);
      return { kind, name };
    });
  }
  const kinds = resolveType(args[0]);
  if (args.length === 1) return kinds.map((kind) => ({ kind }));
  const refs: ResourceRef[] = [];
  for (const kind of kinds) for (const name of args.slice(1)) refs.push({ kind, name });
  return refs;
}

/** GET one object or throw the apiserver's NotFound. */
export function getObject(sim: Simulation, kind: KindInfo, namespace: string, name: string): KObject {
  const o = sim.store.get(kind.kind, kind.namespaced ? namespace : undefined, name);
  if (!o) throw notFound(kind, name);
  return o;
}

/** LIST in etcd key order (namespace, then name). */
export function listObjects(sim: Simulation, kind: KindInfo, namespace: string | undefined): KObject[] {
  const all = sim.store.list(kind.kind, kind.namespaced ? namespace : undefined);
  return [...all].sort((a, b) => {
    const na = a.metadata.namespace ?? '';
    const nb = b.metadata.namespace ?? '';
    if (na !== nb) return na < nb ? -1 : 1;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}
