// kube-scheduler (`default-scheduler`): takes pending pods one at a time in FIFO order, runs one
// scheduling cycle (framework.ts) and either binds the pod (pods/binding + `Scheduled` event) or
// reports `FailedScheduling` and the PodScheduled=False condition. Pods whose volumes must be bound
// first (WaitForFirstConsumer) stay assumed on their node while PreBind waits for the PV controller
// and the provisioner. Unschedulable pods are retried on every relevant cluster change (node, PV,
// PVC, StorageClass, CSINode, assigned pods) and at least every 5 minutes (the unschedulable-pods flush).
import type { KObject, Node, Pod } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import type { WatchEvent } from '../../store/store';
import { rfc3339 } from '../../clock/clock';
import type { Controller, Intent, ReconcileContext } from '../types';
import { runCycle } from './framework';
import { SCHEDULER_NAME } from './messages';
import { BIND_TIMEOUT_MS, checkBindings, preBindWrites } from './prebind';
import { podKey, takeSnapshot, type NodeObj, type PodObj } from './snapshot';
import type { VolumePlan } from './volume-binding';
import { eventMayHelp, type HintEvent } from './queueing-hints';
import { statusPatch } from '../workloads/util';

export const PENDING_INDEX = 'scheduler-pending';
/** podMaxInUnschedulablePodsDuration: unschedulable pods are retried at least this often */
export const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;
/** podInitialBackoffDuration, after an error (not a plain misfit) */
export const ERROR_BACKOFF_MS = 1_000;

function isPending(o: KObject): boolean {
  const pod = o as PodObj;
  return !pod.spec?.nodeName && !pod.metadata.deletionTimestamp && (pod.spec?.schedulerName ?? SCHEDULER_NAME) === SCHEDULER_NAME;
}

