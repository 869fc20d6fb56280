// The mount namespaces the shell runs in: a container's (its image root with the pod's volumes mounted at
// each volumeMount's mountPath, subPath applied, readOnly honoured) and a node's (the node's root file system
// with the kubelet's global and per-pod mount points, as `sim node NODE -- findmnt` shows them).
import type { Backends } from '../storage/backends';
import { emptyDir, lookup, mkdirp, type DirNode, type FsNode } from '../fs/tree';
import { nodeRootAssetId } from '../storage/locate';
import type { ContainerRt, KubeletState, MountRecord, PodRt } from '../controllers/kubelet/runtime';
import type { PodObj } from '../controllers/attachdetach/volumes';
import { MountNamespace, type MountEntry } from './vfs';

const IMAGE_DIRS = ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'sys', 'tmp', 'usr/bin', 'usr/sbin', 'var/log', 'var/run', 'run'];
const IMAGE_BINARIES = ['sh', 'ls', 'cat', 'echo', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'df', 'mount', 'hostname', 'sleep', 'kill', 'test', '[', 'grep', 'head', 'tail', 'wc', 'tee', 'date', 'env', 'id', 'uname'];

/** A fresh writable layer over the image: what a container sees at `/` when it starts (or restarts). */
export function imageRootFs(hostname: string, now: number): DirNode {
  const root = emptyDir(now);
  for (const d of IMAGE_DIRS) mkdirp(root, d, now);
  const bin = lookup(root, 'bin') as DirNode;
  for (const b of IMAGE_BINARIES) bin.entries[b] = { type: 'file', content: '', mode: 0o755, mtime: now };
  const etc = lookup(root, 'etc') as DirNode;
  etc.entries.hostname = { type: 'file', content: `${hostname}\n`, mode: 0o644, mtime: now };
  etc.entries.hosts = { type: 'file', content: `127.0.0.1\tlocalhost\n`, mode: 0o644, mtime: now };
  etc.entries['resolv.conf'] = { type: 'file', content: 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n', mode: 0o644, mtime: now };
  (lookup(root, 'tmp') as DirNode).mode = 0o1777;
  // /dev/null reads empty; the shell discards what is written to it
  (lookup(root, 'dev') as DirNode).entries.null = { type: 'file', content: '', mode: 0o666, mtime: now };
  return root;
}

/**
 * What a mount record exposes: the volume's directory, or its subPath — an existing file is bind-mounted as
 * that file (`subPath: nginx.conf` of a configMap), a missing path is created as a directory, as the kubelet does.
 */
function volumeDir(backends: Backends, rec: MountRecord, subPath: string, now: number): { dir: FsNode; usage: DirNode } | undefined {
  const asset = backends.get(rec.assetId);
  if (!asset || asset.deletedAt !== undefined) return undefined;
  const base = rec.path === '/' ? '' : rec.path;
  const path = subPath ? `${base}/${subPath}` : base;
  const existing = lookup(asset.root, path);
  if (existing?.type === 'file') return { dir: existing, usage: asset.root };
  const dir = mkdirp(asset.root, path, now);
  return dir ? { dir, usage: asset.root } : undefined;
}

function bracket(source: string, path: string): string {
  return path && path !== '/' ? `${source}[${path.startsWith('/') ? path : `/${path}`}]` : source;
}

export function podHostname(pod: PodObj): string {
  return pod.spec?.hostname ?? pod.metadata.name;
}

/** `$(VAR)` references in subPathExpr, from the container's env (literal values and downward API fieldRefs). */
export function expandSubPathExpr(expr: string, env: Readonly<Record<string, string>>): string {
  return expr.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (_m, name) => env[name] ?? '');
}

export function containerMounts(backends: Backends, pod: PodObj, prt: PodRt, c: ContainerRt, env: Readonly<Record<string, string>>, now: number, rootSize: number): MountNamespace {
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((x) => x.name === c.name);
  const mounts: MountEntry[] = [{ target: '/', root: c.rootfs, readOnly: false, source: 'overlay', fsType: 'overlay', sizeBytes: rootSize }];
  for (const vm of spec?.volumeMounts ?? []) {
    const rec = prt.volumes.get(vm.name)?.mount;
    if (!rec) continue;
    const sub = vm.subPath ?? (vm.subPathExpr ? expandSubPathExpr(vm.subPathExpr, env) : '');
    const pinned = c.pinned?.[vm.mountPath];
    const d = pinned ? { dir: pinned, usage: backends.get(rec.assetId)?.root ?? emptyDir(now) } : volumeDir(backends, rec, sub, now);
    if (!d) continue;
    const inner = [rec.path === '/' ? '' : rec.path, sub].filter(Boolean).join('/');
    mounts.push({
      target: vm.mountPath.replace(/\/+$/, '') || '/',
      root: d.dir,
      readOnly: !!vm.readOnly || rec.readOnly,
      source: bracket(rec.source, inner),
      fsType: rec.fsType,
      sizeBytes: rec.sizeBytes,
      usageRoot: d.usage,
      options: rec.options,
    });
  }
  return new MountNamespace(mounts, () => now);
}

