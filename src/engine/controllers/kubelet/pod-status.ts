// generateAPIPodStatus: the pod status the kubelet's status manager writes — phase (getPhase), the five
// conditions in the order the kubelet emits them, container statuses sorted by name, host and pod IPs.
import { rfc3339 } from '../../clock/clock';
import type { PodObj } from '../attachdetach/volumes';
import { fullImageName } from './images';
import type { ContainerRt, PodRt, TerminatedInfo } from './runtime';

export function podPhase(pod: PodObj, prt: PodRt): string {
  const inits = prt.containers.filter((c) => c.init);
  if (inits.some((c) => !(c.step === 'terminated' && c.terminated?.exitCode === 0))) {
    const failedForGood = inits.some((c) => c.step === 'terminated' && c.terminated!.exitCode !== 0 && (pod.spec?.restartPolicy ?? 'Always') === 'Never');
    return failedForGood ? 'Failed' : 'Pending';
  }
  let waiting = 0;
  let running = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of prt.containers.filter((x) => !x.init)) {
    if (c.step === 'running') running++;
    else if (c.step === 'terminated') {
      stopped++;
      if (c.terminated!.exitCode === 0) succeeded++;
    } else if (c.lastTerminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  if (policy === 'Never') return 'Failed';
  return 'Running';
}

function terminatedState(t: TerminatedInfo) {
  return { terminated: { containerID: t.containerID, exitCode: t.exitCode, finishedAt: rfc3339(t.finishedAt), reason: t.reason, startedAt: rfc3339(t.startedAt) } };
}

type VolumeMountSpec = { name: string; mountPath: string; readOnly?: boolean };

/** RecursiveReadOnlyMounts (beta, on in 1.31+): the kubelet reports each mount; read-only ones say recursiveReadOnly. */
function mountStatuses(mounts: readonly VolumeMountSpec[]) {
  return mounts.map((m) => ({ mountPath: m.mountPath, name: m.name, ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}) }));
}

function containerStatus(c: ContainerRt, waitingReason: string, mounts: readonly VolumeMountSpec[]) {
  let state: Record<string, unknown>;
  if (c.step === 'running') state = { running: { startedAt: rfc3339(c.startedAt ?? 0) } };
  else if (c.step === 'terminated' && c.terminated) state = terminatedState(c.terminated);
  else if (c.waitingReason) state = { waiting: { message: c.waitingMessage, reason: c.waitingReason } };
  else state = { waiting: { reason: c.lastTerminated ? 'ContainerCreating' : waitingReason } };
  const ran = c.containerID !== undefined;
  const s: Record<string, unknown> = {
    ...(ran ? { containerID: c.containerID } : {}),
    image: ran ? fullImageName(c.image) : c.image,
    imageID: ran ? (c.imageID ?? '') : '',
    lastState: c.lastTerminated ? terminatedState(c.lastTerminated) : {},
    name: c.name,
    ready: c.step === 'running',
    restartCount: c.restartCount,
    started: c.step === 'running',
    state,
    ...(mounts.length ? { volumeMounts: mountStatuses(mounts) } : {}),
  };
  return s;
}

// SortedContainerStatuses: by name, bytewise like Go's string comparison.
const byName = (a: Record<string, unknown>, b: Record<string, unknown>) => (String(a.name) < String(b.name) ? -1 : String(a.name) > String(b.name) ? 1 : 0);

export function buildPodStatus(pod: PodObj, prt: PodRt, hostIP: string, now: number): Record<string, unknown> {
  const phase = podPhase(pod, prt);
  const sandbox = prt.podIP !== undefined;
  const specs = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const mountsOf = (name: string) => (specs.find((x) => x.name === name)?.volumeMounts ?? []) as readonly VolumeMountSpec[];
  const inits = prt.containers.filter((c) => c.init);
  const apps = prt.containers.filter((c) => !c.init);
  const initPending = inits.filter((c) => !(c.step === 'terminated' && c.terminated?.exitCode === 0)).map((c) => c.name);
  const unready = apps.filter((c) => c.step !== 'running').map((c) => c.name);
  const completed = phase === 'Succeeded' || phase === 'Failed';
  const cond = (type: string, ok: boolean, reason?: string, message?: string) => {
    const status = ok ? 'True' : 'False';
    const prev = prt.conditionTimes.get(type);
    const time = prev && prev.status === status ? prev.time : now;
    prt.conditionTimes.set(type, { status, time });
    return { lastProbeTime: null, lastTransitionTime: rfc3339(time), ...(message ? { message } : {}), ...(reason ? { reason } : {}), status, type };
  };
  const notReady = completed ? ['PodCompleted', undefined] : ['ContainersNotReady', `containers with unready status: [${unready.join(' ')}]`];
  const conditions = [
    cond('PodReadyToStartContainers', sandbox && !completed),
    cond('Initialized', initPending.length === 0, initPending.length ? 'ContainersNotInitialized' : undefined, initPending.length ? `containers with incomplete status: [${initPending.join(' ')}]` : undefined),
    cond('Ready', unready.length === 0 && !completed, ...(unready.length || completed ? notReady : [])),
    cond('ContainersReady', unready.length === 0 && !completed, ...(unready.length || completed ? notReady : [])),
    cond('PodScheduled', true),
  ];
  const status: Record<string, unknown> = {
    conditions,
    containerStatuses: apps.map((c) => containerStatus(c, initPending.length ? 'PodInitializing' : 'ContainerCreating', mountsOf(c.name))).sort(byName),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    ...(inits.length ? { initContainerStatuses: inits.map((c) => containerStatus(c, 'PodInitializing', mountsOf(c.name))) } : {}),
    phase,
    ...(sandbox ? { podIP: prt.podIP, podIPs: [{ ip: prt.podIP }] } : {}),
    ...(pod.status?.qosClass ? { qosClass: pod.status.qosClass } : {}),
    startTime: rfc3339(prt.startTime),
  };
  return status;
}
