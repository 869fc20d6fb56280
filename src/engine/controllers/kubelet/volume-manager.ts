// The kubelet's volume manager (pkg/kubelet/volumemanager): for each volume of a pod on this node, wait for
// the attach/detach controller (VerifyControllerAttachedVolume: node.status.volumesAttached), stage it once per
// node (MountDevice = NodeStageVolume at the global mount path), publish it per pod (SetUp = NodePublishVolume
// at the pod's volume directory) — each a virtual-latency step with a trace — and tear it down in reverse.
// Failures are FailedMount events `<Operation> failed for volume "<spec name>" : <error>`, retried with the
// operation executor's exponential backoff (500 ms doubling to 2m2s). Successful mounts emit no event.
import type { Intent, ReconcileContext } from '../types';
import { driverByName } from '../../storage/cluster-config';
import { ensureStaticAsset, locatePersistentVolume, nodeRootAssetId } from '../../storage/locate';
import { lookup, mkdirp } from '../../fs/tree';
import { sha256Hex } from '../../util/sha256';
import { attachRequired, boundVolumeOf, claimNameOf, uniqueVolumeName, type PodObj, type PodVolume, type PvObj } from '../attachdetach/volumes';
import { checkHostPathType, NODE_ROOT_DEVICE, nodeRoot, podVolumeDir, setUpInline } from './volume-plugins';
import { nodeRt, type KubeletState, type MountRecord, type PodRt, type StagedVolume, type VolumeRt } from './runtime';

const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 122_000;
/** SetUp of volumes without a CSI driver (emptyDir, configMap …) is local and quick */
const LOCAL_SETUP_MS: readonly [number, number] = [20, 120];

export interface VolumeSync {
  readonly intents: Intent[];
  readonly allMounted: boolean;
  /** earliest virtual time something is due */
  readonly wake?: number;
}

export function kubeletSource(node: string) {
  return { component: 'kubelet', host: node };
}

export function csiGlobalMountPath(driver: string, handle: string): string {
  return `/var/lib/kubelet/plugins/kubernetes.io/csi/${driver}/${sha256Hex(handle)}/globalmount`;
}

export function syncPodVolumes(ctx: ReconcileContext, state: KubeletState, pod: PodObj, prt: PodRt): VolumeSync {
  const intents: Intent[] = [];
  let wake: number | undefined;
  const at = (t: number) => (wake = wake === undefined ? t : Math.min(wake, t));
  let all = true;
  for (const vol of pod.spec?.volumes ?? []) {
    let vr = prt.volumes.get(vol.name);
    if (!vr) prt.volumes.set(vol.name, (vr = { name: vol.name, phase: 'pending', failures: 0 }));
    if (vr.phase === 'mounted') continue;
    all = false;
    if (vr.phase === 'failed' && vr.nextRetry !== undefined && ctx.now < vr.nextRetry) {
      at(vr.nextRetry);
      continue;
    }
    const step = stepVolume(ctx, state, pod, prt, vol, vr, intents);
    if (step.fail) {
      vr.phase = 'failed';
      vr.failures += 1;
      vr.error = step.fail.error;
      vr.nextRetry = ctx.now + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (vr.failures - 1));
      at(vr.nextRetry);
      intents.push({
        type: 'event',
        involved: pod,
        eventType: 'Warning',
        reason: 'FailedMount',
        message: `${step.fail.op} failed for volume "${step.fail.specName}" : ${step.fail.error}`,
        source: kubeletSource(prt.node),
      });
    } else if (step.wake !== undefined) at(step.wake);
  }
  all = (pod.spec?.volumes ?? []).every((v) => prt.volumes.get(v.name)?.phase === 'mounted');
  return { intents, allMounted: all, wake };
}

interface Step {
  fail?: { op: string; specName: string; error: string };
  wake?: number;
}

