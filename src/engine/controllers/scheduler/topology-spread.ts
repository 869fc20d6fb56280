// PodTopologySpread Filter (pkg/scheduler/framework/plugins/podtopologyspread/filtering.go) for the pod's
// own `topologySpreadConstraints` with whenUnsatisfiable: DoNotSchedule. Per constraint, matching pods
// (same namespace, selector, not terminating) are counted per topology domain over the nodes that pass
// the pod's node affinity/selector (nodeAffinityPolicy Honor) and carry the key; a node is rejected when
// placing the pod there would make (its domain's count + 1 − the smallest count) exceed maxSkew.
// Also registered for NodePorts (host port conflicts), the other small filter of the default profile.
import { labelSelectorMatches, type LabelSelector } from '../volume/label-selector';
import type { NodeStatus } from './messages';
import { podMatchesNodeSelectorAndAffinity } from './node-filters';
import type { NodeObj, PodObj, Snapshot } from './snapshot';

export const ERR_TOPOLOGY_SPREAD = "node(s) didn't match pod topology spread constraints";
export const ERR_TOPOLOGY_SPREAD_LABEL = "node(s) didn't match pod topology spread constraints (missing required label)";
export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

interface Constraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelector | undefined;
  readonly minDomains: number;
}

export interface SpreadState {
  readonly constraints: readonly Constraint[];
  /** per constraint: topology value → matching pods */
  readonly counts: readonly ReadonlyMap<string, number>[];
}

export function topologySpreadPreFilter(pod: PodObj, snap: Snapshot): SpreadState {
  const raw = (pod.spec?.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === 'DoNotSchedule');
  const constraints: Constraint[] = raw.map((c) => {
    // matchLabelKeys: the pod's own values for those keys are ANDed into the selector.
    const extra = Object.fromEntries((c.matchLabelKeys ?? []).filter((k) => pod.metadata.labels?.[k] !== undefined).map((k) => [k, pod.metadata.labels![k]]));
    const sel = c.labelSelector ? ({ ...c.labelSelector, matchLabels: { ...(c.labelSelector.matchLabels ?? {}), ...extra } } as LabelSelector) : undefined;
    return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, selector: sel, minDomains: c.minDomains ?? 1 };
  });
  const ns = pod.metadata.namespace;
  const counts = constraints.map((c) => {
    const m = new Map<string, number>();
    for (const node of snap.nodes) {
      const v = node.metadata.labels?.[c.topologyKey];
      if (v === undefined || !podMatchesNodeSelectorAndAffinity(pod, node)) continue;
      if (!m.has(v)) m.set(v, 0);
      for (const p of snap.podsByNode.get(node.metadata.name) ?? []) {
        if (p.metadata.deletionTimestamp || p.metadata.namespace !== ns || p.metadata.uid === pod.metadata.uid) continue;
        if (c.selector && labelSelectorMatches(c.selector, p.metadata.labels)) m.set(v, m.get(v)! + 1);
      }
    }
    return m;
  });
  return { constraints, counts };
}

export function topologySpreadFilter(pod: PodObj, node: NodeObj, s: SpreadState): NodeStatus | undefined {
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const v = node.metadata.labels?.[c.topologyKey];
    if (v === undefined) return { code: 'UnschedulableAndUnresolvable', plugin: 'PodTopologySpread', reasons: [ERR_TOPOLOGY_SPREAD_LABEL] };
    const counts = s.counts[i];
    let min = counts.size ? Math.min(...counts.values()) : 0;
    if (counts.size < c.minDomains) min = 0;
    const self = c.selector && labelSelectorMatches(c.selector, pod.metadata.labels) ? 1 : 0;
    if ((counts.get(v) ?? 0) + self - min > c.maxSkew) return { code: 'Unschedulable', plugin: 'PodTopologySpread', reasons: [ERR_TOPOLOGY_SPREAD] };
  }
  return undefined;
}

/** NodePorts: a hostPort (with protocol and hostIP; 0.0.0.0 clashes with any IP) already used on the node. */
export function nodePorts(pod: PodObj, podsOnNode: readonly PodObj[]): NodeStatus | undefined {
  const ports = (p: PodObj) =>
    [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].flatMap((c) =>
      (c.ports ?? []).filter((x) => x.hostPort).map((x) => ({ port: x.hostPort!, proto: x.protocol ?? 'TCP', ip: x.hostIP || '0.0.0.0' })),
    );
  const want = ports(pod);
  if (want.length === 0) return undefined;
  const used = podsOnNode.flatMap(ports);
  const clash = want.some((w) => used.some((u) => u.port === w.port && u.proto === w.proto && (u.ip === w.ip || u.ip === '0.0.0.0' || w.ip === '0.0.0.0')));
  return clash ? { code: 'Unschedulable', plugin: 'NodePorts', reasons: [ERR_NODE_PORTS] } : undefined;
}
