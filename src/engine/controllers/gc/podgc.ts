// Pod garbage collector (pkg/controller/podgc/gc_controller.go), every 20 s (gcCheckPeriod) and when a
// node goes away or its taints change: force-deletes pods bound to nodes that no longer exist
// (marked Failed with DisruptionTarget/DeletionByPodGC first), terminating pods that were never
// scheduled, and terminating pods on a not-ready node tainted node.kubernetes.io/out-of-service
// (non-graceful node shutdown) — the only way a dead node's pods finish deleting without its kubelet.
import type { KObject, Node, Pod } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import type { Controller, Intent } from '../types';
import { statusPatch, type PodObj } from '../workloads/util';

export const POD_GC = 'pod-garbage-collector';
export const GC_CHECK_PERIOD_MS = 20_000;
export const OUT_OF_SERVICE_TAINT = 'node.kubernetes.io/out-of-service';
const ALL = 'all';

function nodeReady(node: KObject): boolean {
  return ((node as Node).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function forceDelete(pod: PodObj): Intent {
  return { type: 'delete', ref: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name }, options: { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } } };
}

/** markFailedAndDeletePodWithCondition */
function failAndDelete(pod: PodObj, now: number, condition?: { reason: string; message: string }): Intent[] {
  const out: Intent[] = [];
  const phase = pod.status?.phase;
  if (phase !== 'Failed' && phase !== 'Succeeded') {
    const conditions = [...(pod.status?.conditions ?? [])].filter((c) => !condition || c.type !== 'DisruptionTarget') as unknown[];
    if (condition) conditions.push({ type: 'DisruptionTarget', status: 'True', reason: condition.reason, message: condition.message, lastTransitionTime: rfc3339(now), lastProbeTime: null });
    out.push(statusPatch('Pod', pod, { phase: 'Failed', conditions }));
  }
  out.push(forceDelete(pod));
  return out;
}

export function newPodGCController(): Controller {
  return {
    name: POD_GC,
    watches: ['Node'],
    keysFor(ev) {
      if (ev.type === 'DELETED') return [ALL];
      const taints = (o?: KObject) => JSON.stringify((o as Node | undefined)?.spec?.taints ?? []);
      return ev.type === 'MODIFIED' && taints(ev.obj) !== taints(ev.old) ? [ALL] : [];
    },
    resync: { periodMs: GC_CHECK_PERIOD_MS, keys: () => [ALL] },
    reconcile(_key, ctx) {
      const out: Intent[] = [];
      const pods = [...ctx.view.list<Pod>('Pod')].sort((a, b) =>
        `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1,
      ) as PodObj[];
      for (const pod of pods) {
        const nodeName = pod.spec?.nodeName;
        if (!nodeName) {
          if (pod.metadata.deletionTimestamp) out.push(forceDelete(pod)); // gcUnscheduledTerminating
          continue;
        }
        const node = ctx.view.get('Node', undefined, nodeName);
        if (!node) {
          out.push(...failAndDelete(pod, ctx.now, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }));
          continue;
        }
        const outOfService = ((node as Node).spec?.taints ?? []).some((t) => t.key === OUT_OF_SERVICE_TAINT && t.effect === 'NoExecute');
        if (pod.metadata.deletionTimestamp && outOfService && !nodeReady(node)) out.push(...failAndDelete(pod, ctx.now)); // gcTerminating
      }
      return out;
    },
  };
}