function stepVolume(ctx: ReconcileContext, state: KubeletState, pod: PodObj, prt: PodRt, vol: PodVolume, vr: VolumeRt, intents: Intent[]): Step {
  const node = prt.node;
  if (claimNameOf(pod, vol) === undefined) {
    // Inline volumes: one local SetUp step.
    if (vr.phase !== 'publishing') {
      vr.phase = 'publishing';
      vr.due = ctx.now + ctx.rng.int(LOCAL_SETUP_MS[0], LOCAL_SETUP_MS[1]);
      return { wake: vr.due };
    }
    if (ctx.now < (vr.due ?? 0)) return { wake: vr.due };
    const r = setUpInline(ctx, pod, vol, node);
    if (r.error) return { fail: { op: 'MountVolume.SetUp', specName: vol.name, error: r.error } };
    vr.mount = r.mount;
    vr.ownedAsset = r.ownedAsset;
    if (vr.mount) makeNodeDir(ctx, node, vr.mount.hostPath);
    vr.phase = 'mounted';
    return {};
  }
  const b = boundVolumeOf(ctx.view, pod, vol);
  if (!b) {
    vr.phase = 'pending'; // the claim is not bound yet: the desired state of world cannot hold it
    return {};
  }
  const pv = b.pv;
  vr.pvName = pv.metadata.name;
  const readOnly = !!vol.persistentVolumeClaim?.readOnly;
  const csi = pv.spec?.csi;
  if (!csi) return setUpNonCsiPv(ctx, pv, vr, node, pod.metadata.uid ?? '', readOnly);

  const driver = driverByName(ctx.cluster, csi.driver);
  const specName = pv.metadata.name;
  if (!driver)
    return {
      fail: {
        op: 'MountVolume.MountDevice',
        specName,
        error: `kubernetes.io/csi: attacher.MountDevice failed to create newCsiDriverClient: driver name ${csi.driver} not found in the list of registered CSI drivers`,
      },
    };
  const unique = uniqueVolumeName(csi.driver, csi.volumeHandle);
  if (attachRequired(ctx.view, csi.driver)) {
    const nodeObj = ctx.view.get('Node', undefined, node);
    const attached = ((nodeObj?.status as { volumesAttached?: { name: string }[] } | undefined)?.volumesAttached ?? []).some((v) => v.name === unique);
    if (!attached) {
      vr.phase = 'waiting-attach';
      return {};
    }
  }
  const asset = ensureStaticAsset(ctx.backends, ctx.cluster, pv, ctx.now, node);
  if (!asset || asset.deletedAt !== undefined)
    return { fail: { op: 'MountVolume.MountDevice', specName, error: `rpc error: code = NotFound desc = volume ${csi.volumeHandle} not found` } };
  const nrt = nodeRt(state, node);
  const kubeletId = `kubelet/${node}`;
  const csiNode = `csi-node/${node}`;
  const objects = [`PersistentVolume//${pv.metadata.name}`, `Pod/${pod.metadata.namespace}/${pod.metadata.name}`];
  let staged = nrt.staged.get(pv.metadata.name);
  if (!staged) {
    const device = asset.kind === 'disk' ? freeDevice(nrt.staged) : remoteSource(pv, asset.params);
    const due = driver.stageUnstage ? ctx.now + ctx.rng.int(driver.latency.stage[0], driver.latency.stage[1]) : ctx.now;
    staged = { pvName: pv.metadata.name, due, done: !driver.stageUnstage, device, globalPath: csiGlobalMountPath(csi.driver, csi.volumeHandle), unique };
    nrt.staged.set(pv.metadata.name, staged);
    if (driver.stageUnstage)
      intents.push({ type: 'trace', trace: { from: kubeletId, to: csiNode, call: 'NodeStageVolume', objects, ok: true, detail: staged.globalPath, durationMs: due - ctx.now } });
  }
  staged.unstageDue = undefined;
  if (!staged.done) {
    if (ctx.now < staged.due) {
      vr.phase = 'staging';
      return { wake: staged.due };
    }
    staged.done = true;
    makeNodeDir(ctx, node, staged.globalPath);
  }
  const hostPath = `${podVolumeDir(pod.metadata.uid ?? '', 'csi', pv.metadata.name)}/mount`;
  if (vr.phase !== 'publishing') {
    vr.phase = 'publishing';
    vr.due = ctx.now + ctx.rng.int(driver.latency.publish[0], driver.latency.publish[1]);
    intents.push({ type: 'trace', trace: { from: kubeletId, to: csiNode, call: 'NodePublishVolume', objects, ok: true, detail: hostPath, durationMs: vr.due - ctx.now } });
    return { wake: vr.due };
  }
  if (ctx.now < (vr.due ?? 0)) return { wake: vr.due };
  const loc = locatePersistentVolume(pv, node, ctx.cluster);
  const nfsVers = asset.kind === 'disk' ? undefined : nfsVersion(pv);
  const fsType = asset.kind === 'disk' ? (csi.fsType ?? driver.defaultFsType ?? 'ext4') : nfsVers?.startsWith('4') ? 'nfs4' : 'nfs';
  vr.mount = {
    volName: vol.name,
    assetId: asset.id,
    path: loc?.path ?? '/',
    fsType,
    source: staged.device,
    readOnly: readOnly || !!csi.readOnly,
    sizeBytes: asset.sizeBytes,
    hostPath,
    ...(nfsVers ? { options: nfsOptions(pv, nfsVers) } : {}),
  } satisfies MountRecord;
  if (vr.mount) makeNodeDir(ctx, node, vr.mount.hostPath);
  vr.phase = 'mounted';
  return {};
}