/** Pending pods in queue order: oldest first, then by namespace/name. */
export function pendingPods(view: StoreView): PodObj[] {
  // Oldest first, then by key. Keys are computed once per pod (this runs on every relevant watch event);
  // RFC 3339 timestamps of one format order correctly as plain strings.
  const decorated = (view.byIndex<Pod>('Pod', PENDING_INDEX, 'pending') as PodObj[]).map((p) => ({
    p,
    t: p.metadata.creationTimestamp ?? '',
    k: podKey(p),
  }));
  decorated.sort((a, b) => (a.t !== b.t ? (a.t < b.t ? -1 : 1) : a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return decorated.map((d) => d.p);
}

interface Assumed {
  readonly uid: string;
  readonly node: string;
  readonly plan: VolumePlan;
  readonly since: number;
}

function relevantPodChange(ev: WatchEvent): 'self' | 'others' | 'none' {
  const pod = ev.obj as PodObj;
  const old = ev.old as PodObj | undefined;
  if (isPending(pod)) {
    if (ev.type === 'ADDED') return 'self';
    // Our own status writes must not re-trigger the pod; only spec / metadata changes do.
    if (ev.type === 'MODIFIED' && old && (JSON.stringify(old.spec) !== JSON.stringify(pod.spec) || JSON.stringify(old.metadata.labels) !== JSON.stringify(pod.metadata.labels)))
      return 'self';
    return 'none';
  }
  // An assigned pod that appears, goes, is bound, changes labels or terminates can make room or satisfy affinity.
  if (ev.type !== 'MODIFIED') return pod.spec?.nodeName || ev.type === 'DELETED' ? 'others' : 'none';
  if (!old) return 'none';
  if (!old.spec?.nodeName && pod.spec?.nodeName) return 'others';
  if (JSON.stringify(old.metadata.labels) !== JSON.stringify(pod.metadata.labels)) return 'others';
  const terminal = (p: PodObj) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  if (!terminal(old) && terminal(pod)) return 'others';
  return 'none';
}

export function createScheduler(): Controller {
  const assumed = new Map<string, Assumed>();
  /** the plugins that rejected each unschedulable pod in its last cycle (the queue's UnschedulablePlugins) */
  const rejectedBy = new Map<string, Set<string>>();
  const allPending = (view: StoreView) => pendingPods(view).map(podKey);
  const pendingFor = (view: StoreView, event: HintEvent) =>
    pendingPods(view)
      .map(podKey)
      .filter((k) => assumed.has(k) || eventMayHelp(rejectedBy.get(k), event));
  return {
    name: SCHEDULER_NAME,
    watches: ['Pod', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'StorageClass', 'CSINode'],
    indexes: [{ kind: 'Pod', name: PENDING_INDEX, fn: (o) => (isPending(o) ? ['pending'] : []) }],
    keysFor(ev, view) {
      if (ev.kind !== 'Pod') return pendingFor(view, ev.kind);
      const r = relevantPodChange(ev);
      if (r === 'self') return [podKey(ev.obj)];
      if (r === 'others') return pendingFor(view, 'AssignedPod');
      return [];
    },
    resync: { periodMs: UNSCHEDULABLE_RETRY_MS, keys: allPending },
    reconcile(key, ctx) {
      const [ns, name] = key.split('/');
      const pod = ctx.view.get<Pod>('Pod', ns, name) as PodObj | undefined;
      const a = assumed.get(key);
      if (!pod || !isPending(pod) || (a && a.uid !== pod.metadata.uid)) {
        assumed.delete(key);
        if (!pod || !isPending(pod)) {
          rejectedBy.delete(key);
          return [];
        }
      }
      const waiting = assumed.get(key);
      if (waiting) return continuePreBind(key, pod, waiting, ctx);
      return scheduleOne(key, pod, ctx);
    },
  };

  function scheduleOne(key: string, pod: PodObj, ctx: ReconcileContext): Intent[] {
    const others = new Map([...assumed].filter(([k]) => k !== key).map(([k, v]) => [k, v.node]));
    const result = runCycle(pod, takeSnapshot(ctx.view, others));
    rejectedBy.set(key, new Set(result.nodes.filter((n) => !n.feasible && n.plugin).map((n) => n.plugin!)));
    if (!result.selectedNode) {
      if (result.error) return failure(pod, result.error, 'SchedulerError', ctx, [{ type: 'requeue', key, afterMs: ERROR_BACKOFF_MS }]);
      return failure(pod, result.message ?? '', 'Unschedulable', ctx, []);
    }
    const node = result.selectedNode;
    const plan = result.volumePlan ?? { bindings: [], provisions: [] };
    if (plan.bindings.length === 0 && plan.provisions.length === 0) return bind(pod, node, ctx);
    // Reserve + PreBind: make the API writes, then wait (the pod stays assumed on the node).
    assumed.set(key, { uid: pod.metadata.uid ?? '', node, plan, since: ctx.now });
    // The bind timeout is a watchdog: binding normally completes long before it (claim updates wake us).
    return [...preBindWrites(plan, node), { type: 'requeue', key, afterMs: BIND_TIMEOUT_MS, timeout: true }];
  }

  function continuePreBind(key: string, pod: PodObj, a: Assumed, ctx: ReconcileContext): Intent[] {
    const node = ctx.view.get<Node>('Node', undefined, a.node) as NodeObj | undefined;
    const check: ReturnType<typeof checkBindings> = node
      ? checkBindings(ctx.view, a.plan, node)
      : { state: 'failed', error: `node "${a.node}" not found` };
    if (check.state === 'bound') {
      assumed.delete(key);
      return bind(pod, a.node, ctx);
    }
    if (check.state === 'waiting' && ctx.now < a.since + BIND_TIMEOUT_MS) return [];
    assumed.delete(key);
    const err = check.state === 'failed' ? check.error : 'context deadline exceeded';
    const msg = `running PreBind plugin "VolumeBinding": binding volumes: ${err}`;
    return failure(pod, msg, 'SchedulerError', ctx, [{ type: 'requeue', key, afterMs: ERROR_BACKOFF_MS }]);
  }
}

function bind(pod: PodObj, node: string, ctx: ReconcileContext): Intent[] {
  const ns = pod.metadata.namespace ?? 'default';
  // The apiserver's binding REST sets PodScheduled=True; written here too (a no-op if it already did).
  return [
    { type: 'bind', binding: { namespace: ns, name: pod.metadata.name, uid: pod.metadata.uid, nodeName: node } },
    statusPatch('Pod', pod, { conditions: setCondition(pod, 'True', undefined, undefined, ctx.now) }),
    { type: 'event', involved: pod as unknown as KObject, eventType: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${ns}/${pod.metadata.name} to ${node}` },
  ];
}

function failure(pod: PodObj, message: string, reason: string, ctx: ReconcileContext, extra: Intent[]): Intent[] {
  const out: Intent[] = [{ type: 'event', involved: pod as unknown as KObject, eventType: 'Warning', reason: 'FailedScheduling', message }];
  const conditions = setCondition(pod, 'False', reason, message, ctx.now);
  if (JSON.stringify(conditions) !== JSON.stringify(pod.status?.conditions ?? []))
    out.push(statusPatch('Pod', pod, { phase: pod.status?.phase ?? 'Pending', conditions }));
  return [...out, ...extra];
}

/** podutil.UpdatePodCondition for PodScheduled: lastTransitionTime moves only when the status flips. */
function setCondition(pod: PodObj, status: 'True' | 'False', reason: string | undefined, message: string | undefined, now: number) {
  const conditions = [...(pod.status?.conditions ?? [])];
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  const prev = i >= 0 ? conditions[i] : undefined;
  const next = {
    type: 'PodScheduled',
    status,
    lastProbeTime: null,
    lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : rfc3339(now),
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
  if (i >= 0) conditions[i] = next as unknown as (typeof conditions)[number];
  else conditions.push(next as unknown as (typeof conditions)[number]);
  return conditions;
}
