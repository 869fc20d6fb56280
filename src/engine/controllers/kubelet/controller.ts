// The kubelet of every node (one controller; events carry source {component: kubelet, host: <node>}).
// syncPod for each pod bound to a node: volume manager (attach wait → stage → publish), sandbox (pod IP),
// containers (pull → create → start → restart with back-off), status (phase, conditions, container states).
// Graceful deletion: Killing events, then TearDown of the pod's volumes, then the pod object is deleted with
// grace 0. Per node: NodeUnstageVolume once no pod uses a volume, and node.status.volumesInUse, which the
// attach/detach controller waits on before it detaches.
import type { Controller, Intent, ReconcileContext } from '../types';
import { jsonEqual, type WatchEvent } from '../../store/store';
import type { StoreView } from '../../store/strategy';
import { driverByName } from '../../storage/cluster-config';
import { claimNameOf, nodeIsReady, podNodeIndex, POD_NODE_INDEX, uniqueVolumeName, type PodObj, type PvObj } from '../attachdetach/volumes';
import type { KObject } from '../../model/types';
import { isKubeletStopped } from '../nodelifecycle/faults';
import { addPodRt, newKubeletState, nodeRt, podRtsByName, removePodRt, type KubeletState, type PodRt } from './runtime';
import { kubeletSource, removeNodeDir, syncPodVolumes, tearDownLatency, tearDownPodVolumes } from './volume-manager';
import { containerFieldPath, containerSpecs, newContainers, syncContainers } from './containers';
import { buildPodStatus, podPhase } from './pod-status';
import { syncNodeExpansion } from './node-expand';
import { emptyDirOverLimit, evict, EVICTION_MONITORING_PERIOD_MS } from './eviction';
import { referencesSource, syncProjectedRefresh } from './refresh';
import { allocatePodIP, hostIPOf, nodeInternalIP } from './addresses';

export const KUBELET = 'kubelet';
const POD_KEY = 'pod/';
const NODE_KEY = 'node/';
/** time a process that handles SIGTERM takes to exit */
const STOP_LATENCY_MS: readonly [number, number] = [300, 1200];

export interface KubeletController extends Controller {
  readonly state: KubeletState;
}

export function kubeletController(): KubeletController {
  const state = newKubeletState();
  const podKey = (ns: string | undefined, name: string) => `${POD_KEY}${ns ?? 'default'}/${name}`;
  const mountingPods = () => [...state.pods.values()].filter((p) => p.step === 'mounting').map((p) => podKey(p.namespace, p.name));

  return {
    name: KUBELET,
    state,
    watches: ['Pod', 'Node', 'PersistentVolumeClaim', 'PersistentVolume', 'ConfigMap', 'Secret', 'CSIDriver'],
    indexes: [
      { kind: 'Pod', name: POD_NODE_INDEX, fn: podNodeIndex },
      { kind: 'Pod', name: POD_CLAIM_INDEX, fn: podClaimIndex },
    ],
    // the eviction manager's housekeeping: pods whose emptyDir has a sizeLimit are checked every 10 s
    resync: {
      periodMs: EVICTION_MONITORING_PERIOD_MS,
      keys: () => [...state.pods.values()].filter((p) => p.step === 'running' && p.hasSizeLimit).map((p) => podKey(p.namespace, p.name)),
    },
    keysFor(ev: WatchEvent, view: StoreView): readonly string[] {
      switch (ev.kind) {
        case 'Pod': {
          const keys = [podKey(ev.obj.metadata.namespace, ev.obj.metadata.name)];
          const n = (ev.obj.spec as { nodeName?: string } | undefined)?.nodeName;
          if (n && ev.type === 'DELETED') keys.push(`${NODE_KEY}${n}`);
          return keys;
        }
        case 'Node': {
          const name = ev.obj.metadata.name;
          const keys = new Set<string>();
          if (nodeIsReady(ev.obj) !== nodeIsReady(ev.old)) {
            // the kubelet (re)starts: resync every pod bound to the node, and those whose objects are gone
            for (const p of view.byIndex<PodObj>('Pod', POD_NODE_INDEX, name)) keys.add(podKey(p.metadata.namespace, p.metadata.name));
            for (const p of state.pods.values()) if (p.node === name) keys.add(podKey(p.namespace, p.name));
          } else {
            // otherwise only pods waiting for an attachment care (node.status.volumesAttached)
            for (const p of state.pods.values()) if (p.node === name && p.step === 'mounting') keys.add(podKey(p.namespace, p.name));
          }
          return [...keys, `${NODE_KEY}${name}`];
        }
        case 'PersistentVolumeClaim':
          return podsUsingClaim(view, ev.obj.metadata.namespace ?? 'default', ev.obj.metadata.name);
        case 'PersistentVolume': {
          // a claim waits for its PV; running pods may have a file system to expand
          const ref = (ev.obj.spec as { claimRef?: { namespace?: string; name?: string } } | undefined)?.claimRef;
          return ref?.name ? podsUsingClaim(view, ref.namespace ?? 'default', ref.name) : [];
        }
        case 'ConfigMap':
        case 'Secret': {
          // pods waiting for it to mount, and running pods whose files follow it
          const keys: string[] = [];
          for (const p of view.list<PodObj>('Pod', ev.obj.metadata.namespace))
            if (p.spec?.nodeName && referencesSource(p, ev.kind, ev.obj.metadata.name)) keys.push(podKey(p.metadata.namespace, p.metadata.name));
          return keys;
        }
        default:
          return mountingPods();
      }
    },
    reconcile(key: string, ctx: ReconcileContext): Intent[] {
      if (key.startsWith(NODE_KEY)) return syncNode(ctx, state, key.slice(NODE_KEY.length));
      const [ns, name] = key.slice(POD_KEY.length).split('/');
      return syncPod(ctx, state, ns, name);
    },
  };
}

