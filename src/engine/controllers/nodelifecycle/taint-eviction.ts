// Taint-based eviction (pkg/controller/tainteviction, `taint-eviction-controller` since 1.29): a pod on
// a node with NoExecute taints is deleted at once if it does not tolerate one of them, otherwise after
// the smallest matching tolerationSeconds (the DefaultTolerationSeconds admission plugin gives every
// pod 300 s for not-ready/unreachable); tolerated forever without tolerationSeconds. Eviction =
// DisruptionTarget condition + `TaintManagerEviction` "Marking for deletion Pod ns/name" + a normal
// (graceful) delete — which a dead node's kubelet never completes, so the pod stays Terminating.
import type { KObject, Node, Pod } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import type { Controller, Intent } from '../types';
import { statusPatch, type PodObj } from '../workloads/util';
import { minTolerationSeconds, type Taint, type Toleration } from '../scheduler/tolerations';

export const TAINT_EVICTION_CONTROLLER = 'taint-eviction-controller';

export function newTaintEvictionController(): Controller {
  /** pods with a pending eviction: key → when it was scheduled (the base of tolerationSeconds) */
  const scheduled = new Map<string, number>();
  return {
    name: TAINT_EVICTION_CONTROLLER,
    watches: ['Node', 'Pod'],
    keysFor(ev, view) {
      if (ev.kind === 'Pod') {
        const p = ev.obj as PodObj;
        return p.spec?.nodeName ? [`${p.metadata.namespace}/${p.metadata.name}`] : [];
      }
      if (ev.type === 'DELETED') return [];
      const noExec = (o?: KObject) => JSON.stringify(((o as Node | undefined)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute'));
      if (ev.type === 'MODIFIED' && noExec(ev.obj) === noExec(ev.old)) return [];
      return ([...view.list<Pod>('Pod')] as PodObj[])
        .filter((p) => p.spec?.nodeName === ev.obj.metadata.name)
        .map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
        .sort();
    },
    reconcile(key, ctx) {
      const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      const pod = ctx.view.get<Pod>('Pod', ns, name) as PodObj | undefined;
      const cancel = (): Intent[] => {
        if (!scheduled.delete(key) || !pod) return [];
        return [{ type: 'event', involved: pod as unknown as KObject, eventType: 'Normal', reason: 'TaintManagerEviction', message: `Cancelling deletion of Pod ${key}` }];
      };
      if (!pod || !pod.spec?.nodeName || pod.metadata.deletionTimestamp) {
        scheduled.delete(key);
        return [];
      }
      const node = ctx.view.get<Node>('Node', undefined, pod.spec.nodeName);
      const taints = ((node?.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'NoExecute');
      if (taints.length === 0) return cancel();
      const seconds = minTolerationSeconds(taints, pod.spec.tolerations as Toleration[] | undefined);
      if (seconds === undefined) return cancel();
      const since = scheduled.get(key) ?? ctx.now;
      const at = since + seconds * 1000;
      if (ctx.now < at) {
        const first = !scheduled.has(key);
        scheduled.set(key, since);
        return first ? [{ type: 'requeue', key, afterMs: at - ctx.now }] : [];
      }
      scheduled.delete(key);
      const conditions = [
        ...((pod.status?.conditions ?? []) as unknown[]).filter((c) => (c as { type: string }).type !== 'DisruptionTarget'),
        { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint', lastTransitionTime: rfc3339(ctx.now), lastProbeTime: null },
      ];
      return [
        { type: 'event', involved: pod as unknown as KObject, eventType: 'Normal', reason: 'TaintManagerEviction', message: `Marking for deletion Pod ${key}` },
        statusPatch('Pod', pod, { conditions }),
        { type: 'delete', ref: { kind: 'Pod', namespace: ns, name }, options: { preconditions: { uid: pod.metadata.uid } } },
      ];
    },
  };
}