function setUpNonCsiPv(ctx: ReconcileContext, pv: PvObj, vr: VolumeRt, node: string, uid: string, readOnly: boolean): Step {
  if (vr.phase !== 'publishing') {
    vr.phase = 'publishing';
    vr.due = ctx.now + ctx.rng.int(LOCAL_SETUP_MS[0], LOCAL_SETUP_MS[1]);
    return { wake: vr.due };
  }
  if (ctx.now < (vr.due ?? 0)) return { wake: vr.due };
  const spec = pv.spec ?? {};
  const specName = pv.metadata.name;
  const asset = ensureStaticAsset(ctx.backends, ctx.cluster, pv, ctx.now, node);
  const loc = locatePersistentVolume(pv, node, ctx.cluster);
  if (!asset || !loc) return { fail: { op: 'MountVolume.SetUp', specName, error: `volume plugin for ${pv.metadata.name} is not supported by the simulator` } };
  if (spec.hostPath) {
    const err = checkHostPathType(nodeRoot(ctx, node).root, spec.hostPath.path, spec.hostPath.type ?? '', ctx.now);
    if (err) return { fail: { op: 'MountVolume.SetUp', specName, error: err } };
  } else if (spec.local && lookup(asset.root, loc.path)?.type !== 'dir') {
    // local volumes name a disk or directory the administrator prepared on the node; nothing creates it
    return { fail: { op: 'MountVolume.NewMounter initialization', specName, error: `path "${loc.path}" does not exist` } };
  }
  const nfs = !!spec.nfs;
  const vers = nfs ? nfsVersion(pv) : undefined;
  vr.mount = {
    volName: vr.name,
    assetId: nfs ? asset.id : nodeRootAssetId(node),
    path: loc.path,
    fsType: !vers ? 'ext4' : vers.startsWith('4') ? 'nfs4' : 'nfs',
    ...(vers ? { options: nfsOptions(pv, vers) } : {}),
    source: nfs ? `${spec.nfs!.server}:${spec.nfs!.path}` : NODE_ROOT_DEVICE,
    readOnly: readOnly || !!spec.nfs?.readOnly,
    sizeBytes: asset.sizeBytes,
    hostPath: podVolumeDir(uid, nfs ? 'nfs' : spec.local ? 'local-volume' : 'host-path', pv.metadata.name),
  };
  if (vr.mount) makeNodeDir(ctx, node, vr.mount.hostPath);
  vr.phase = 'mounted';
  return {};
}

/** The guest sees an attached disk as the lowest free virtio name after the root disk (/dev/vda). */
function freeDevice(staged: Map<string, StagedVolume>): string {
  const used = new Set([...staged.values()].map((s) => s.device));
  for (let i = 1; i < 26; i++) {
    const dev = `/dev/vd${String.fromCharCode(0x61 + i)}`;
    if (!used.has(dev)) return dev;
  }
  return '/dev/vdz';
}

/**
 * What findmnt shows as SOURCE for a file-system volume: `server:/path` of the export. The Alibaba NAS driver
 * takes `server` (optionally `host:/base`) and `path` attributes; with `volumeAs: subpath` each volume is the
 * sub-directory named after it. An EFS access point (`fs-…::fsap-…`) mounts its file system's DNS name.
 */
