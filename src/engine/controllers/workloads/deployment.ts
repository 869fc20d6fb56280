// Deployment controller (pkg/controller/deployment: sync.go, rolling.go, recreate.go, progress.go):
// owns ReplicaSets named `<deployment>-<pod-template-hash>`; a template change creates a new one and
// moves replicas over (RollingUpdate: maxSurge up, maxUnavailable down; Recreate: old to zero, wait
// until their pods are gone, then new up), with `ScalingReplicaSet` events and status/conditions.
import type { KObject } from '../../model/types';
import { parseTime, rfc3339 } from '../../clock/clock';
import type { Controller, Intent, ReconcileContext } from '../types';
import { controllerRef, keyOf, metadataPatch, nsName, statusPatch, type PodObj } from './util';
import {
  byCreation,
  equalIgnoreHash,
  isRollingUpdate,
  maxUnavailable,
  newReplicaSetFor,
  newRSNewReplicas,
  replicasOf,
  revisionOf,
  specReplicas,
  statusField,
  DESIRED_REPLICAS_ANN,
  MAX_REPLICAS_ANN,
  REVISION_ANN,
  maxSurge,
  type DeployObj,
  type RSObj,
} from './deployment-util';
import { CONTROLLER_UID_INDEX, ownedPods } from './replicaset';

export const DEPLOYMENT_CONTROLLER = 'deployment-controller';
const REVISION_HISTORY_ANN = 'deployment.kubernetes.io/revision-history';
const PROGRESS_CHECK_MS = 10_000;

function rolloutInProgress(d: DeployObj): boolean {
  const p = (d.status?.conditions ?? []).find((c) => c.type === 'Progressing');
  return !!p && p.status === 'True' && p.reason !== 'NewReplicaSetAvailable';
}
const RS_INDEX = 'workloads-rs-controller-uid';

export function newDeploymentController(): Controller {
  return {
    name: DEPLOYMENT_CONTROLLER,
    watches: ['Deployment', 'ReplicaSet', 'Pod'],
    indexes: [CONTROLLER_UID_INDEX, { kind: 'ReplicaSet', name: RS_INDEX, fn: (o) => (controllerRef(o) ? [controllerRef(o)!.uid] : []) }],
    keysFor(ev, view) {
      const ns = ev.obj.metadata.namespace ?? 'default';
      if (ev.kind === 'Deployment') return [keyOf(ev.obj)];
      if (ev.kind === 'ReplicaSet') {
        const r = controllerRef(ev.obj);
        return r?.kind === 'Deployment' ? [`${ns}/${r.name}`] : [];
      }
      // Pods matter only when one goes away (Recreate waits for the old pods to be gone).
      if (ev.type !== 'DELETED') return [];
      const r = controllerRef(ev.obj);
      if (r?.kind !== 'ReplicaSet') return [];
      const rs = view.get('ReplicaSet', ns, r.name);
      const d = rs ? controllerRef(rs) : undefined;
      return d?.kind === 'Deployment' ? [`${ns}/${d.name}`] : [];
    },
    // Stuck rollouts are noticed on a periodic check (upstream requeues at the exact deadline; a periodic
    // check does not keep the simulation from settling).
    resync: { periodMs: PROGRESS_CHECK_MS, keys: (view) => view.list('Deployment').filter((d) => rolloutInProgress(d as DeployObj)).map(keyOf) },
    reconcile(key, ctx) {
      const [ns, name] = nsName(key);
      const d = ctx.view.get('Deployment', ns, name) as DeployObj | undefined;
      if (!d || d.metadata.deletionTimestamp) return [];
      return syncDeployment(d, ctx);
    },
  };
}