const POD_CLAIM_INDEX = 'kubelet.pod.claims';
/** `namespace/claim` for every claim a pod uses (persistentVolumeClaim and generic ephemeral volumes). */
function podClaimIndex(o: KObject): readonly string[] {
  const pod = o as PodObj;
  const ns = pod.metadata.namespace ?? 'default';
  return (pod.spec?.volumes ?? []).map((v) => claimNameOf(pod, v)).filter((c): c is string => !!c).map((c) => `${ns}/${c}`);
}

function podsUsingClaim(view: StoreView, ns: string, claim: string): string[] {
  return view
    .byIndex<PodObj>('Pod', POD_CLAIM_INDEX, `${ns}/${claim}`)
    .filter((p) => p.spec?.nodeName)
    .map((p) => `${POD_KEY}${p.metadata.namespace ?? 'default'}/${p.metadata.name}`);
}

/** A stopped kubelet (node powered off or partitioned) or a node not Ready does nothing. */
function kubeletDown(ctx: ReconcileContext, node: string): boolean {
  return isKubeletStopped(ctx.backends, node) || !nodeIsReady(ctx.view.get('Node', undefined, node));
}

function requeueAt(key: string, at: number | undefined, now: number): Intent[] {
  return at === undefined ? [] : [{ type: 'requeue', key, afterMs: Math.max(0, at - now) }];
}

