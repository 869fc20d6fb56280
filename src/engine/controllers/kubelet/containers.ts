// The container runtime side of syncPod (pkg/kubelet/kuberuntime): pull each image (Pulling/Pulled), create
// and start the container (Created/Started), run its main process in the container's mount namespace, and on
// exit restart it per restartPolicy with the crash-loop back-off (10s doubling to 5 min, reset after 10 min of
// quiet; the first restart is immediate) — events with upstream reasons and texts.
import type { Intent, ReconcileContext } from '../types';
import type { PodObj } from '../attachdetach/volumes';
import { runArgv } from '../../shell/interpreter';
import { containerMounts, imageRootFs, pinSubPathFiles, podHostname } from '../../shell/namespace';
import { defaultCommandExitsAtOnce, defaultPullPolicy, goDuration, imageID, imageSizeBytes } from './images';
import { kubeletSource } from './volume-manager';
import { nodeRt, type ContainerRt, type KubeletState, type PodRt } from './runtime';

export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** a pod whose container could not be configured is synced again after this long */
export const POD_SYNC_RETRY_MS = 10_000;
import { containerConfigError, resolveEnv, type ContainerSpec } from './container-config';
import type { StoreView } from '../../store/strategy';

export function containerSpecs(pod: PodObj): { spec: ContainerSpec; init: boolean }[] {
  return [...(pod.spec?.initContainers ?? []).map((spec) => ({ spec, init: true })), ...(pod.spec?.containers ?? []).map((spec) => ({ spec, init: false }))];
}

export function newContainers(pod: PodObj, now: number): ContainerRt[] {
  return containerSpecs(pod).map(({ spec, init }) => ({
    name: spec.name,
    image: spec.image ?? '',
    init,
    step: 'pending',
    restartCount: 0,
    rootfs: imageRootFs(podHostname(pod), now),
  }));
}