// ScalingReplicaSet text as of 1.31+ (kubernetes#125118 reordered it to "from <old> to <new>"; 1.30 printed
// "to <new> from <old>"). The simulated cluster reports v1.32.
function scale(d: DeployObj, rs: RSObj, to: number, out: Intent[]): void {
  const from = replicasOf(rs);
  const ann = rs.metadata.annotations ?? {};
  const desired = String(replicasOf(d));
  const max = String(replicasOf(d) + maxSurge(d));
  if (from === to && ann[DESIRED_REPLICAS_ANN] === desired && ann[MAX_REPLICAS_ANN] === max) return;
  const copy = structuredClone(rs) as RSObj;
  copy.spec = { ...(copy.spec as object), replicas: to } as RSObj['spec'];
  copy.metadata.annotations = { ...ann, [DESIRED_REPLICAS_ANN]: desired, [MAX_REPLICAS_ANN]: max };
  out.push({ type: 'update', obj: copy });
  if (from !== to)
    out.push({
      type: 'event',
      involved: d,
      eventType: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`,
    });
  rs.spec = { ...(rs.spec as object), replicas: to } as RSObj['spec']; // local view for the rest of this pass
}

function syncDeployment(d: DeployObj, ctx: ReconcileContext): Intent[] {
  const out: Intent[] = [];
  const all = ([...ctx.view.byIndex('ReplicaSet', RS_INDEX, d.metadata.uid ?? '')] as RSObj[]).map((rs) => structuredClone(rs) as RSObj).sort(byCreation);
  let newRS = all.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const old = all.filter((rs) => rs !== newRS);
  let created: RSObj | undefined;
  const createNew = (replicas: number) => {
    const rev = Math.max(0, ...old.map(revisionOf)) + 1;
    const rs = newReplicaSetFor(d, replicas, rev);
    const clash = ctx.view.get('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
    if (clash) {
      // A hash collision with a ReplicaSet we do not own: bump collisionCount and try again.
      out.push(statusPatch('Deployment', d, { collisionCount: (d.status?.collisionCount ?? 0) + 1 }));
      return undefined;
    }
    out.push({ type: 'create', obj: rs });
    if (replicas > 0)
      out.push({ type: 'event', involved: d, eventType: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs.metadata.name} from 0 to ${replicas}` });
    if (d.metadata.annotations?.[REVISION_ANN] !== String(rev)) out.push(metadataPatch('Deployment', d, { annotations: { [REVISION_ANN]: String(rev) } }));
    created = rs;
    return rs;
  };
  if (newRS) syncRevision(d, newRS, old, out);
  if (d.spec?.paused) return [...out, ...deploymentStatus(d, all, newRS, undefined, ctx)];
  if (isRollingUpdate(d)) {
    if (!newRS) newRS = createNew(newRSNewReplicas(d, all, undefined));
    if (!newRS) return out;
    const allNow = created ? [...old, newRS] : all;
    // reconcileNewReplicaSet
    const target = replicasOf(newRS) > replicasOf(d) ? replicasOf(d) : newRSNewReplicas(d, allNow, newRS);
    if (!created && target !== replicasOf(newRS)) scale(d, newRS, target, out);
    else if (!created) reconcileOld(d, old, newRS, allNow, out);
    if (!created && out.length === 0) cleanup(d, old, out);
  } else {
    // Recreate: old ReplicaSets to zero, wait for their pods to be gone, then the new one up.
    for (const rs of old) if (replicasOf(rs) > 0) scale(d, rs, 0, out);
    const oldPodsRunning = old.some((rs) => ownedPods(ctx, rs).some((p: PodObj) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded'));
    if (out.length === 0 && !oldPodsRunning) {
      if (!newRS) newRS = createNew(replicasOf(d));
      else if (replicasOf(newRS) !== replicasOf(d)) scale(d, newRS, replicasOf(d), out);
      if (!created && out.length === 0) cleanup(d, old, out);
    }
  }
  return [...out, ...deploymentStatus(d, created ? [...old, created] : all, newRS, created, ctx)];
}

/**
 * getNewReplicaSet for an existing new ReplicaSet (e.g. after `kubectl rollout undo`): it takes revision
 * max(old)+1, remembering its former revisions in deployment.kubernetes.io/revision-history.
 */
function syncRevision(d: DeployObj, newRS: RSObj, old: RSObj[], out: Intent[]): void {
  const want = Math.max(0, ...old.map(revisionOf)) + 1;
  const have = revisionOf(newRS);
  if (have < want) {
    const copy = structuredClone(newRS) as RSObj;
    const ann = { ...(copy.metadata.annotations ?? {}) };
    if (have > 0) ann[REVISION_HISTORY_ANN] = ann[REVISION_HISTORY_ANN] ? `${ann[REVISION_HISTORY_ANN]},${have}` : String(have);
    ann[REVISION_ANN] = String(want);
    copy.metadata.annotations = ann;
    out.push({ type: 'update', obj: copy });
    newRS.metadata.annotations = ann;
  }
  const rev = String(Math.max(want, have));
  if (d.metadata.annotations?.[REVISION_ANN] !== rev) out.push(metadataPatch('Deployment', d, { annotations: { [REVISION_ANN]: rev } }));
}

/** reconcileOldReplicaSets: first unhealthy old replicas, then healthy ones while minAvailable holds. */
function reconcileOld(d: DeployObj, old: RSObj[], newRS: RSObj, all: RSObj[], out: Intent[]): void {
  if (specReplicas(old) === 0) return;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - ((newRS.status?.availableReplicas as number | undefined) ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  let cleaned = 0;
  for (const rs of old) {
    if (cleaned >= maxScaledDown) break;
    const avail = (rs.status?.availableReplicas as number | undefined) ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === avail) continue;
    const n = Math.min(maxScaledDown - cleaned, replicasOf(rs) - avail);
    scale(d, rs, replicasOf(rs) - n, out);
    cleaned += n;
  }
  const available = statusField(all, 'availableReplicas');
  if (available <= minAvailable) return;
  const total = available - minAvailable;
  let done = 0;
  for (const rs of old) {
    if (done >= total) break;
    if (replicasOf(rs) === 0) continue;
    const n = Math.min(replicasOf(rs), total - done);
    scale(d, rs, replicasOf(rs) - n, out);
    done += n;
  }
}

/** cleanupDeployment: keep at most revisionHistoryLimit (default 10) old ReplicaSets with no pods. */
function cleanup(d: DeployObj, old: RSObj[], out: Intent[]): void {
  const limit = d.spec?.revisionHistoryLimit ?? 10;
  const idle = old.filter((rs) => replicasOf(rs) === 0 && ((rs.status?.replicas as number | undefined) ?? 0) === 0 && !rs.metadata.deletionTimestamp);
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit)))
    out.push({ type: 'delete', ref: { kind: 'ReplicaSet', namespace: rs.metadata.namespace, name: rs.metadata.name } });
}

