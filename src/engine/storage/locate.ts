// Where a PersistentVolume's data lives: which simulated asset, and which directory inside it.
// Used by everyone who touches volume data (kubelet mounts, the PV controller's Recycle, the provisioners):
// - CSI volumes are the asset named by spec.csi.volumeHandle (the id the driver returned, `d-…` for a disk);
// - hostPath and local volumes are a directory on a node's own file system (`node:<name>`), so their data
//   stays on whichever node wrote it — the lesson's "hostPath outlives the pod but not the node";
// - nfs volumes are the export `nfs:<server>:<path>`.
// A statically provisioned PV names storage that "already exists in the cloud": the asset is created on
// first use with the PV's capacity and the zone from its node affinity.
import type { KObject, PersistentVolume } from '../model/types';
import { parseQuantity, quantityValue } from '../model/quantity';
import { mkdirp } from '../fs/tree';
import type { Asset, AssetKind, Backends } from './backends';
import { driverByName, nodeZone, type BackendKind, type ClusterConfig, type NodeSpec } from './cluster-config';

export interface VolumeLocation {
  readonly assetId: string;
  /** directory inside the asset ('/' for a whole disk or export) */
  readonly path: string;
}

type PV = PersistentVolume & KObject;

export const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const ZONE_KEYS = /(^|\/)zone$/;

export function nodeRootAssetId(nodeName: string): string {
  return `node:${nodeName}`;
}

export function nfsAssetId(server: string, path: string): string {
  return `nfs:${server}:${path}`;
}

/** The node's root file system, made once at bootstrap (a node that joins later gets one on first use). */
export function ensureNodeRootFs(backends: Backends, node: NodeSpec, now: number): Asset {
  const id = nodeRootAssetId(node.name);
  const existing = backends.get(id);
  if (existing) return existing;
  const size = tryBytes(node.capacity?.['ephemeral-storage']) ?? 100 * 2 ** 30;
  const asset = backends.add({
    id,
    kind: 'node-dir',
    backend: 'node-local',
    node: node.name,
    zone: nodeZone(node),
    sizeBytes: size,
    createdAt: now,
    origin: 'static',
    params: {},
  });
  // What a fresh Linux node has where the lessons look: /tmp, /mnt and /var/lib/kubelet.
  for (const dir of ['tmp', 'mnt', 'var/lib/kubelet']) mkdirp(asset.root, dir, now);
  return asset;
}

/**
 * The asset and directory behind a PV. nodeName is the node a pod using it runs on; it decides where a
 * hostPath volume's files are. Without it a hostPath/local PV resolves through its node affinity
 * (kubernetes.io/hostname In [one node]) or, in a one-node cluster, to that node.
 */
export function locatePersistentVolume(pv: PV, nodeName?: string, cluster?: ClusterConfig): VolumeLocation | undefined {
  const spec = pv.spec ?? {};
  if (spec.csi?.volumeHandle) return { assetId: spec.csi.volumeHandle, path: '/' };
  if (spec.nfs?.server) return { assetId: nfsAssetId(spec.nfs.server, spec.nfs.path ?? '/'), path: '/' };
  const local = spec.hostPath?.path ?? spec.local?.path;
  if (local !== undefined) {
    const node = nodeName ?? pinnedHostname(pv) ?? (cluster?.nodes.length === 1 ? cluster.nodes[0].name : undefined);
    return node ? { assetId: nodeRootAssetId(node), path: local } : undefined;
  }
  return undefined;
}

/**
 * The asset behind a PV, creating it when the PV names storage the simulation has not seen yet (a static
 * PV for a disk or NAS "made in the cloud console"). Returns undefined for sources we do not simulate.
 * A destroyed asset is returned as it is (deletedAt set): the disk is gone and callers report that.
 */
export function ensureStaticAsset(
  backends: Backends,
  cluster: ClusterConfig,
  pv: PV,
  now: number,
  nodeName?: string,
): Asset | undefined {
  const loc = locatePersistentVolume(pv, nodeName, cluster);
  if (!loc) return undefined;
  const existing = backends.get(loc.assetId);
  if (existing) return existing;
  const spec = pv.spec ?? {};
  const size = tryBytes(spec.capacity?.storage as string | undefined) ?? 0;
  if (spec.csi) {
    const driver = driverByName(cluster, spec.csi.driver);
    const backend: BackendKind = driver?.backend ?? 'zonal-disk';
    const attrs = { ...(spec.csi.volumeAttributes ?? {}) } as Record<string, string>;
    if (spec.csi.fsType) attrs.fsType = spec.csi.fsType;
    return backends.add({
      id: loc.assetId,
      kind: assetKindFor(backend),
      backend,
      driver: spec.csi.driver,
      zone: backend === 'zonal-disk' ? affinityZone(pv) : undefined,
      sizeBytes: size,
      createdAt: now,
      origin: 'static',
      params: attrs,
    });
  }
  if (spec.nfs) {
    return backends.add({
      id: loc.assetId,
      kind: 'filesystem',
      backend: 'shared-fs',
      sizeBytes: size,
      createdAt: now,
      origin: 'static',
      params: { server: spec.nfs.server, path: spec.nfs.path ?? '/' },
    });
  }
  // hostPath / local: the node's own file system (a node added after bootstrap gets one now).
  const nodeName2 = loc.assetId.slice('node:'.length);
  const node = cluster.nodes.find((n) => n.name === nodeName2) ?? { name: nodeName2, labels: {} };
  return ensureNodeRootFs(backends, node, now);
}

export function assetKindFor(backend: BackendKind): AssetKind {
  return backend === 'zonal-disk' ? 'disk' : backend === 'shared-fs' ? 'filesystem' : 'node-dir';
}

/** The zone a PV's node affinity pins it to (any `…/zone` key with exactly one value), if any. */
export function affinityZone(pv: PV): string | undefined {
  for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [])
    for (const e of term.matchExpressions ?? [])
      if (ZONE_KEYS.test(e.key) && e.operator === 'In' && e.values?.length === 1) return e.values[0];
  return pv.metadata.labels?.['topology.kubernetes.io/zone'];
}

function pinnedHostname(pv: PV): string | undefined {
  for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [])
    for (const e of term.matchExpressions ?? [])
      if (e.key === HOSTNAME_LABEL && e.operator === 'In' && e.values?.length === 1) return e.values[0];
  return undefined;
}

function tryBytes(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  try {
    return quantityValue(parseQuantity(String(s)));
  } catch {
    return undefined;
  }
}
