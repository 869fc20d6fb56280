// `kubectl exec` and `sim node NODE -- CMD`: run a command in a container's (or a node's) mount namespace.
// The preconditions and their texts are the API server's and the kubelet's:
//  - pod without a node: `Error from server (BadRequest): pod <pod> does not have a host assigned`
//  - unknown container: `Error from server (BadRequest): container <c> is not valid for pod <pod>`
//  - completed pod (kubectl's own check): `error: cannot exec into a container in a completed pod; current phase is Succeeded`
//  - container not running (creating, crash-looping): `error: unable to upgrade connection: container not found ("<c>")`
//  - the node's kubelet is down: `Error from server: error dialing backend: dial tcp <node IP>:10250: i/o timeout`
// A successful exec returns the command's own stdout, stderr and exit code; kubectl adds
// `command terminated with exit code N` for a non-zero code.
import type { ExecHandler, ExecResult, KubectlResult } from '../kubectl/types';
import type { Simulation } from '../sim/simulation';
import type { PodObj } from '../controllers/attachdetach/volumes';
import { KUBELET } from '../controllers/kubelet/controller';
import { containerEnv, containerSpecs, crashRuntimeContainer } from '../controllers/kubelet/containers';
import { CRASH_EXIT_CODE, kubeletState } from '../controllers/kubelet/crash';
import { isKubeletStopped } from '../controllers/nodelifecycle/faults';
import { newKubeletState, podRtByUid } from '../controllers/kubelet/runtime';
import { parseQuantity, quantityValue } from '../model/quantity';
import { runArgv } from './interpreter';
import { containerMounts, nodeMounts, podHostname } from './namespace';

const fail = (stderr: string): ExecResult => ({ stdout: '', stderr: `${stderr}\n`, code: 1, notStarted: true });

export function createExecHandler(sim: Simulation): ExecHandler {
  return (req) => {
    const pod = sim.store.get<PodObj>('Pod', req.namespace, req.pod);
    if (!pod) return fail(`Error from server (NotFound): pods "${req.pod}" not found`);
    const specs = containerSpecs(pod);
    const name = req.container ?? pod.spec?.containers?.[0]?.name ?? '';
    const spec = specs.find((s) => s.spec.name === name)?.spec;
    if (!pod.spec?.nodeName) return fail(`Error from server (BadRequest): pod ${req.pod} does not have a host assigned`);
    if (!spec) return fail(`Error from server (BadRequest): container ${name} is not valid for pod ${req.pod}`);
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return fail(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
    // The API server proxies exec to the node's kubelet (port 10250); a dead node does not answer.
    if (isKubeletStopped(sim.backends, pod.spec.nodeName)) {
      const addrs = (sim.store.get('Node', undefined, pod.spec.nodeName)?.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
      const ip = addrs.find((a) => a.type === 'InternalIP')?.address ?? pod.status?.hostIP ?? pod.spec.nodeName;
      return fail(`Error from server: error dialing backend: dial tcp ${ip}:10250: i/o timeout`);
    }
    const state = kubeletState(sim);
    const prt = state && podRtByUid(state, pod.metadata.uid);
    const c = prt?.containers.find((x) => x.name === name);
    if (!prt || !c || c.step !== 'running') return fail(`error: unable to upgrade connection: container not found ("${name}")`);
    const env = containerEnv(pod, spec, sim.store);
    const rootSize = sim.backends.get(`node:${prt.node}`)?.sizeBytes ?? 100 * 2 ** 30;
    let killed = false;
    const r = runArgv(req.argv, {
      fs: containerMounts(sim.backends, pod, prt, c, env, sim.now(), rootSize),
      hostname: podHostname(pod),
      env,
      now: sim.now(),
      killInit: () => {
        killed = crashRuntimeContainer(c, sim.now(), CRASH_EXIT_CODE) || killed;
      },
    }, req.stdin ?? '');
    if (killed) {
      sim.enqueue(KUBELET, `pod/${req.namespace}/${req.pod}`);
      sim.drain();
    }
    return { stdout: r.stdout, stderr: r.stderr, code: r.code };
  };
}

/** Root on a node: the node's file system with the kubelet's global (staged) and per-pod mounts. */
export function nodeShell(sim: Simulation, node: string, argv: readonly string[]): KubectlResult {
  if (!sim.store.get('Node', undefined, node)) return fail(`Error from server (NotFound): nodes "${node}" not found`);
  const state = kubeletState(sim);
  const memory = (sim.store.get('Node', undefined, node)?.status as { capacity?: Record<string, string> } | undefined)?.capacity?.memory;
  const fs = nodeMounts(sim.backends, state ?? newKubeletState(), node, sim.now(), memory ? halfOf(memory) : undefined);
  if (!fs) return fail(`error: node ${node} has no root file system`);
  const r = runArgv(argv.length ? argv : ['sh'], { fs, hostname: node, env: {}, now: sim.now() });
  return { stdout: r.stdout, stderr: r.stderr, code: r.code };
}

/** devtmpfs's default size: half the node's memory. */
function halfOf(memory: string): number | undefined {
  try {
    return Math.floor(quantityValue(parseQuantity(memory)) / 2);
  } catch {
    return undefined;
  }
}