type Cond = { type: string; status: string; reason: string; message: string; lastUpdateTime?: string; lastTransitionTime?: string };

function deploymentStatus(d: DeployObj, all: RSObj[], newRS: RSObj | undefined, created: RSObj | undefined, ctx: ReconcileContext): Intent[] {
  const replicas = statusField(all, 'replicas');
  const available = statusField(all, 'availableReplicas');
  const updated = newRS && !created ? ((newRS.status?.replicas as number | undefined) ?? 0) : 0;
  const status: Record<string, unknown> = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas,
    updatedReplicas: updated,
    readyReplicas: statusField(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
  };
  const now = rfc3339(ctx.now);
  let conditions = [...((d.status?.conditions ?? []) as Cond[])];
  const set = (c: Cond) => {
    const prev = conditions.find((x) => x.type === c.type);
    if (prev && prev.status === c.status && prev.reason === c.reason) return;
    const next = { ...c, lastUpdateTime: now, lastTransitionTime: prev && prev.status === c.status ? prev.lastTransitionTime : now };
    conditions = [...conditions.filter((x) => x.type !== c.type), next];
  };
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  if (available >= minAvailable) set({ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
  else set({ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
  const name = (created ?? newRS)?.metadata.name;
  if (name) {
    // syncRolloutStatus: complete → NewReplicaSetAvailable; any progress → ReplicaSetUpdated with a fresh
    // lastUpdateTime; no progress for progressDeadlineSeconds (600) → False/ProgressDeadlineExceeded.
    const complete = updated === replicasOf(d) && replicas === replicasOf(d) && available === replicasOf(d);
    const prev = (d.status ?? {}) as Record<string, number | undefined>;
    const oldReplicas = (st: Record<string, number | undefined>) => (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
    const progressed =
      updated > (prev.updatedReplicas ?? 0) ||
      (status.readyReplicas as number) > (prev.readyReplicas ?? 0) ||
      available > (prev.availableReplicas ?? 0) ||
      oldReplicas(status as Record<string, number>) < oldReplicas(prev);
    const cur = conditions.find((c) => c.type === 'Progressing');
    const deadline = d.spec?.progressDeadlineSeconds ?? 600;
    if (created) set({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetCreated', message: `Created new replica set "${name}"` });
    else if (complete) set({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${name}" has successfully progressed.` });
    else if (progressed || !cur) {
      const next = { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.`, lastUpdateTime: now, lastTransitionTime: cur?.status === 'True' ? cur.lastTransitionTime : now };
      conditions = [...conditions.filter((c) => c.type !== 'Progressing'), next];
    } else if (cur.reason !== 'ProgressDeadlineExceeded') {
      const since = parseTime(cur.lastUpdateTime) ?? ctx.now;
      if (ctx.now >= since + deadline * 1000)
        set({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${name}" has timed out progressing.` });
    }
  }
  status.conditions = conditions;
  const cur = (d.status ?? {}) as Record<string, unknown>;
  const changed = Object.entries(status).some(([k, v]) => JSON.stringify(cur[k] ?? (k === 'conditions' ? [] : 0)) !== JSON.stringify(v));
  if (!changed) return [];
  const patch = Object.fromEntries(Object.entries(status).map(([k, v]) => [k, v === 0 && k !== 'replicas' && k !== 'observedGeneration' ? null : v]));
  return [statusPatch('Deployment', d as KObject, patch)];
}