function syncPod(ctx: ReconcileContext, state: KubeletState, ns: string, name: string): Intent[] {
  const key = `${POD_KEY}${ns}/${name}`;
  const pod = ctx.view.get<PodObj>('Pod', ns, name);
  const intents: Intent[] = [];
  for (const old of podRtsByName(state, ns, name)) {
    if (pod && old.uid === pod.metadata.uid) continue;
    // The pod object is gone (force deletion) or re-created: the old pod's kubelet cleans up what it still
    // runs — once it is up (a node whose kubelet is down keeps its containers and mounts).
    if (kubeletDown(ctx, old.node)) continue;
    intents.push(...tearDownPodVolumes(ctx, { namespace: ns, name }, old));
    removePodRt(state, old);
    removeNodeDir(ctx, old.node, `/var/lib/kubelet/pods/${old.uid}`);
    intents.push({ type: 'requeue', key: `${NODE_KEY}${old.node}`, afterMs: 0 });
  }
  let prt = pod ? state.pods.get(pod.metadata.uid ?? '') : undefined;
  const nodeName = pod?.spec?.nodeName;
  if (!pod || !nodeName) return intents;
  // A node whose kubelet is down (stopped, or not Ready) does nothing: its pods keep running or stay Terminating.
  if (kubeletDown(ctx, nodeName)) return intents;
  if (!ctx.cluster.nodes.some((n) => n.name === nodeName) && !ctx.view.get('Node', undefined, nodeName)) return intents;
  if (!prt) {
    if (pod.metadata.deletionTimestamp) return [...intents, deletePod(pod)];
    prt = {
      uid: pod.metadata.uid ?? '',
      namespace: ns,
      name,
      node: nodeName,
      step: 'mounting',
      volumes: new Map(),
      containers: newContainers(pod, ctx.now),
      startTime: ctx.now,
      conditionTimes: new Map(),
      hasSizeLimit: (pod.spec?.volumes ?? []).some((v) => v.emptyDir?.sizeLimit !== undefined),
    };
    addPodRt(state, prt);
    intents.push({ type: 'requeue', key: `${NODE_KEY}${nodeName}`, afterMs: 0 });
  }
  if (pod.metadata.deletionTimestamp) return [...intents, ...terminate(ctx, state, pod, prt, key)];
  if (prt.step === 'done') return intents;

  let wake: number | undefined;
  if (prt.step === 'mounting') {
    const vs = syncPodVolumes(ctx, state, pod, prt);
    intents.push(...vs.intents);
    wake = vs.wake;
    if (vs.allMounted) {
      prt.podIP = allocatePodIP(ctx, state, nodeName);
      prt.step = 'starting';
    }
  }
  if (prt.step === 'starting' || prt.step === 'running') {
    const cs = syncContainers(ctx, state, pod, prt);
    intents.push(...cs.intents);
    wake = cs.wake;
    if (prt.containers.some((c) => c.containerID)) prt.step = 'running';
    const over = prt.step === 'running' ? emptyDirOverLimit(ctx, pod, prt) : undefined;
    if (over) {
      const ev = evict(ctx, pod, prt, over);
      intents.push(...ev.intents, ...tearDownPodVolumes(ctx, podRef(pod), prt));
      prt.step = 'done';
      prt.evicted = ev.status;
      intents.push({ type: 'requeue', key: `${NODE_KEY}${nodeName}`, afterMs: 0 });
      return [...intents, ...statusIntent(ctx, pod, prt)];
    }
    const rf = syncProjectedRefresh(ctx, pod, prt);
    if (rf !== undefined) wake = wake === undefined ? rf : Math.min(wake, rf);
    const ex = syncNodeExpansion(ctx, state, pod, prt);
    intents.push(...ex.intents);
    if (ex.wake !== undefined) wake = wake === undefined ? ex.wake : Math.min(wake, ex.wake);
    const phase = podPhase(pod, prt);
    if ((phase === 'Succeeded' || phase === 'Failed') && prt.containers.every((c) => c.step === 'terminated' || c.step === 'pending')) {
      // A terminal pod's volumes are torn down (the object stays until someone deletes it).
      intents.push(...tearDownPodVolumes(ctx, podRef(pod), prt));
      prt.step = 'done';
      intents.push({ type: 'requeue', key: `${NODE_KEY}${nodeName}`, afterMs: 0 });
    }
  }
  intents.push(...statusIntent(ctx, pod, prt));
  return [...intents, ...requeueAt(key, wake, ctx.now)];
}

function podRef(pod: PodObj) {
  return { namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name };
}

function statusIntent(ctx: ReconcileContext, pod: PodObj, prt: PodRt): Intent[] {
  const status = buildPodStatus(pod, prt, hostIPOf(ctx, prt.node), ctx.now);
  if (prt.evicted) {
    const { disruption, ...rest } = prt.evicted as { disruption: unknown };
    Object.assign(status, rest);
    status.conditions = [disruption, ...(status.conditions as unknown[])];
  }
  if (jsonEqual(status, pod.status ?? {})) return [];
  // The API server copies what it is sent, so the (frozen) pod is not cloned here.
  const next = { ...pod, status } as PodObj;
  return [{ type: 'updateStatus', obj: next }];
}

function deletePod(pod: PodObj): Intent {
  return {
    type: 'delete',
    ref: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name },
    options: { gracePeriodSeconds: 0, preconditions: { uid: pod.metadata.uid } },
  };
}

