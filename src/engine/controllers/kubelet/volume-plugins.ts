// SetUp of the volume plugins that need no CSI driver (pkg/volume/emptydir, hostpath, configmap, secret,
// downwardapi, projected): each produces a MountRecord over some asset, or the plugin's error text, which
// the volume manager reports as `MountVolume.SetUp failed for volume "<name>" : <error>`.
import type { ReconcileContext } from '../types';
import type { KObject } from '../../model/types';
import { lookup, mkdirp, splitPath, type DirNode } from '../../fs/tree';
import { ensureNodeRootFs, nodeRootAssetId } from '../../storage/locate';
import { parseQuantity, quantityValue } from '../../model/quantity';
import type { PodObj, PodVolume } from '../attachdetach/volumes';
import type { MountRecord } from './runtime';

/** The node's root file system device, as df/findmnt show it for anything that lives on the node's disk. */
export const NODE_ROOT_DEVICE = '/dev/vda1';

export function podVolumeDir(uid: string, plugin: string, name: string): string {
  return `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~${plugin}/${name}`;
}

export interface SetUpResult {
  readonly mount?: MountRecord;
  readonly error?: string;
  readonly ownedAsset?: string;
}

export function nodeRoot(ctx: ReconcileContext, node: string) {
  const spec = ctx.cluster.nodes.find((n) => n.name === node) ?? { name: node, labels: {} };
  return ensureNodeRootFs(ctx.backends, spec, ctx.now);
}

export function setUpInline(ctx: ReconcileContext, pod: PodObj, vol: PodVolume, node: string): SetUpResult {
  const uid = pod.metadata.uid ?? '';
  if (vol.emptyDir) return setUpEmptyDir(ctx, pod, vol, node);
  if (vol.hostPath) return setUpHostPath(ctx, vol, node, podVolumeDir(uid, 'host-path', vol.name));
  const collected = collectFiles(ctx, pod, vol);
  if ('unsupported' in collected) return { error: unsupported(vol) };
  const { plugin, files, err } = collected;
  if (err) return { error: err };
  const id = `vol:${uid}:${vol.name}`;
  const tmpfs = plugin === 'secret' || plugin === 'projected';
  const asset = ctx.backends.get(id) ?? ctx.backends.add({ id, kind: 'memory', node, sizeBytes: 0, createdAt: ctx.now, origin: uid, params: { plugin } });
  writeFiles(asset.root, files, ctx.now);
  return {
    ownedAsset: id,
    mount: {
      volName: vol.name,
      assetId: id,
      path: '/',
      fsType: tmpfs ? 'tmpfs' : 'ext4',
      source: tmpfs ? 'tmpfs' : NODE_ROOT_DEVICE,
      readOnly: true, // configMap, secret, downwardAPI and projected volumes are always mounted read-only
      sizeBytes: 0,
      hostPath: podVolumeDir(uid, plugin, vol.name),
    },
  };
}

type Collected = { plugin: string; files: Map<string, string>; err?: string } | { unsupported: true };

/** The files a configMap/secret/downwardAPI/projected volume holds right now (or the plugin's error). */
function collectFiles(ctx: ReconcileContext, pod: PodObj, vol: PodVolume): Collected {
  const files = new Map<string, string>();
  let plugin: string;
  let err: string | undefined;
  if (vol.configMap) {
    plugin = 'configmap';
    err = collectConfigMap(ctx, pod, vol.configMap, files);
  } else if (vol.secret) {
    plugin = 'secret';
    err = collectSecret(ctx, pod, vol.secret, files);
  } else if (vol.downwardAPI) {
    plugin = 'downward-api';
    for (const item of vol.downwardAPI.items ?? []) files.set(item.path, downwardValue(pod, item.fieldRef?.fieldPath));
  } else if (vol.projected) {
    plugin = 'projected';
    const errs: string[] = [];
    for (const src of vol.projected.sources ?? []) {
      let e: string | undefined;
      if (src.configMap) e = collectConfigMap(ctx, pod, src.configMap, files);
      else if (src.secret) e = collectSecret(ctx, pod, src.secret, files);
      else if (src.downwardAPI) for (const item of src.downwardAPI.items ?? []) files.set(item.path, downwardValue(pod, item.fieldRef?.fieldPath));
      else if (src.serviceAccountToken) files.set(src.serviceAccountToken.path, serviceAccountToken(pod));
      if (e) errs.push(e);
    }
    // utilerrors.NewAggregate: one error prints as itself, several as [a, b].
    if (errs.length) err = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  } else return { unsupported: true };
  return { plugin, files, err };
}