/** `name_namespace(uid)`, kubelet's format.Pod. */
export function formatPod(pod: PodObj): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid ?? ''})`;
}

/** The container's environment (configMap/secret references resolved when a store view is given). */
export function containerEnv(pod: PodObj, spec: ContainerSpec | undefined, view?: StoreView): Record<string, string> {
  return resolveEnv(view, pod, spec).env;
}

function restarts(pod: PodObj, c: ContainerRt, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (c.init) return exitCode !== 0 && policy !== 'Never';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

export interface ContainerSync {
  readonly intents: Intent[];
  readonly wake?: number;
}

export function syncContainers(ctx: ReconcileContext, state: KubeletState, pod: PodObj, prt: PodRt): ContainerSync {
  const intents: Intent[] = [];
  let wake: number | undefined;
  const at = (t: number | undefined) => {
    if (t !== undefined) wake = wake === undefined ? t : Math.min(wake, t);
  };
  // Container events name the container in involvedObject.fieldPath, as the kubelet's ref does.
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string, c: ContainerRt) =>
    intents.push({ type: 'event', involved: pod, eventType: type, reason, message, fieldPath: containerFieldPath(c), source: kubeletSource(prt.node) });
  const specs = containerSpecs(pod);
  const nrt = nodeRt(state, prt.node);

  // Init containers run one at a time, each to a successful exit, before the app containers start.
  const inits = prt.containers.filter((c) => c.init);
  const pendingInit = inits.find((c) => !(c.step === 'terminated' && c.terminated?.exitCode === 0));
  const active = pendingInit ? [pendingInit] : prt.containers.filter((c) => !c.init);
  for (const c of active) {
    const spec = specs.find((s) => s.spec.name === c.name)?.spec;
    advance(c, spec);
    // On the first pass the runtime starts containers one after another (image pulls are serial).
    if (c.step === 'pending' || c.step === 'pulling') break;
  }
  return { intents, wake };

  function advance(c: ContainerRt, spec: ContainerSpec | undefined): void {
    for (let guard = 0; guard < 6; guard++) {
      switch (c.step) {
        case 'pending': {
          const policy = spec?.imagePullPolicy ?? defaultPullPolicy(c.image);
          const present = nrt.images.has(c.image);
          if (present && policy !== 'Always') {
            ev('Normal', 'Pulled', `Container image "${c.image}" already present on machine`, c);
            if (configError(c, spec)) return at(c.due);
            start(c, spec);
            continue;
          }
          ev('Normal', 'Pulling', `Pulling image "${c.image}"`, c);
          c.pullStartedAt = ctx.now;
          c.due = ctx.now + (present ? ctx.rng.int(200, 800) : ctx.rng.int(1500, 6000));
          c.step = 'pulling';
          continue;
        }
        case 'pulling': {
          if (ctx.now < (c.due ?? 0)) return at(c.due);
          const took = goDuration(ctx.now - (c.pullStartedAt ?? ctx.now));
          ev('Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${took} (${took} including waiting). Image size: ${imageSizeBytes(c.image)} bytes.`, c);
          nrt.images.add(c.image);
          if (configError(c, spec)) return at(c.due);
          start(c, spec);
          continue;
        }
        case 'running': {
          if (c.exitAt === undefined) return;
          if (ctx.now < c.exitAt) return at(c.exitAt);
          terminate(c, c.exitCode ?? 0);
          continue;
        }
        case 'terminated': {
          const t = c.terminated!;
          if (!restarts(pod, c, t.exitCode)) return;
          const expired = c.backoffUpdatedAt !== undefined && ctx.now - c.backoffUpdatedAt > 2 * BACKOFF_MAX_MS;
          // Backoff.IsInBackOffSince(finishedAt): still within the current back-off window?
          if (c.backoffMs !== undefined && !expired && ctx.now - t.finishedAt < c.backoffMs) {
            c.step = 'backoff';
            c.due = t.finishedAt + c.backoffMs;
            c.waitingReason = 'CrashLoopBackOff';
            c.waitingMessage = `back-off ${goDuration(c.backoffMs)} restarting failed container=${c.name} pod=${formatPod(pod)}`;
            ev('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`, c);
            c.lastBackoffEvent = ctx.now;
            return at(Math.min(c.due, ctx.now + POD_SYNC_RETRY_MS));
          }
          nextBackoff(c, expired);
          continue;
        }
        case 'backoff': {
          if (ctx.now < (c.due ?? 0)) {
            // The pod worker retries the sync every 10 s; each retry inside the window reports BackOff again
            // (describe then shows `BackOff … (xN over …)`).
            if (c.lastBackoffEvent !== undefined && ctx.now >= c.lastBackoffEvent + POD_SYNC_RETRY_MS) {
              c.lastBackoffEvent = ctx.now;
              ev('Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${formatPod(pod)}`, c);
            }
            const next = Math.min(c.due ?? 0, (c.lastBackoffEvent ?? ctx.now) + POD_SYNC_RETRY_MS);
            return at(next);
          }
          c.lastBackoffEvent = undefined;
          nextBackoff(c, false);
          continue;
        }
        case 'config-error': {
          if (ctx.now < (c.due ?? 0)) return at(c.due);
          c.step = 'pending'; // the next pod sync tries again (and says the image is present again)
          continue;
        }
      }
    }
  }

  /** CreateContainerConfigError: stays Waiting, `Failed` event, retried on the next pod sync. */
  function configError(c: ContainerRt, spec: ContainerSpec | undefined): boolean {
    const err = containerConfigError(ctx.view, pod, spec);
    if (!err) return false;
    c.step = 'config-error';
    c.waitingReason = 'CreateContainerConfigError';
    c.waitingMessage = err;
    c.due = ctx.now + POD_SYNC_RETRY_MS;
    ev('Warning', 'Failed', `Error: ${err}`, c);
    return true;
  }

  function nextBackoff(c: ContainerRt, reset: boolean): void {
    c.backoffMs = c.backoffMs === undefined || reset ? BACKOFF_INITIAL_MS : Math.min(BACKOFF_MAX_MS, c.backoffMs * 2);
    c.backoffUpdatedAt = ctx.now;
    c.lastTerminated = c.terminated;
    c.terminated = undefined;
    c.restartCount += 1;
    c.step = 'pending';
  }

  function start(c: ContainerRt, spec: ContainerSpec | undefined): void {
    c.containerID = `containerd://${ctx.rng.hex(64)}`;
    c.imageID = imageID(c.image);
    c.rootfs = imageRootFs(podHostname(pod), ctx.now); // a new container gets a fresh writable layer
    c.pinned = pinSubPathFiles(ctx.backends, pod, prt, c, containerEnv(pod, spec, ctx.view));
    ev('Normal', 'Created', `Created container ${c.name}`, c);
    ev('Normal', 'Started', `Started container ${c.name}`, c);
    c.step = 'running';
    c.startedAt = ctx.now;
    c.waitingReason = undefined;
    c.waitingMessage = undefined;
    c.previousLog = c.restartCount > 0 ? c.log : undefined;
    c.log = '';
    const r = runMainProcess(ctx, pod, prt, c, spec);
    c.exitAt = r.forever ? undefined : ctx.now + Math.max(r.sleptMs, 1);
    c.exitCode = r.code;
  }

  function terminate(c: ContainerRt, code: number): void {
    c.terminated = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: c.startedAt ?? ctx.now, finishedAt: ctx.now, containerID: c.containerID ?? '' };
    c.step = 'terminated';
    c.exitAt = undefined;
  }
}

/** The container's command run by the shell; images without a command run until stopped unless their default is a shell. */
function runMainProcess(ctx: ReconcileContext, pod: PodObj, prt: PodRt, c: ContainerRt, spec: ContainerSpec | undefined): { code: number; sleptMs: number; forever: boolean } {
  const argv = [...(spec?.command ?? []), ...(spec?.args ?? [])];
  if (!spec?.command?.length) {
    if (!defaultCommandExitsAtOnce(c.image)) return { code: 0, sleptMs: 0, forever: true };
    if (!argv.length) return { code: 0, sleptMs: 0, forever: false };
  }
  const env = containerEnv(pod, spec, ctx.view);
  const rootSize = ctx.backends.get(`node:${prt.node}`)?.sizeBytes ?? 100 * 2 ** 30;
  const fs = containerMounts(ctx.backends, pod, prt, c, env, ctx.now, rootSize);
  const r = runArgv(argv, { fs, hostname: podHostname(pod), env, now: ctx.now });
  // What the process printed is the container's log (`kubectl logs`); a failed exec prints the runtime's error.
  c.log = r.stdout + r.stderr;
  return { code: r.code === 126 ? 128 : r.code, sleptMs: r.sleptMs, forever: r.forever };
}

/** Ends a running container's main process now (`sim crash`, `kill 1`): exit code as given (137 = SIGKILL). */
export function crashRuntimeContainer(c: ContainerRt, now: number, exitCode: number): boolean {
  if (c.step !== 'running') return false;
  c.exitAt = now;
  c.exitCode = exitCode;
  return true;
}

/** `spec.containers{nginx}` / `spec.initContainers{init}`: the fieldPath kubelet events carry. */
export function containerFieldPath(c: { name: string; init?: boolean }): string {
  return `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
}