/** Graceful termination: stop containers (Killing), tear down volumes, then delete the object with grace 0. */
function terminate(ctx: ReconcileContext, state: KubeletState, pod: PodObj, prt: PodRt, key: string): Intent[] {
  const intents: Intent[] = [];
  const ev = (reason: string, message: string, fieldPath?: string) =>
    intents.push({ type: 'event', involved: pod, eventType: 'Normal', reason, message, fieldPath, source: kubeletSource(prt.node) });
  if (prt.step !== 'killing' && prt.step !== 'unmounting' && prt.step !== 'done') {
    const running = prt.containers.filter((c) => c.step === 'running');
    for (const c of running) ev('Killing', `Stopping container ${c.name}`, containerFieldPath(c));
    // A shell or sleep as PID 1 ignores SIGTERM: it is killed only when the grace period ends.
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    const ignoresTerm = running.some((c) => {
      const spec = containerSpecs(pod).find((s) => s.spec.name === c.name)?.spec;
      return /(^|\/)(sh|bash|sleep)$/.test(spec?.command?.[0] ?? '');
    });
    prt.step = 'killing';
    prt.due = ctx.now + (running.length === 0 ? 0 : ignoresTerm ? grace : ctx.rng.int(STOP_LATENCY_MS[0], STOP_LATENCY_MS[1]));
  }
  if (prt.step === 'killing') {
    if (ctx.now < (prt.due ?? 0)) return [...intents, ...requeueAt(key, prt.due, ctx.now)];
    for (const c of prt.containers) {
      if (c.step !== 'running') continue;
      c.terminated = { exitCode: 0, reason: 'Completed', startedAt: c.startedAt ?? ctx.now, finishedAt: ctx.now, containerID: c.containerID ?? '' };
      c.step = 'terminated';
    }
    prt.step = 'unmounting';
    prt.due = ctx.now + tearDownLatency(ctx, prt);
    intents.push(...tearDownPodVolumes(ctx, podRef(pod), prt, prt.due - ctx.now));
  }
  if (prt.step === 'unmounting') {
    if (ctx.now < (prt.due ?? 0)) return [...intents, ...requeueAt(key, prt.due, ctx.now)];
    prt.step = 'done';
  }
  removePodRt(state, prt);
  removeNodeDir(ctx, prt.node, `/var/lib/kubelet/pods/${prt.uid}`);
  intents.push({ type: 'requeue', key: `${NODE_KEY}${prt.node}`, afterMs: 0 });
  intents.push(deletePod(pod));
  return intents;
}

/** Unstage volumes no pod on the node needs, and report node.status.volumesInUse. */
function syncNode(ctx: ReconcileContext, state: KubeletState, node: string): Intent[] {
  const intents: Intent[] = [];
  if (kubeletDown(ctx, node)) return intents;
  const nrt = nodeRt(state, node);
  const live = [...state.pods.values()].filter((p) => p.node === node && p.step !== 'done');
  const needed = new Set<string>();
  for (const p of live) for (const v of p.volumes.values()) if (v.pvName) needed.add(v.pvName);
  let wake: number | undefined;
  for (const sv of [...nrt.staged.values()]) {
    if (needed.has(sv.pvName)) continue;
    if (sv.unstageDue === undefined) {
      const pv = ctx.view.get('PersistentVolume', undefined, sv.pvName) as PvObj | undefined;
      const driver = pv?.spec?.csi ? driverByName(ctx.cluster, pv.spec.csi.driver) : undefined;
      const ms = driver?.stageUnstage ? ctx.rng.int(driver.latency.stage[0], driver.latency.stage[1]) : 0;
      sv.unstageDue = ctx.now + ms;
      if (driver?.stageUnstage && sv.done)
        intents.push({ type: 'trace', trace: { from: `kubelet/${node}`, to: `csi-node/${node}`, call: 'NodeUnstageVolume', objects: [`PersistentVolume//${sv.pvName}`], ok: true, detail: sv.globalPath, durationMs: ms } });
    }
    if (ctx.now >= sv.unstageDue) {
      nrt.staged.delete(sv.pvName);
      removeNodeDir(ctx, node, sv.globalPath.replace(/\/globalmount$/, ''));
    }
    else wake = wake === undefined ? sv.unstageDue : Math.min(wake, sv.unstageDue);
  }
  const inUse = new Set<string>();
  for (const sv of nrt.staged.values()) inUse.add(sv.unique);
  for (const pvName of needed) {
    const pv = ctx.view.get('PersistentVolume', undefined, pvName) as PvObj | undefined;
    const csi = pv?.spec?.csi;
    if (csi?.driver && csi.volumeHandle) inUse.add(uniqueVolumeName(csi.driver, csi.volumeHandle));
  }
  const want = [...inUse].sort();
  const nodeObj = ctx.view.get('Node', undefined, node);
  // the kubelet's node status setters also report the node's addresses
  if (nodeObj && !(nodeObj.status as { addresses?: unknown[] } | undefined)?.addresses)
    intents.push({ type: 'patch', kind: 'Node', name: node, patchType: 'merge', patch: { status: { addresses: [{ type: 'InternalIP', address: nodeInternalIP(ctx, node) }, { type: 'Hostname', address: node }] } }, subresource: 'status' });
  const have = (nodeObj?.status as { volumesInUse?: string[] } | undefined)?.volumesInUse ?? [];
  if (nodeObj && JSON.stringify(have) !== JSON.stringify(want))
    intents.push({ type: 'patch', kind: 'Node', name: node, patchType: 'merge', patch: { status: { volumesInUse: want.length ? want : null } }, subresource: 'status' });
  return [...intents, ...requeueAt(`${NODE_KEY}${node}`, wake, ctx.now)];
}
