// Score plugins of the default profile, simplified but in upstream's spirit and weights:
// NodeResourcesFit LeastAllocated (1), NodeResourcesBalancedAllocation (1), TaintToleration (3,
// PreferNoSchedule), NodeAffinity (2, preferred terms), PodTopologySpread (2, the system default
// constraints: spread pods of one controller over hostnames and zones). Each plugin yields 0–100
// per node, then weights are summed. Ties go to the node that sorts first by name (upstream picks
// a random one among the best; a fixed rule keeps replays and lessons explainable).
// Not modelled: InterPodAffinity preferred terms, ImageLocality, explicit topologySpreadConstraints.
import { matchNodeSelectorTerms, type NodeSelectorTerm } from '../volume/node-affinity';
import type { NodeObj, PodObj, Snapshot } from './snapshot';
import { podRequests, resourceAmount } from './snapshot';
import { tolerationsTolerateTaint, type Taint, type Toleration } from './tolerations';

const MAX = 100;
/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what a pod without requests counts as when scoring */
const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

function nonZero(pod: PodObj): { cpu: number; memory: number } {
  const r = podRequests(pod);
  return { cpu: r.cpu || DEFAULT_MILLI_CPU, memory: r.memory || DEFAULT_MEMORY };
}

function fractions(pod: PodObj, node: NodeObj, snap: Snapshot): { cpu: number; memory: number } {
  const alloc = node.status?.allocatable ?? {};
  const capCpu = resourceAmount('cpu', alloc.cpu);
  const capMem = resourceAmount('memory', alloc.memory);
  let cpu = nonZero(pod).cpu;
  let memory = nonZero(pod).memory;
  for (const p of snap.podsByNode.get(node.metadata.name) ?? []) {
    const r = nonZero(p);
    cpu += r.cpu;
    memory += r.memory;
  }
  return { cpu: capCpu > 0 ? Math.min(1, cpu / capCpu) : 1, memory: capMem > 0 ? Math.min(1, memory / capMem) : 1 };
}

function normalize(raw: number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? MAX : 0));
  return raw.map((v) => Math.floor(reverse ? MAX - (v * MAX) / max : (v * MAX) / max));
}

function controllerUid(pod: PodObj): string | undefined {
  return (pod.metadata.ownerReferences ?? []).find((r) => r.controller)?.uid;
}

/** Total weighted score per feasible node, in the order given. */
export function scoreNodes(pod: PodObj, nodes: readonly NodeObj[], snap: Snapshot): number[] {
  if (nodes.length === 0) return [];
  const least = nodes.map((n) => {
    const f = fractions(pod, n, snap);
    return Math.floor(((1 - f.cpu) * MAX + (1 - f.memory) * MAX) / 2);
  });
  const balanced = nodes.map((n) => {
    const f = fractions(pod, n, snap);
    return Math.floor((1 - Math.abs(f.cpu - f.memory) / 2) * MAX);
  });
  const tolerations = pod.spec?.tolerations as Toleration[] | undefined;
  const taints = normalize(
    nodes.map((n) => ((n.spec?.taints ?? []) as Taint[]).filter((t) => t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)).length),
    true,
  );
  const preferred = (pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as {
    weight: number;
    preference: NodeSelectorTerm;
  }[];
  const affinity = normalize(
    nodes.map((n) => preferred.reduce((s, p) => s + (matchNodeSelectorTerms(n, { nodeSelectorTerms: [p.preference] }) ? p.weight : 0), 0)),
    false,
  );
  const spread = spreadScores(pod, nodes, snap);
  return nodes.map((_, i) => least[i] + balanced[i] + 3 * taints[i] + 2 * affinity[i] + 2 * spread[i]);
}

/** Default PodTopologySpread: fewer pods of the same controller in the node's hostname / zone domain score higher. */
function spreadScores(pod: PodObj, nodes: readonly NodeObj[], snap: Snapshot): number[] {
  const owner = controllerUid(pod);
  if (!owner) return nodes.map(() => 0);
  const ns = pod.metadata.namespace;
  const keys = ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'];
  const counts = new Map<string, number>();
  const domains = new Map<string, Set<string>>(keys.map((k) => [k, new Set<string>()]));
  for (const n of snap.nodes) {
    const labels = n.metadata.labels ?? {};
    for (const k of keys) if (labels[k] !== undefined) domains.get(k)!.add(labels[k]);
    for (const p of snap.podsByNode.get(n.metadata.name) ?? []) {
      if (p.metadata.namespace !== ns || controllerUid(p) !== owner || p.metadata.uid === pod.metadata.uid) continue;
      for (const k of keys) if (labels[k] !== undefined) counts.set(`${k}=${labels[k]}`, (counts.get(`${k}=${labels[k]}`) ?? 0) + 1);
    }
  }
  const raw = nodes.map((n) => {
    const labels = n.metadata.labels ?? {};
    let s = 0;
    for (const k of keys) {
      if (labels[k] === undefined || domains.get(k)!.size < 2) continue;
      s += (counts.get(`${k}=${labels[k]}`) ?? 0) * Math.log(domains.get(k)!.size + 2);
    }
    return s;
  });
  return normalize(raw, true);
}