function writeFiles(root: DirNode, files: Map<string, string>, now: number): void {
  // A fresh set of file objects: a container that bind-mounted one file (subPath) keeps the old one.
  root.entries = {};
  for (const [path, content] of files) {
    const parts = splitPath(path);
    const dir = mkdirp(root, parts.slice(0, -1).join('/'), now);
    if (dir && parts.length) dir.entries[parts[parts.length - 1]] = { type: 'file', content, mode: 0o644, mtime: now };
  }
}

function snapshotFiles(root: DirNode, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, n] of Object.entries(root.entries)) {
    if (n.type === 'file') out.set(`${prefix}${name}`, n.content);
    else for (const [k, v] of snapshotFiles(n, `${prefix}${name}/`)) out.set(k, v);
  }
  return out;
}

/**
 * Whether a mounted configMap/secret/downwardAPI/projected volume is out of date with its sources; with
 * `apply`, rewrites it. (The kubelet refreshes these on its periodic pod sync, typically within a minute.)
 */
export function refreshProjectedFiles(ctx: ReconcileContext, pod: PodObj, vol: PodVolume, assetId: string, apply: boolean): boolean {
  if (vol.emptyDir || vol.hostPath) return false;
  const collected = collectFiles(ctx, pod, vol);
  if ('unsupported' in collected || collected.err) return false;
  const asset = ctx.backends.get(assetId);
  if (!asset) return false;
  const now = snapshotFiles(asset.root);
  const want = collected.files;
  const same = now.size === want.size && [...want].every(([k, v]) => now.get(k) === v);
  if (!same && apply) writeFiles(asset.root, want, ctx.now);
  return !same;
}

function setUpEmptyDir(ctx: ReconcileContext, pod: PodObj, vol: PodVolume, node: string): SetUpResult {
  const uid = pod.metadata.uid ?? '';
  const id = `emptydir:${uid}:${vol.name}`;
  const memory = vol.emptyDir?.medium === 'Memory';
  const root = nodeRoot(ctx, node);
  // tmpfs is sized by sizeLimit, else by the node's memory (the kubelet caps it at allocatable memory)
  const nodeMemory = bytes(ctx.cluster.nodes.find((n) => n.name === node)?.capacity?.memory) ?? 16 * 2 ** 30;
  const limit = bytes(vol.emptyDir?.sizeLimit as string | undefined) ?? (memory ? nodeMemory : undefined);
  // emptyDir survives container restarts: SetUp of an existing pod volume finds the same asset.
  ctx.backends.get(id) ??
    ctx.backends.add({ id, kind: memory ? 'memory' : 'empty-dir', backend: 'node-local', node, sizeBytes: limit ?? root.sizeBytes, createdAt: ctx.now, origin: uid, params: memory ? { medium: 'Memory' } : {} });
  return {
    ownedAsset: id,
    mount: {
      volName: vol.name,
      assetId: id,
      path: '/',
      fsType: memory ? 'tmpfs' : 'ext4',
      source: memory ? 'tmpfs' : NODE_ROOT_DEVICE,
      readOnly: false,
      sizeBytes: limit ?? root.sizeBytes,
      hostPath: podVolumeDir(uid, 'empty-dir', vol.name),
    },
  };
}

const HOSTPATH_TYPES: Record<string, string> = {
  Directory: 'directory',
  File: 'file',
  Socket: 'socket file',
  CharDevice: 'character device',
  BlockDevice: 'block device',
};

/** hostpath.checkType: DirectoryOrCreate/FileOrCreate create what is missing; the others only check. */
export function setUpHostPath(ctx: ReconcileContext, vol: PodVolume, node: string, hostPath: string): SetUpResult {
  const path = vol.hostPath?.path ?? '/';
  const type = vol.hostPath?.type ?? '';
  const root = nodeRoot(ctx, node);
  const err = checkHostPathType(root.root, path, type, ctx.now);
  if (err) return { error: err };
  return {
    mount: { volName: vol.name, assetId: nodeRootAssetId(node), path, fsType: 'ext4', source: NODE_ROOT_DEVICE, readOnly: false, sizeBytes: root.sizeBytes, hostPath },
  };
}

