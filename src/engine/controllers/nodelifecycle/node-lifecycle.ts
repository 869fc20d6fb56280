// Node lifecycle controller (pkg/controller/nodelifecycle/node_lifecycle_controller.go): when a node's
// kubelet has not posted status for --node-monitor-grace-period (50 s in 1.32) its conditions become Unknown
// (`NodeStatusUnknown`, "Kubelet stopped posting node status."), it gets the
// node.kubernetes.io/unreachable NoSchedule and NoExecute taints, and its pods are marked Ready=False.
// When the kubelet posts again the node is Ready and the taints go. Evictions are the taint-eviction
// controller's job (taint-eviction.ts).
import type { KObject, Node, Pod } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import type { Controller, Intent, ReconcileContext } from '../types';
import { statusPatch, type PodObj } from '../workloads/util';
import { kubeletStoppedSince } from './faults';

export const NODE_CONTROLLER = 'node-controller';
/** --node-monitor-grace-period default: 50 s since 1.32 (kubernetes#126287; 40 s before) */
export const NODE_MONITOR_GRACE_PERIOD_MS = 50_000;
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';

type NodeObj = KObject & Node;
type Cond = { type: string; status: string; reason?: string; message?: string; lastHeartbeatTime?: string; lastTransitionTime?: string };

/** What a healthy kubelet reports for each condition type (kubelet nodestatus setters). */
const HEALTHY: Record<string, { status: string; reason: string; message: string }> = {
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
};

export function newNodeLifecycleController(): Controller {
  return {
    name: NODE_CONTROLLER,
    watches: ['Node'],
    keysFor: (ev) => (ev.type === 'DELETED' ? [] : [ev.obj.metadata.name]),
    reconcile(name, ctx) {
      const node = ctx.view.get('Node', undefined, name) as NodeObj | undefined;
      if (!node) return [];
      const since = kubeletStoppedSince(ctx.backends, name);
      if (since === undefined) return recovered(node, ctx);
      const due = since + NODE_MONITOR_GRACE_PERIOD_MS;
      if (ctx.now < due) return [{ type: 'requeue', key: name, afterMs: due - ctx.now }];
      return unreachable(node, ctx);
    },
  };
}

function readyOf(node: NodeObj): Cond | undefined {
  return ((node.status?.conditions ?? []) as Cond[]).find((c) => c.type === 'Ready');
}

function unreachable(node: NodeObj, ctx: ReconcileContext): Intent[] {
  const out: Intent[] = [];
  const now = rfc3339(ctx.now);
  const name = node.metadata.name;
  if (readyOf(node)?.status !== 'Unknown') {
    const conditions = ((node.status?.conditions ?? []) as Cond[]).map((c) =>
      HEALTHY[c.type] && c.status !== 'Unknown'
        ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now }
        : c,
    );
    out.push(statusPatch('Node', node, { conditions }));
    out.push({ type: 'event', involved: node, eventType: 'Normal', reason: 'NodeNotReady', message: `Node ${name} status is now: NodeNotReady` });
    // MarkPodsNotReady: every pod on the node loses its Ready condition.
    const pods = ([...ctx.view.list<Pod>('Pod')] as PodObj[]).filter((p) => p.spec?.nodeName === name).sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
    for (const pod of pods) {
      const conds = pod.status?.conditions ?? [];
      const ready = conds.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const next = conds.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
      out.push(statusPatch('Pod', pod, { conditions: next }));
      out.push({ type: 'event', involved: pod as unknown as KObject, eventType: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' });
    }
  }
  const taints = [...(node.spec?.taints ?? [])];
  const has = (effect: string) => taints.some((t) => t.key === TAINT_UNREACHABLE && t.effect === effect);
  if (!has('NoSchedule') || !has('NoExecute')) {
    const next = taints.filter((t) => t.key !== TAINT_NOT_READY);
    if (!has('NoSchedule')) next.push({ key: TAINT_UNREACHABLE, effect: 'NoSchedule' });
    if (!has('NoExecute')) next.push({ key: TAINT_UNREACHABLE, effect: 'NoExecute', timeAdded: now });
    const copy = structuredClone(node) as NodeObj;
    copy.spec = { ...(copy.spec ?? {}), taints: next };
    out.push({ type: 'update', obj: copy });
  }
  return out;
}

function recovered(node: NodeObj, ctx: ReconcileContext): Intent[] {
  const out: Intent[] = [];
  const now = rfc3339(ctx.now);
  const name = node.metadata.name;
  if (readyOf(node)?.status === 'Unknown') {
    // The kubelet posts its status again.
    const conditions = ((node.status?.conditions ?? []) as Cond[]).map((c) =>
      HEALTHY[c.type] ? { ...c, ...HEALTHY[c.type], lastHeartbeatTime: now, lastTransitionTime: now } : c,
    );
    out.push(statusPatch('Node', node, { conditions }));
    out.push({ type: 'event', involved: node, eventType: 'Normal', reason: 'NodeReady', message: `Node ${name} status is now: NodeReady`, source: { component: 'kubelet', host: name } });
  }
  // TaintNodesByCondition / NoExecute tainting: Ready=False (reported by a live kubelet) → not-ready
  // taints; Ready=True → none of the not-ready/unreachable taints.
  const taints = node.spec?.taints ?? [];
  const notReady = readyOf(node)?.status === 'False';
  let next = taints.filter((t) => t.key !== TAINT_UNREACHABLE && (notReady || t.key !== TAINT_NOT_READY));
  if (notReady) {
    if (!next.some((t) => t.key === TAINT_NOT_READY && t.effect === 'NoSchedule')) next = [...next, { key: TAINT_NOT_READY, effect: 'NoSchedule' }];
    if (!next.some((t) => t.key === TAINT_NOT_READY && t.effect === 'NoExecute')) next = [...next, { key: TAINT_NOT_READY, effect: 'NoExecute', timeAdded: now }];
  }
  if (JSON.stringify(next) !== JSON.stringify(taints)) {
    const copy = structuredClone(node) as NodeObj;
    copy.spec = { ...(copy.spec ?? {}), taints: next };
    if (next.length === 0) delete (copy.spec as Record<string, unknown>).taints;
    out.push({ type: 'update', obj: copy });
  }
  return out;
}
