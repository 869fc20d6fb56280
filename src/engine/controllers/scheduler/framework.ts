// One scheduling cycle as a pure function (schedule_one.go schedulePod): PreFilter, then Filter on
// every node in the default profile's plugin order (the first rejecting plugin decides a node's
// status), Score on the feasible nodes, and the FitError text when none fits. `explainScheduling`
// is what the UI's "why is my pod pending" table shows; the scheduler controller uses the same code.
import type { StoreView } from '../../store/strategy';
import { fitErrorMessage, type Code, type NodeStatus } from './messages';
import { interPodAffinityFilter, interPodAffinityPreFilter } from './interpod-affinity';
import { nodeAffinity, nodeName, nodeResourcesFit, nodeUnschedulable, taintToleration } from './node-filters';
import { scoreNodes } from './score';
import { takeSnapshot, type AssumedPods, type NodeObj, type PodObj, type Snapshot } from './snapshot';
import { volumeBindingFilter, volumeBindingPreFilter, type VolumePlan } from './volume-binding';
import { nodeVolumeLimits, volumeRestrictionsFilter, volumeRestrictionsPreFilter, volumeZone } from './volume-filters';
import { nodePorts, topologySpreadFilter, topologySpreadPreFilter } from './topology-spread';

/** schedule_one.go ErrNoNodesAvailable */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export interface NodeVerdict {
  readonly node: string;
  readonly feasible: boolean;
  /** the plugin that rejected the node */
  readonly plugin?: string;
  readonly code?: Code;
  readonly reasons: readonly string[];
  /** weighted score (feasible nodes only) */
  readonly score?: number;
}

export interface SchedulingExplanation {
  readonly pod: string;
  /** a PreFilter failure (the same for every node), e.g. `persistentvolumeclaim "data" not found` */
  readonly preFilterError?: string;
  readonly nodes: readonly NodeVerdict[];
  readonly selectedNode?: string;
  /** PreBind work for the selected node: PV claimRefs to write, claims to provision there */
  readonly volumePlan?: VolumePlan;
  /** the FailedScheduling message when no node fits */
  readonly message?: string;
  /** an internal plugin error (the cycle fails with it, not with a FitError) */
  readonly error?: string;
}

/** Why a pod is (not) schedulable, node by node. Pure: reads the view, writes nothing. */
export function explainScheduling(view: StoreView, pod: PodObj, assumed?: AssumedPods): SchedulingExplanation {
  return runCycle(pod, takeSnapshot(view, assumed));
}

export function runCycle(pod: PodObj, snap: Snapshot): SchedulingExplanation {
  const name = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
  if (snap.nodes.length === 0) return { pod: name, nodes: [], message: NO_NODES_AVAILABLE };
  // PreFilter, in profile order: VolumeRestrictions, VolumeBinding, InterPodAffinity.
  const restrictions = volumeRestrictionsPreFilter(pod, snap);
  const binding = 'error' in restrictions ? restrictions : volumeBindingPreFilter(pod, snap);
  if ('error' in restrictions || 'error' in binding) {
    const err = 'error' in restrictions ? restrictions.error : (binding as { error: string }).error;
    const nodes = snap.nodes.map((n) => ({
      node: n.metadata.name,
      feasible: false,
      plugin: 'error' in restrictions ? 'VolumeRestrictions' : 'VolumeBinding',
      code: 'UnschedulableAndUnresolvable' as const,
      reasons: [err],
    }));
    return { pod: name, preFilterError: err, nodes, message: fitErrorMessage(snap.nodes.length, err, []) };
  }
  const claims = binding as Exclude<typeof binding, { error: string }>;
  const spread = topologySpreadPreFilter(pod, snap);
  const affinity = interPodAffinityPreFilter(pod, snap);
  const verdicts: NodeVerdict[] = [];
  const statuses: NodeStatus[] = [];
  const feasible: NodeObj[] = [];
  const plans = new Map<string, VolumePlan>();
  for (const node of snap.nodes) {
    const podsOnNode = snap.podsByNode.get(node.metadata.name) ?? [];
    let status =
      nodeUnschedulable(pod, node) ??
      nodeName(pod, node) ??
      taintToleration(pod, node) ??
      nodeAffinity(pod, node) ??
      nodePorts(pod, podsOnNode) ??
      nodeResourcesFit(pod, node, podsOnNode) ??
      volumeRestrictionsFilter(restrictions.conflicts) ??
      nodeVolumeLimits(pod, node, snap);
    if (!status) {
      const vb = volumeBindingFilter(claims, node, snap);
      if (!vb.ok && 'error' in vb) return { pod: name, nodes: verdicts, error: `running "VolumeBinding" filter plugin: ${vb.error}` };
      if (!vb.ok) status = vb.status;
      else plans.set(node.metadata.name, vb.plan);
    }
    status = status ?? volumeZone(pod, node, snap) ?? topologySpreadFilter(pod, node, spread) ?? interPodAffinityFilter(pod, node, affinity, snap);
    if (status) {
      statuses.push(status);
      verdicts.push({ node: node.metadata.name, feasible: false, plugin: status.plugin, code: status.code, reasons: status.reasons });
    } else {
      feasible.push(node);
      verdicts.push({ node: node.metadata.name, feasible: true, reasons: [] });
    }
  }
  if (feasible.length === 0) return { pod: name, nodes: verdicts, message: fitErrorMessage(snap.nodes.length, undefined, statuses) };
  const scores = scoreNodes(pod, feasible, snap);
  let best = 0;
  for (let i = 1; i < feasible.length; i++) if (scores[i] > scores[best]) best = i;
  const scored = new Map(feasible.map((n, i) => [n.metadata.name, scores[i]]));
  const selected = feasible[best].metadata.name;
  return {
    pod: name,
    nodes: verdicts.map((v) => (v.feasible ? { ...v, score: scored.get(v.node) } : v)),
    selectedNode: selected,
    volumePlan: plans.get(selected),
  };
}
