// Crashing a container from outside the kubelet (`sim crash`, `kubectl exec … -- kill 1`): the runtime ends
// the main process now; the kubelet then records the termination and restarts it per restartPolicy.
import type { Simulation } from '../../sim/simulation';
import { KUBELET, type KubeletController } from './controller';
import { crashRuntimeContainer } from './containers';
import { podRtByUid, type KubeletState } from './runtime';

/** SIGKILL's exit status (128 + 9), what `kubectl describe` shows as `Exit Code: 137`. */
export const CRASH_EXIT_CODE = 137;

export function kubeletState(sim: Simulation): KubeletState | undefined {
  return (sim.controllers.find((c) => c.name === KUBELET) as KubeletController | undefined)?.state;
}

/**
 * Ends the main process of a running container (the pod's first app container when none is named).
 * Returns an error text when there is nothing running to crash.
 */
export function crashContainer(sim: Simulation, namespace: string, pod: string, container?: string, exitCode = CRASH_EXIT_CODE): string | undefined {
  const state = kubeletState(sim);
  const prt = state && podRtByUid(state, sim.store.get('Pod', namespace, pod)?.metadata.uid);
  if (!prt) return `pod ${namespace}/${pod} is not running on any node`;
  const c = container ? prt.containers.find((x) => x.name === container) : prt.containers.find((x) => !x.init);
  if (!c) return `container ${container} is not valid for pod ${pod}`;
  if (!crashRuntimeContainer(c, sim.now(), exitCode)) return `container ${c.name} is not running`;
  sim.enqueue(KUBELET, `pod/${namespace}/${pod}`);
  sim.drain();
  return undefined;
}

/**
 * A container's log as `kubectl logs` reads it from the kubelet: what the main process printed. Errors are
 * the kubelet's/kubectl's texts for a container that has not started or has no previous instance.
 */
export function containerLogs(sim: Simulation, namespace: string, pod: string, container?: string, previous = false): { log?: string; error?: string } {
  const obj = sim.store.get('Pod', namespace, pod);
  if (!obj) return { error: `Error from server (NotFound): pods "${pod}" not found` };
  const state = kubeletState(sim);
  const prt = state && podRtByUid(state, obj.metadata.uid);
  const name = container ?? ((obj.spec as { containers?: { name: string }[] } | undefined)?.containers?.[0]?.name ?? '');
  const c = prt?.containers.find((x) => x.name === name);
  if (!prt || !c || (c.containerID === undefined && !previous))
    return { error: `Error from server (BadRequest): container "${name}" in pod "${pod}" is waiting to start: ContainerCreating` };
  if (previous) {
    if (c.previousLog === undefined) return { error: `Error from server (BadRequest): previous terminated container "${name}" in pod "${pod}" not found` };
    return { log: c.previousLog };
  }
  return { log: c.log ?? '' };
}