function remoteSource(pv: PvObj, params: Record<string, string>): string {
  const attrs = { ...params, ...((pv.spec?.csi?.volumeAttributes ?? {}) as Record<string, string>) };
  const handle = pv.spec?.csi?.volumeHandle ?? pv.metadata.name;
  let server = attrs.server;
  let path = attrs.path;
  if (server?.includes(':')) {
    const i = server.indexOf(':');
    const base = server.slice(i + 1) || '/';
    server = server.slice(0, i);
    if (!path) path = attrs.volumeAs === 'subpath' ? `${base.replace(/\/+$/, '')}/${handle}` : base;
  }
  if (!server && handle.includes('::')) return `${handle.split('::')[0]}.efs.amazonaws.com:/`;
  return `${server ?? `${handle}.nas.example.com`}:${path ?? '/'}`;
}

/** NFS protocol version from the PV's mountOptions (`vers=3`) or its `vers` attribute; 4.1 by default. */
function nfsVersion(pv: PvObj): string {
  for (const o of (pv.spec?.mountOptions ?? []).flatMap((m) => m.split(','))) {
    const m = /^(?:vers|nfsvers)=(.+)$/.exec(o.trim());
    if (m) return m[1];
  }
  return ((pv.spec?.csi?.volumeAttributes ?? {}) as Record<string, string>).vers ?? '4.1';
}

/** The mount options /proc/mounts shows for an NFS mount made with the PV's mountOptions. */
function nfsOptions(pv: PvObj, vers: string): string {
  const opts = new Set((pv.spec?.mountOptions ?? []).flatMap((m) => m.split(',')).map((o) => o.trim()));
  const flags = ['nolock', 'noresvport'].filter((f) => opts.has(f));
  return [`vers=${vers}`, 'rsize=1048576', 'wsize=1048576', 'namlen=255', 'hard', ...flags, 'proto=tcp', 'timeo=600', 'retrans=2', 'sec=sys'].join(',');
}

/** TearDown of every volume of a pod: NodeUnpublishVolume per CSI volume; owned assets (emptyDir …) destroyed. */
/** `durationMs`: how long the teardown takes (tearDownLatency), for the traces; absent when it is immediate. */
export function tearDownPodVolumes(ctx: ReconcileContext, pod: { namespace: string; name: string }, prt: PodRt, durationMs?: number): Intent[] {
  const intents: Intent[] = [];
  for (const vr of prt.volumes.values()) {
    if (vr.pvName && vr.mount && vr.mount.hostPath.includes('kubernetes.io~csi'))
      intents.push({
        type: 'trace',
        trace: {
          from: `kubelet/${prt.node}`,
          to: `csi-node/${prt.node}`,
          call: 'NodeUnpublishVolume',
          objects: [`PersistentVolume//${vr.pvName}`, `Pod/${pod.namespace}/${pod.name}`],
          ok: true,
          detail: vr.mount.hostPath,
          durationMs,
        },
      });
    if (vr.ownedAsset) ctx.backends.destroy(vr.ownedAsset, ctx.now);
    vr.mount = undefined;
    vr.phase = 'pending';
  }
  return intents;
}

/** Latency of tearing a pod's volumes down: the slowest NodeUnpublishVolume (local ones are quick). */
export function tearDownLatency(ctx: ReconcileContext, prt: PodRt): number {
  let ms = ctx.rng.int(LOCAL_SETUP_MS[0], LOCAL_SETUP_MS[1]);
  for (const vr of prt.volumes.values()) {
    if (!vr.pvName || !vr.mount) continue;
    const pv = ctx.view.get('PersistentVolume', undefined, vr.pvName) as PvObj | undefined;
    const driver = pv?.spec?.csi ? driverByName(ctx.cluster, pv.spec.csi.driver) : undefined;
    if (driver) ms = Math.max(ms, ctx.rng.int(driver.latency.publish[0], driver.latency.publish[1]));
  }
  return ms;
}

/** The kubelet creates its mount points on the node's disk (what `sim node N -- ls /var/lib/kubelet/pods` shows). */
export function makeNodeDir(ctx: ReconcileContext, node: string, path: string): void {
  mkdirp(nodeRoot(ctx, node).root, path, ctx.now);
}

/** …and removes them when a pod's volumes are cleaned up or a volume is unstaged. */
export function removeNodeDir(ctx: ReconcileContext, node: string, path: string): void {
  const parts = path.split('/').filter(Boolean);
  const parent = lookup(nodeRoot(ctx, node).root, parts.slice(0, -1).join('/'));
  if (parent?.type === 'dir') delete parent.entries[parts[parts.length - 1]];
}
