// Fault-injection commands for the CLI (`sim fail-node`, `sim recover-node`, `sim out-of-service`) and
// the UI. They change only the world outside the API server (a kubelet stops/starts) or do what a user
// would do with kubectl (the out-of-service taint); controllers react as in a real cluster.
import type { KObject, Node } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { startKubelet, stopKubelet } from './faults';
import { NODE_CONTROLLER } from './node-lifecycle';
import { OUT_OF_SERVICE_TAINT } from '../gc/podgc';

function requireNode(sim: Simulation, node: string): KObject {
  const n = sim.store.get('Node', undefined, node);
  if (!n) throw new Error(`Error from server (NotFound): nodes "${node}" not found`);
  return n;
}

/**
 * The node's kubelet stops posting status (power loss, network partition). Nothing visible happens for
 * 50 s (--node-monitor-grace-period, 1.32); then the node goes NotReady/Unknown and is tainted unreachable, its pods turn Ready=False, and
 * 300 s later (default toleration) they are marked for deletion — but stay Terminating, since no kubelet
 * confirms. Run `sim.settle()` or `sim.advance(ms)` to watch it unfold.
 */
export function failNode(sim: Simulation, node: string): void {
  requireNode(sim, node);
  stopKubelet(sim.backends, node, sim.now());
  sim.enqueue(NODE_CONTROLLER, node);
  sim.drain();
}

/** The kubelet posts status again: Ready, taints removed (the kubelet then finishes its pods' deletions). */
export function recoverNode(sim: Simulation, node: string): void {
  requireNode(sim, node);
  startKubelet(sim.backends, node);
  sim.enqueue(NODE_CONTROLLER, node);
  sim.drain();
}

/**
 * `kubectl taint nodes <node> node.kubernetes.io/out-of-service=nodeshutdown:NoExecute` (on = true) or
 * its removal (`…:NoExecute-`): non-graceful node shutdown — pods without a matching toleration are
 * evicted and, the node being not ready, force-deleted by the pod GC; volumes may then be detached.
 */
export function setOutOfService(sim: Simulation, node: string, on = true): void {
  const n = structuredClone(requireNode(sim, node)) as KObject & Node;
  const taints = [...(n.spec?.taints ?? [])].filter((t) => !(t.key === OUT_OF_SERVICE_TAINT && t.effect === 'NoExecute'));
  if (on) taints.push({ key: OUT_OF_SERVICE_TAINT, value: 'nodeshutdown', effect: 'NoExecute' });
  const spec = { ...(n.spec ?? {}), taints } as Record<string, unknown>;
  if (taints.length === 0) delete spec.taints;
  sim.store.update({ ...n, spec } as KObject);
  sim.drain();
}