/** Character devices every Linux node has under /dev. */
const NODE_CHAR_DEVICES: Readonly<Record<string, number>> = { console: 0o600, full: 0o666, null: 0o666, random: 0o666, tty: 0o666, urandom: 0o666, zero: 0o666 };

/**
 * A node's /dev (devtmpfs; Ubuntu's findmnt names it `udev`): the character devices, the root disk /dev/vda
 * with its partition vda1, and one block device per disk attached to the node, named as the kubelet's stage
 * step named it (/dev/vdb, /dev/vdc … — what findmnt shows as the SOURCE of the global mount). The lesson's
 * "the disk appears under /dev on the node" is `sim node NODE -- ls /dev`. Rebuilt on every shell, so a
 * detached disk disappears. Devices are plain entries here (`ls -l` does not print them as `b`/`c`).
 */
export function nodeDevDir(blockDevices: readonly string[], now: number): DirNode {
  const dev = emptyDir(now);
  for (const [name, mode] of Object.entries(NODE_CHAR_DEVICES)) dev.entries[name] = { type: 'file', content: '', mode, mtime: now };
  for (const path of ['/dev/vda', '/dev/vda1', ...blockDevices]) dev.entries[path.slice('/dev/'.length)] = { type: 'file', content: '', mode: 0o660, mtime: now };
  return dev;
}

/** `devSizeBytes`: devtmpfs is sized to half the node's memory by default (df shows it as udev). */
export function nodeMounts(backends: Backends, state: KubeletState, node: string, now: number, devSizeBytes = 2 * 2 ** 30): MountNamespace | undefined {
  const root = backends.get(nodeRootAssetId(node));
  if (!root) return undefined;
  const mounts: MountEntry[] = [{ target: '/', root: root.root, readOnly: false, source: '/dev/vda1', fsType: 'ext4', sizeBytes: root.sizeBytes }];
  const staged = state.nodes.get(node)?.staged;
  const devices = [...(staged?.values() ?? [])].map((sv) => sv.device).filter((d) => d.startsWith('/dev/'));
  mounts.push({ target: '/dev', root: nodeDevDir(devices, now), readOnly: false, source: 'udev', fsType: 'devtmpfs', sizeBytes: devSizeBytes });
  const pods = [...state.pods.values()].filter((p) => p.node === node);
  for (const sv of staged?.values() ?? []) {
    if (!sv.done) continue;
    const rec = pods.flatMap((p) => [...p.volumes.values()]).find((v) => v.pvName === sv.pvName && v.mount)?.mount;
    const asset = rec ? backends.get(rec.assetId) : undefined;
    if (!rec || !asset) continue;
    mounts.push({ target: sv.globalPath, root: asset.root, readOnly: false, source: sv.device, fsType: rec.fsType, sizeBytes: asset.sizeBytes });
  }
  for (const p of pods)
    for (const v of p.volumes.values()) {
      const rec = v.mount;
      if (!rec || rec.assetId === nodeRootAssetId(node)) continue;
      const d = volumeDir(backends, rec, '', now);
      if (d) mounts.push({ target: rec.hostPath, root: d.dir, readOnly: rec.readOnly, source: rec.source, fsType: rec.fsType, sizeBytes: rec.sizeBytes, usageRoot: d.usage, options: rec.options });
    }
  return new MountNamespace(mounts, () => now);
}

/** subPath mounts of existing files, resolved once when the container starts (a bind mount holds the inode). */
export function pinSubPathFiles(backends: Backends, pod: PodObj, prt: PodRt, c: ContainerRt, env: Readonly<Record<string, string>>): Record<string, FsNode> {
  const spec = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((x) => x.name === c.name);
  const out: Record<string, FsNode> = {};
  for (const vm of spec?.volumeMounts ?? []) {
    const sub = vm.subPath ?? (vm.subPathExpr ? expandSubPathExpr(vm.subPathExpr, env) : '');
    const rec = prt.volumes.get(vm.name)?.mount;
    const asset = rec && sub ? backends.get(rec.assetId) : undefined;
    if (!rec || !asset) continue;
    const n = lookup(asset.root, `${rec.path === '/' ? '' : rec.path}/${sub}`);
    if (n?.type === 'file') out[vm.mountPath] = n;
  }
  return out;
}
