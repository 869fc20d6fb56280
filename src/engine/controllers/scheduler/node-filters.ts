// Node-level Filter plugins of the default profile, in the profile's order: NodeUnschedulable,
// NodeName, TaintToleration, NodeAffinity, NodeResourcesFit. Each returns undefined when the node
// passes, or the status (code + reasons) upstream's plugin returns.
import { matchNodeSelectorTerms, type NodeSelector } from '../volume/node-affinity';
import { REASON, insufficientReason, untoleratedTaintReason, type NodeStatus } from './messages';
import type { NodeObj, PodObj } from './snapshot';
import { podRequests, resourceAmount } from './snapshot';
import { findUntoleratedScheduleTaint, tolerationsTolerateTaint, type Taint, type Toleration } from './tolerations';

const unresolvable = (plugin: string, ...reasons: string[]): NodeStatus => ({ code: 'UnschedulableAndUnresolvable', plugin, reasons });

/** NodeUnschedulable: spec.unschedulable, unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule. */
export function nodeUnschedulable(pod: PodObj, node: NodeObj): NodeStatus | undefined {
  if (!node.spec?.unschedulable) return undefined;
  const tolerated = tolerationsTolerateTaint(pod.spec?.tolerations as Toleration[] | undefined, {
    key: 'node.kubernetes.io/unschedulable',
    effect: 'NoSchedule',
  });
  return tolerated ? undefined : unresolvable('NodeUnschedulable', REASON.nodeUnschedulable);
}

export function nodeName(pod: PodObj, node: NodeObj): NodeStatus | undefined {
  const want = pod.spec?.nodeName;
  return want && want !== node.metadata.name ? unresolvable('NodeName', REASON.nodeName) : undefined;
}

export function taintToleration(pod: PodObj, node: NodeObj): NodeStatus | undefined {
  const taint = findUntoleratedScheduleTaint(node.spec?.taints as Taint[] | undefined, pod.spec?.tolerations as Toleration[] | undefined);
  return taint ? unresolvable('TaintToleration', untoleratedTaintReason(taint.key, taint.value)) : undefined;
}

/** nodeSelector (all labels equal) AND spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution. */
export function podMatchesNodeSelectorAndAffinity(pod: PodObj, node: NodeObj): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution as NodeSelector | undefined;
  if (required && !matchNodeSelectorTerms(node, required)) return false;
  return true;
}

export function nodeAffinity(pod: PodObj, node: NodeObj): NodeStatus | undefined {
  return podMatchesNodeSelectorAndAffinity(pod, node) ? undefined : unresolvable('NodeAffinity', REASON.nodeAffinity);
}

/**
 * NodeResourcesFit: pod count against allocatable pods, then every requested resource against
 * allocatable minus what the node's pods already request. All shortfalls are reported together.
 */
export function nodeResourcesFit(pod: PodObj, node: NodeObj, podsOnNode: readonly PodObj[]): NodeStatus | undefined {
  const alloc = node.status?.allocatable ?? {};
  const reasons: string[] = [];
  const maxPods = alloc.pods !== undefined ? resourceAmount('pods', alloc.pods) : Infinity;
  if (podsOnNode.length + 1 > maxPods) reasons.push(REASON.tooManyPods);
  const want = podRequests(pod);
  const used: Record<string, number> = {};
  for (const p of podsOnNode) for (const [k, v] of Object.entries(podRequests(p))) used[k] = (used[k] ?? 0) + v;
  // Upstream checks cpu, memory, ephemeral-storage, then scalar resources in map order; we use that fixed order then names.
  const order = ['cpu', 'memory', 'ephemeral-storage'];
  const names = Object.keys(want).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || (a < b ? -1 : a > b ? 1 : 0);
  });
  for (const r of names) {
    if (want[r] === 0) continue;
    const cap = alloc[r] !== undefined ? resourceAmount(r, alloc[r]) : 0;
    if (want[r] > cap - (used[r] ?? 0)) reasons.push(insufficientReason(r));
  }
  return reasons.length ? { code: 'Unschedulable', plugin: 'NodeResourcesFit', reasons } : undefined;
}
