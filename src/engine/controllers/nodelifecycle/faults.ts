// Which nodes' kubelets have stopped (a powered-off or partitioned node). This is the world outside the
// API server — like the storage backends — so it is keyed by the simulation's Backends object: no
// global state, one record per simulated cluster. The node-lifecycle controller only *infers* failure
// from missing status updates (after the grace period); the kubelet controller must stop acting for a
// node whose kubelet is stopped (`isKubeletStopped(ctx.backends, node)`).
import type { Backends } from '../../storage/backends';

const stopped = new WeakMap<Backends, Map<string, number>>();

/** The virtual time the node's kubelet stopped posting status, if it has. */
export function kubeletStoppedSince(backends: Backends, node: string): number | undefined {
  return stopped.get(backends)?.get(node);
}

export function isKubeletStopped(backends: Backends, node: string): boolean {
  return kubeletStoppedSince(backends, node) !== undefined;
}

export function stopKubelet(backends: Backends, node: string, now: number): void {
  let m = stopped.get(backends);
  if (!m) stopped.set(backends, (m = new Map()));
  if (!m.has(node)) m.set(node, now);
}

export function startKubelet(backends: Backends, node: string): void {
  stopped.get(backends)?.delete(node);
}

export function stoppedNodes(backends: Backends): string[] {
  return [...(stopped.get(backends)?.keys() ?? [])].sort();
}
