// What one scheduling cycle sees (the scheduler cache snapshot): nodes in name order and the pods
// assigned to each — including pods the scheduler has assumed onto a node while it waits in PreBind
// for their volumes to bind, so a second pod never sees that node as empty.
import type { Node, Obj, Pod } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import { tryParseQuantity } from '../../model/quantity';

export type PodObj = Obj<Pod>;
export type NodeObj = Obj<Node>;

export interface Snapshot {
  readonly view: StoreView;
  readonly nodes: readonly NodeObj[];
  /** pods on each node (spec.nodeName or assumed), terminal pods excluded */
  readonly podsByNode: ReadonlyMap<string, readonly PodObj[]>;
}

/** Pods the scheduler has assumed onto a node but not yet bound: pod key → node name. */
export type AssumedPods = ReadonlyMap<string, string>;

export function podKey(pod: { metadata: { namespace?: string; name: string } }): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

export function isTerminal(pod: PodObj): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export function takeSnapshot(view: StoreView, assumed: AssumedPods = new Map()): Snapshot {
  const nodes = [...view.list<Node>('Node')].sort((a, b) => cmp(a.metadata.name, b.metadata.name)) as NodeObj[];
  const podsByNode = new Map<string, PodObj[]>();
  for (const n of nodes) podsByNode.set(n.metadata.name, []);
  const pods = [...view.list<Pod>('Pod')].sort((a, b) => cmp(podKey(a), podKey(b))) as PodObj[];
  for (const pod of pods) {
    if (isTerminal(pod)) continue;
    const node = pod.spec?.nodeName || assumed.get(podKey(pod));
    if (!node) continue;
    podsByNode.get(node)?.push(pod);
  }
  return { view, nodes, podsByNode };
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Resource requests of a pod (cpu in millicores, memory in bytes): max(sum of containers, any init container) + overhead. */
export function podRequests(pod: PodObj): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of pod.spec?.containers ?? []) addAll(sum, c.resources?.requests);
  const init: Record<string, number> = {};
  for (const c of pod.spec?.initContainers ?? []) {
    const r: Record<string, number> = {};
    addAll(r, c.resources?.requests);
    for (const [k, v] of Object.entries(r)) init[k] = Math.max(init[k] ?? 0, v);
  }
  for (const [k, v] of Object.entries(init)) sum[k] = Math.max(sum[k] ?? 0, v);
  addAll(sum, pod.spec?.overhead);
  return sum;
}

function addAll(into: Record<string, number>, res: Readonly<Record<string, unknown>> | undefined | null): void {
  for (const [k, v] of Object.entries(res ?? {})) into[k] = (into[k] ?? 0) + resourceAmount(k, v);
}

/** cpu → millicores; everything else → units (bytes for memory). */
export function resourceAmount(resource: string, v: unknown): number {
  const q = tryParseQuantity(v);
  if (!q) return 0;
  if (resource === 'cpu') return Number((q.nanos + 999_999n) / 1_000_000n);
  return Number((q.nanos + 999_999_999n) / 1_000_000_000n);
}
