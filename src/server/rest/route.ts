// Resource paths of the Kubernetes REST API:
//   /api/v1/<resource>[/<name>[/<subresource>]]
//   /api/v1/namespaces/<ns>/<resource>[/<name>[/<subresource>]]
//   /apis/<group>/<version>/… (same shapes)
// and the query parameters kubectl sends (labelSelector, fieldSelector, watch, resourceVersion, dryRun, limit).
import { KINDS, type KindInfo } from '../../engine/model/kinds';

export interface ResourceRoute {
  readonly kind: KindInfo;
  /** namespace from the path; undefined for cluster-wide requests */
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

export type Route =
  | { readonly type: 'resource'; readonly route: ResourceRoute }
  /** /api/v1/namespaces/<ns> is the Namespace object itself, handled as a cluster-scoped resource */
  | { readonly type: 'notFound' };

/** Splits a URL path into a resource route, or notFound. Discovery paths are handled before this. */
export function parseResourcePath(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else return { type: 'notFound' };
  let namespace: string | undefined;
  // namespaces/<ns>/<resource>… is a namespaced collection; namespaces[/<ns>[/status|finalize]] is the Namespace kind.
  const namespaceSubresource = rest[0] === 'namespaces' && rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize');
  if (rest[0] === 'namespaces' && rest.length >= 3 && !namespaceSubresource) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  if (extra.length) return { type: 'notFound' };
  const kind = KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
  if (!kind) return { type: 'notFound' };
  if (namespace !== undefined && !kind.namespaced) return { type: 'notFound' };
  return { type: 'resource', route: { kind, namespace, name, subresource } };
}

export interface ListQuery {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly watch: boolean;
  readonly resourceVersion?: string;
  readonly dryRun: boolean;
  readonly timeoutSeconds?: number;
  /** what Table rows carry: None, Metadata (default) or Object */
  readonly includeObject: 'None' | 'Metadata' | 'Object';
}

export function parseQuery(search: URLSearchParams): ListQuery {
  const w = search.get('watch');
  const t = search.get('timeoutSeconds');
  const include = search.get('includeObject');
  return {
    labelSelector: search.get('labelSelector') ?? undefined,
    fieldSelector: search.get('fieldSelector') ?? undefined,
    watch: w === 'true' || w === '1',
    resourceVersion: search.get('resourceVersion') ?? undefined,
    dryRun: search.getAll('dryRun').includes('All'),
    timeoutSeconds: t !== null && /^\d+$/.test(t) ? Number(t) : undefined,
    includeObject: include === 'None' || include === 'Object' ? include : 'Metadata',
  };
}

/** Accept: application/json;as=Table;v=v1;g=meta.k8s.io,… → the client wants a Table */
export function wantsTable(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && (params.includes('v=v1') || params.includes('v=v1beta1'));
  });
}
