// The scheduler's user-visible texts, verbatim from kube-scheduler 1.30–1.32: each filter plugin's
// reason (pkg/scheduler/framework/plugins/*), the FitError aggregate (framework/types.go) and the
// default preemption PostFilter message (framework/preemption, plugins/defaultpreemption).

export const SCHEDULER_NAME = 'default-scheduler';

export const REASON = {
  /** nodeunschedulable.ErrReasonUnschedulable */
  nodeUnschedulable: 'node(s) were unschedulable',
  /** nodename.ErrReason */
  nodeName: "node(s) didn't match the requested node name",
  /** nodeaffinity.ErrReasonPod */
  nodeAffinity: "node(s) didn't match Pod's node affinity/selector",
  /** interpodaffinity */
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
  affinity: "node(s) didn't match pod affinity rules",
  antiAffinity: "node(s) didn't match pod anti-affinity rules",
  /** volumebinding */
  volumeNodeConflict: 'node(s) had volume node affinity conflict',
  volumeBindConflict: "node(s) didn't find available persistent volumes to bind",
  volumeNotEnoughSpace: 'node(s) did not have enough free storage',
  volumePVNotExist: 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)',
  /** volumerestrictions */
  readWriteOncePodConflict: 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode',
  diskConflict: 'node(s) had no available disk',
  /** volumezone.ErrReasonConflict */
  volumeZoneConflict: 'node(s) had no available volume zone',
  /** nodevolumelimits.ErrReasonMaxVolumeCountExceeded */
  maxVolumeCount: 'node(s) exceed max volume count',
  /** noderesources: "Too many pods", "Insufficient <resource>" */
  tooManyPods: 'Too many pods',
} as const;

/** tainttoleration: `node(s) had untolerated taint {key: value}` */
export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export function insufficientReason(resource: string): string {
  return `Insufficient ${resource}`;
}

/** framework.Code: Unschedulable may be fixed by preemption; UnschedulableAndUnresolvable never. */
export type Code = 'Unschedulable' | 'UnschedulableAndUnresolvable';

export interface NodeStatus {
  readonly code: Code;
  /** the failing plugin (the first filter that rejected the node) */
  readonly plugin: string;
  readonly reasons: readonly string[];
}

/** The `<count> <reason>` histogram, sorted as strings (sortReasonsHistogram). */
export function reasonHistogram(statuses: Iterable<NodeStatus>): string[] {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  // Go's sort.Strings compares bytes; all our texts are ASCII, so code-unit order is the same.
  return [...counts].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * DefaultPreemption's PostFilter for pods that all share priority 0 (no PriorityClasses in the
 * playground): nodes rejected as UnschedulableAndUnresolvable (or all of them, after a PreFilter
 * failure) get "Preemption is not helpful for scheduling"; the others are dry-run and, with no
 * lower-priority pod to evict, get "No preemption victims found for incoming pod".
 */
export function preemptionMessage(numNodes: number, statuses: readonly NodeStatus[] | undefined): string {
  const reasons = new Map<string, number>();
  const add = (r: string, n = 1) => reasons.set(r, (reasons.get(r) ?? 0) + n);
  if (!statuses) add('Preemption is not helpful for scheduling', numNodes);
  else
    for (const s of statuses)
      add(s.code === 'Unschedulable' ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling');
  const hist = [...reasons].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `preemption: 0/${numNodes} nodes are available: ${hist.join(', ')}.`;
}

/**
 * FitError.Error() (1.31+ layout): `0/N nodes are available: <PreFilter message>.` or
 * `0/N nodes are available: <sorted histogram>.`, then ` <PostFilter message>`.
 */
export function fitErrorMessage(numNodes: number, preFilterMsg: string | undefined, statuses: readonly NodeStatus[]): string {
  let msg = `0/${numNodes} nodes are available:`;
  if (preFilterMsg) msg += ` ${preFilterMsg}.`;
  else {
    const hist = reasonHistogram(statuses);
    if (hist.length) msg += ` ${hist.join(', ')}.`;
  }
  return `${msg} ${preemptionMessage(numNodes, preFilterMsg ? undefined : statuses)}`;
}
