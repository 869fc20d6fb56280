// A tiny in-memory file tree: what a disk, a NAS export, a node directory or an emptyDir holds.
// Plain data (structured-clone safe), so the UI can show it and a checkpoint can copy it.

export interface FileNode {
  readonly type: 'file';
  content: string;
  mode: number;
  mtime: number;
}

export interface DirNode {
  readonly type: 'dir';
  entries: Record<string, FsNode>;
  mode: number;
  mtime: number;
}

export type FsNode = FileNode | DirNode;

export function emptyDir(now = 0, mode = 0o755): DirNode {
  return { type: 'dir', entries: {}, mode, mtime: now };
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p.length > 0 && p !== '.');
}

/** Looks up a path relative to root; undefined when a component is missing or not a directory. */
export function lookup(root: DirNode, path: string): FsNode | undefined {
  let cur: FsNode = root;
  for (const part of splitPath(path)) {
    if (cur.type !== 'dir') return undefined;
    const next: FsNode | undefined = cur.entries[part];
    if (!next) return undefined;
    cur = next;
  }
  return cur;
}

/** mkdir -p; returns the directory, or undefined when a component is a file. */
export function mkdirp(root: DirNode, path: string, now = 0): DirNode | undefined {
  let cur: DirNode = root;
  for (const part of splitPath(path)) {
    const next: FsNode | undefined = cur.entries[part];
    if (!next) {
      const d = emptyDir(now);
      cur.entries[part] = d;
      cur = d;
    } else if (next.type === 'dir') cur = next;
    else return undefined;
  }
  return cur;
}

export function countFiles(root: FsNode): number {
  if (root.type === 'file') return 1;
  let n = 0;
  for (const e of Object.values(root.entries)) n += countFiles(e);
  return n;
}

export function usedBytes(root: FsNode): number {
  if (root.type === 'file') return root.content.length;
  let n = 0;
  for (const e of Object.values(root.entries)) n += usedBytes(e);
  return n;
}
