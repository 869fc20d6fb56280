// A mount namespace: what a process in a container (or root on a node) sees — a list of mounts, each a
// directory of some asset's file tree at a target path, resolved by longest-prefix match like the kernel's
// mount table. Writes through a read-only mount fail with EROFS; data lives in the assets themselves, so two
// pods that mount the same asset see each other's files.
import { emptyDir, splitPath, type DirNode, type FsNode } from '../fs/tree';

export interface MountEntry {
  /** absolute mount point, `/data` */
  readonly target: string;
  /** what is mounted there: an asset's root, a sub-directory (subPath, hostPath), or a single file (subPath of a file) */
  readonly root: FsNode;
  readonly readOnly: boolean;
  /** findmnt SOURCE / df Filesystem: `/dev/vdb`, `server:/export`, `tmpfs`, `overlay` */
  readonly source: string;
  readonly fsType: string;
  /** file-system size in bytes (df) */
  readonly sizeBytes: number;
  /** file-system specific options shown after rw/ro,relatime by findmnt and mount */
  readonly options?: string;
  /** the tree whose usage df reports (a whole disk, even when a sub-directory is mounted) */
  readonly usageRoot?: FsNode;
}

export type FsErrno = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'EROFS' | 'ENOTEMPTY' | 'EINVAL';

export const ERRNO_TEXT: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
};

export class FsError extends Error {
  constructor(readonly errno: FsErrno) {
    super(ERRNO_TEXT[errno]);
  }
}

/** Normalises a path against cwd: resolves `.` and `..`, no trailing slash (except `/`). */
export function normalizePath(path: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const p of splitPath(path.startsWith('/') ? path : `${cwd}/${path}`)) {
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return `/${parts.join('/')}`;
}

export class MountNamespace {
  readonly mounts: readonly MountEntry[];
  constructor(
    mounts: readonly MountEntry[],
    readonly now: () => number,
  ) {
    const hasRoot = mounts.some((m) => m.target === '/');
    const all = hasRoot ? [...mounts] : [{ target: '/', root: emptyDir(0), readOnly: false, source: 'overlay', fsType: 'overlay', sizeBytes: 0 }, ...mounts];
    // Later mounts over the same target hide earlier ones, as in the kernel.
    this.mounts = all;
  }

  /** The mount a path lives on and the path components inside it. */
  mountOf(abs: string): { mount: MountEntry; rel: string[] } {
    const parts = splitPath(abs);
    let best: MountEntry = this.mounts[0];
    let bestLen = -1;
    for (const m of this.mounts) {
      const mp = splitPath(m.target);
      if (mp.length > parts.length || mp.length < bestLen) continue;
      if (mp.every((p, i) => parts[i] === p)) {
        best = m;
        bestLen = mp.length;
      }
    }
    return { mount: best, rel: parts.slice(Math.max(0, bestLen)) };
  }

  lookup(abs: string): FsNode | undefined {
    const { mount, rel } = this.mountOf(abs);
    let cur: FsNode = mount.root;
    for (const p of rel) {
      if (cur.type !== 'dir') return undefined;
      const next: FsNode | undefined = cur.entries[p];
      if (!next) return undefined;
      cur = next;
    }
    return cur;
  }

  /** Names of a directory's entries, mount points included, sorted like `ls` (C locale). */
  list(abs: string): string[] | undefined {
    const n = this.lookup(abs);
    if (!n || n.type !== 'dir') return undefined;
    const names = new Set(Object.keys(n.entries));
    const here = splitPath(abs);
    for (const m of this.mounts) {
      const mp = splitPath(m.target);
      if (mp.length === here.length + 1 && here.every((p, i) => mp[i] === p)) names.add(mp[mp.length - 1]);
    }
    return [...names].sort();
  }

  /** The directory holding abs's last component, for creating/removing it; throws FsError. */
  parentForWrite(abs: string): { dir: DirNode; name: string; mount: MountEntry } {
    const parts = splitPath(abs);
    if (parts.length === 0) throw new FsError('EEXIST');
    const name = parts[parts.length - 1];
    const parentPath = `/${parts.slice(0, -1).join('/')}`;
    const parent = this.lookup(parentPath);
    if (!parent) throw new FsError('ENOENT');
    if (parent.type !== 'dir') throw new FsError('ENOTDIR');
    const { mount } = this.mountOf(abs);
    if (this.isMountPoint(abs)) return { dir: parent, name, mount };
    if (mount.readOnly) throw new FsError('EROFS');
    return { dir: parent, name, mount };
  }

  isMountPoint(abs: string): boolean {
    return this.mounts.some((m) => m.target === abs && abs !== '/');
  }

  writeFile(abs: string, content: string, append: boolean): void {
    const existing = this.lookup(abs);
    if (existing?.type === 'dir') throw new FsError('EISDIR');
    const { mount } = this.mountOf(abs);
    if (mount.readOnly) throw new FsError('EROFS');
    if (existing) {
      existing.content = append ? existing.content + content : content;
      existing.mtime = this.now();
      return;
    }
    const { dir, name } = this.parentForWrite(abs);
    dir.entries[name] = { type: 'file', content, mode: 0o644, mtime: this.now() };
    dir.mtime = this.now();
  }

  mkdir(abs: string): void {
    if (this.lookup(abs)) throw new FsError('EEXIST');
    const { dir, name } = this.parentForWrite(abs);
    dir.entries[name] = emptyDir(this.now());
    dir.mtime = this.now();
  }

  remove(abs: string): void {
    if (this.isMountPoint(abs)) throw new FsError('EINVAL');
    const { dir, name, mount } = this.parentForWrite(abs);
    if (mount.readOnly) throw new FsError('EROFS');
    if (!dir.entries[name]) throw new FsError('ENOENT');
    delete dir.entries[name];
    dir.mtime = this.now();
  }
}
