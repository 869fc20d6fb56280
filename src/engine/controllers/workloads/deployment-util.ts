// Deployment arithmetic from pkg/controller/deployment/util/deployment_util.go: maxSurge /
// maxUnavailable resolution, NewRSNewReplicas, replica sums, revisions and the RS template/name.
import type { Deployment, KObject, ReplicaSet } from '../../model/types';
import { computeHash } from './hash';

export type DeployObj = KObject & Deployment & { metadata: KObject['metadata'] };
export type RSObj = KObject & ReplicaSet & { metadata: KObject['metadata'] };

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION_ANN = 'deployment.kubernetes.io/revision';
export const DESIRED_REPLICAS_ANN = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANN = 'deployment.kubernetes.io/max-replicas';

export function replicasOf(o: { spec?: { replicas?: number } }): number {
  return o.spec?.replicas ?? 1;
}

/** intstr.GetScaledValueFromIntOrPercent */
function scaled(v: number | string | undefined, total: number, roundUp: boolean, dflt: string): number {
  const x = v ?? dflt;
  if (typeof x === 'number') return x;
  const m = /^(\d+)%$/.exec(x);
  if (!m) return Number(x) || 0;
  const f = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(f) : Math.floor(f);
}

export function isRollingUpdate(d: DeployObj): boolean {
  return (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

/** ResolveFenceposts: surge rounds up, unavailable down; both 0 → 1 unavailable. */
export function resolveFenceposts(d: DeployObj): { surge: number; unavailable: number } {
  const r = replicasOf(d);
  const ru = d.spec?.strategy?.rollingUpdate;
  const surge = scaled(ru?.maxSurge as number | string | undefined, r, true, '25%');
  let unavailable = scaled(ru?.maxUnavailable as number | string | undefined, r, false, '25%');
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function maxSurge(d: DeployObj): number {
  return isRollingUpdate(d) ? resolveFenceposts(d).surge : 0;
}

export function maxUnavailable(d: DeployObj): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d).unavailable, replicasOf(d));
}

export const specReplicas = (list: readonly RSObj[]) => list.reduce((s, rs) => s + replicasOf(rs), 0);
export const statusField = (list: readonly RSObj[], f: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
  list.reduce((s, rs) => s + ((rs.status?.[f] as number | undefined) ?? 0), 0);

/** NewRSNewReplicas */
export function newRSNewReplicas(d: DeployObj, all: readonly RSObj[], newRS: RSObj | undefined): number {
  const cur = newRS ? replicasOf(newRS) : 0;
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = specReplicas(all);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return cur;
  const up = Math.min(maxTotal - current, replicasOf(d) - cur);
  return cur + up;
}

function withoutHash(template: unknown): unknown {
  const t = structuredClone(template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  if (t.metadata?.labels) {
    delete t.metadata.labels[POD_TEMPLATE_HASH];
    if (Object.keys(t.metadata.labels).length === 0) delete t.metadata.labels;
  }
  return t;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

/** EqualIgnoreHash: templates equal once pod-template-hash is dropped. */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  return canonical(withoutHash(a)) === canonical(withoutHash(b));
}

export function revisionOf(o: KObject): number {
  return Number(o.metadata.annotations?.[REVISION_ANN] ?? 0) || 0;
}

export function byCreation(a: KObject, b: KObject): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta < tb ? -1 : ta > tb ? 1 : a.metadata.name < b.metadata.name ? -1 : 1;
}

/** The ReplicaSet getNewReplicaSet creates: `<deployment>-<hash>`, template and selector labelled with the hash. */
export function newReplicaSetFor(d: DeployObj, replicas: number, revision: number): RSObj {
  const template = structuredClone(d.spec?.template ?? {}) as { metadata?: { labels?: Record<string, string> } };
  const hash = computeHash(d.spec?.template, d.status?.collisionCount ?? undefined);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash } };
  const selector = structuredClone(d.spec?.selector ?? {}) as { matchLabels?: Record<string, string> };
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
    if (k !== 'kubectl.kubernetes.io/last-applied-configuration' && k !== REVISION_ANN) annotations[k] = v;
  annotations[DESIRED_REPLICAS_ANN] = String(replicasOf(d));
  annotations[MAX_REPLICAS_ANN] = String(replicasOf(d) + maxSurge(d));
  annotations[REVISION_ANN] = String(revision);
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations,
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec?.minReadySeconds ?? 0,
      selector,
      template,
    },
  } as unknown as RSObj;
}
