// ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps spec.replicas active pods
// made from spec.template (generateName `<rs>-`, controller ownerReference), deletes the surplus
// (least valuable first, controller.ActivePods ranking), and reports replicas / ready / available.
import type { KObject, ReplicaSet } from '../../model/types';
import type { Controller, Intent, ReconcileContext } from '../types';
import { isPodActive, isPodAvailable, isPodReady, controllerRef, keyOf, nsName, ownerRefFor, statusPatch, type PodObj } from './util';
import { labelSelectorMatches, type LabelSelector } from '../volume/label-selector';
import { parseTime } from '../../clock/clock';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
const OWNER_INDEX = 'workloads-pod-controller-uid';

type RS = KObject & ReplicaSet & { metadata: KObject['metadata'] };

/** Pods of the given controller uid (index on Pod: controller ownerReference uid). */
export const CONTROLLER_UID_INDEX = {
  kind: 'Pod' as const,
  name: OWNER_INDEX,
  fn: (o: KObject) => {
    const r = controllerRef(o);
    return r ? [r.uid] : [];
  },
};

export function ownedPods(ctx: ReconcileContext, owner: KObject): PodObj[] {
  return ([...ctx.view.byIndex('Pod', OWNER_INDEX, owner.metadata.uid ?? '')] as unknown as PodObj[]).sort((a, b) =>
    a.metadata.name < b.metadata.name ? -1 : 1,
  );
}

/** Builds a pod from a template the way controller.GetPodFromTemplate does, with a concrete generated name. */
export function podFromTemplate(owner: KObject, template: Record<string, unknown> | undefined, name: string, generateName?: string): KObject {
  const tpl = structuredClone(template ?? {}) as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  const md = tpl.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(generateName ? { generateName } : {}),
      namespace: owner.metadata.namespace,
      ...(md.labels ? { labels: md.labels as Record<string, string> } : {}),
      ...(md.annotations ? { annotations: md.annotations as Record<string, string> } : {}),
      ...(md.finalizers ? { finalizers: md.finalizers as string[] } : {}),
      ownerReferences: [ownerRefFor(owner)],
    },
    spec: tpl.spec ?? {},
  };
}

/** A free `<prefix><5 chars>` name (what the apiserver's generateName would pick), drawn from the seeded RNG. */
export function generateName(ctx: ReconcileContext, namespace: string | undefined, prefix: string, taken: Set<string>): string {
  for (;;) {
    const suffix = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < 5; i++) s += suffix[ctx.rng.int(0, suffix.length - 1)];
    const name = `${prefix}${s}`;
    if (!taken.has(name) && !ctx.view.get('Pod', namespace, name)) {
      taken.add(name);
      return name;
    }
  }
}

/** controller.ActivePods ordering: the pods to delete first come first. */
export function deletionRank(a: PodObj, b: PodObj): number {
  const assigned = (p: PodObj) => (p.spec?.nodeName ? 1 : 0);
  if (assigned(a) !== assigned(b)) return assigned(a) - assigned(b);
  const phase = (p: PodObj) => ({ Pending: 0, Unknown: 1, Running: 2 })[p.status?.phase ?? 'Pending'] ?? 0;
  if (phase(a) !== phase(b)) return phase(a) - phase(b);
  const ready = (p: PodObj) => (isPodReady(p) ? 1 : 0);
  if (ready(a) !== ready(b)) return ready(a) - ready(b);
  // Newer pods go first.
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  if (ta !== tb) return tb - ta;
  return a.metadata.name < b.metadata.name ? 1 : -1;
}

export function newReplicaSetController(): Controller {
  return {
    name: REPLICASET_CONTROLLER,
    watches: ['ReplicaSet', 'Pod'],
    indexes: [CONTROLLER_UID_INDEX],
    keysFor(ev) {
      if (ev.kind === 'ReplicaSet') return [keyOf(ev.obj)];
      const refs = [controllerRef(ev.obj), ev.old ? controllerRef(ev.old) : undefined];
      const ns = ev.obj.metadata.namespace ?? 'default';
      return [...new Set(refs.filter((r) => r?.kind === 'ReplicaSet').map((r) => `${ns}/${r!.name}`))];
    },
    reconcile(key, ctx) {
      const [ns, name] = nsName(key);
      const rs = ctx.view.get('ReplicaSet', ns, name) as RS | undefined;
      if (!rs) return [];
      return syncReplicaSet(rs, ctx);
    },
  };
}

function syncReplicaSet(rs: RS, ctx: ReconcileContext): Intent[] {
  const out: Intent[] = [];
  const pods = ownedPods(ctx, rs);
  const active = pods.filter(isPodActive);
  const want = rs.metadata.deletionTimestamp ? active.length : (rs.spec?.replicas ?? 1);
  const diff = active.length - want;
  if (!rs.metadata.deletionTimestamp && diff < 0) {
    const taken = new Set<string>();
    for (let i = 0; i < -diff; i++) {
      const podName = generateName(ctx, rs.metadata.namespace, `${rs.metadata.name}-`, taken);
      out.push({ type: 'create', obj: podFromTemplate(rs, rs.spec?.template as Record<string, unknown>, podName, `${rs.metadata.name}-`) });
      out.push({ type: 'event', involved: rs, eventType: 'Normal', reason: 'SuccessfulCreate', message: `Created pod: ${podName}` });
    }
  } else if (diff > 0) {
    for (const p of [...active].sort(deletionRank).slice(0, diff)) {
      out.push({ type: 'delete', ref: { kind: 'Pod', namespace: p.metadata.namespace, name: p.metadata.name } });
      out.push({ type: 'event', involved: rs, eventType: 'Normal', reason: 'SuccessfulDelete', message: `Deleted pod: ${p.metadata.name}` });
    }
  }
  out.push(...replicaSetStatus(rs, active, ctx));
  return out;
}

function replicaSetStatus(rs: RS, active: PodObj[], ctx: ReconcileContext): Intent[] {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = ((rs.spec?.template as { metadata?: { labels?: Record<string, string> } })?.metadata?.labels ?? {}) as Record<string, string>;
  const status: Record<string, unknown> = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) => Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((p) => isPodAvailable(p, minReady, ctx.now)).length,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  const cur = (rs.status ?? {}) as Record<string, unknown>;
  const same = Object.entries(status).every(([k, v]) => (cur[k] ?? 0) === v) && cur.replicas !== undefined;
  // Zero counters are omitted (omitempty), except replicas; null removes them in a merge patch.
  const patch = Object.fromEntries(Object.entries(status).map(([k, v]) => [k, v === 0 && k !== 'replicas' ? null : v]));
  const out: Intent[] = same ? [] : [statusPatch('ReplicaSet', rs, patch)];
  // A pod that is ready but not yet available for minReadySeconds: look again when it will be.
  if (minReady > 0 && active.some((p) => isPodReady(p) && !isPodAvailable(p, minReady, ctx.now)))
    out.push({ type: 'requeue', key: keyOf(rs), afterMs: minReady * 1000 });
  return out;
}

export function selectorMatchesPod(selector: LabelSelector | undefined, pod: PodObj): boolean {
  return !!selector && labelSelectorMatches(selector, pod.metadata.labels);
}