export function checkHostPathType(root: DirNode, path: string, type: string, now: number): string | undefined {
  if (type === '') return undefined;
  let t = type;
  const existing = lookup(root, path);
  if (t === 'DirectoryOrCreate') {
    if (!existing) return mkdirp(root, path, now) ? undefined : `mkdir ${path}: not a directory`;
    t = 'Directory';
  } else if (t === 'FileOrCreate') {
    if (!existing) {
      const parts = splitPath(path);
      const parent = lookup(root, parts.slice(0, -1).join('/'));
      if (!parent || parent.type !== 'dir') return `open ${path}: no such file or directory`;
      parent.entries[parts[parts.length - 1]] = { type: 'file', content: '', mode: 0o644, mtime: now };
      return undefined;
    }
    t = 'File';
  }
  const want = HOSTPATH_TYPES[t];
  if (!want) return `${type} is an invalid volume type`;
  // 1.30–1.32 (hostpath checkType): a missing path fails the same check as a wrong type. Later releases
  // say `hostPath <p> doesn't exist` and append `, it's a <type>`.
  const node = lookup(root, path);
  const actual = node?.type === 'dir' ? 'Directory' : node ? 'File' : undefined;
  if (actual !== t) return `hostPath type check failed: ${path} is not a ${want}`;
  return undefined;
}

type KeySource = { name?: string; optional?: boolean; items?: readonly { key: string; path: string }[] };

function collectConfigMap(ctx: ReconcileContext, pod: PodObj, src: KeySource, files: Map<string, string>): string | undefined {
  const cm = ctx.view.get('ConfigMap', pod.metadata.namespace, src.name ?? '') as (KObject & { data?: Record<string, string> }) | undefined;
  if (!cm) return src.optional ? undefined : `configmap "${src.name ?? ''}" not found`;
  const data = { ...(cm.data ?? {}) };
  return project(data, src, files, (k) => `configmap references non-existent config key: ${k}`);
}

function collectSecret(ctx: ReconcileContext, pod: PodObj, src: KeySource & { secretName?: string }, files: Map<string, string>): string | undefined {
  const name = src.secretName ?? src.name ?? '';
  const s = ctx.view.get('Secret', pod.metadata.namespace, name) as (KObject & { data?: Record<string, string>; stringData?: Record<string, string> }) | undefined;
  if (!s) return src.optional ? undefined : `secret "${name}" not found`;
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) data[k] = decodeBase64(v);
  for (const [k, v] of Object.entries(s.stringData ?? {})) data[k] = v;
  return project(data, src, files, (k) => `references non-existent secret key: ${k}`);
}

function project(data: Record<string, string>, src: KeySource, files: Map<string, string>, missing: (k: string) => string): string | undefined {
  if (!src.items?.length) {
    for (const k of Object.keys(data).sort()) files.set(k, data[k]);
    return undefined;
  }
  for (const item of src.items) {
    if (!(item.key in data)) {
      if (src.optional) continue;
      return missing(item.key);
    }
    files.set(item.path, data[item.key]);
  }
  return undefined;
}

export function downwardValue(pod: PodObj, fieldPath: string | undefined): string {
  const md = pod.metadata;
  const kv = (m: Record<string, string> | undefined) =>
    Object.keys(m ?? {})
      .sort()
      .map((k) => `${k}="${m![k]}"`)
      .join('\n');
  switch (fieldPath) {
    case 'metadata.name':
      return md.name;
    case 'metadata.namespace':
      return md.namespace ?? 'default';
    case 'metadata.uid':
      return md.uid ?? '';
    case 'metadata.labels':
      return kv(md.labels);
    case 'metadata.annotations':
      return kv(md.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    default:
      return '';
  }
}

function serviceAccountToken(pod: PodObj): string {
  // A JWT-shaped placeholder: header.payload.signature (the simulator has no token signer).
  const payload = { sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` };
  return `eyJhbGciOiJSUzI1NiJ9.${encodeBase64(JSON.stringify(payload)).replace(/=+$/, '')}.c2ltdWxhdGVk`;
}

function unsupported(vol: PodVolume): string {
  const kind = Object.keys(vol).find((k) => k !== 'name') ?? 'unknown';
  return `volume plugin for ${kind} is not supported by the simulator`;
}

function bytes(s: string | undefined): number | undefined {
  if (!s) return undefined;
  try {
    return quantityValue(parseQuantity(String(s)));
  } catch {
    return undefined;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function decodeBase64(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  const out: number[] = [];
  let buf = 0;
  let bits = 0;
  for (const ch of clean) {
    buf = (buf << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buf >> bits) & 0xff);
    }
  }
  return new TextDecoder().decode(new Uint8Array(out));
}

export function encodeBase64(s: string): string {
  const bytesArr = new TextEncoder().encode(s);
  let out = '';
  for (let i = 0; i < bytesArr.length; i += 3) {
    const n = (bytesArr[i] << 16) | ((bytesArr[i + 1] ?? 0) << 8) | (bytesArr[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytesArr.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytesArr.length ? B64[n & 63] : '=';
  }
  return out;
}
