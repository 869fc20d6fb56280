// The storage outside Kubernetes: cloud disks in zones, NAS file systems, node directories, emptyDirs.
// An asset's lifetime is independent of any PV object — deleting a PV with policy Retain leaves the disk
// and its files; only a DeleteVolume call (Delete policy) destroys them.
import { emptyDir, type DirNode } from '../fs/tree';
import type { BackendKind } from './cluster-config';

export type AssetKind = 'disk' | 'filesystem' | 'node-dir' | 'empty-dir' | 'memory' | 'snapshot';

export interface Asset {
  /** volume handle / backend id (d-2ze…, nas-…, node-1:/mnt/data) */
  readonly id: string;
  readonly kind: AssetKind;
  readonly backend?: BackendKind;
  readonly driver?: string;
  /** zone for zonal disks, node for node-local assets */
  readonly zone?: string;
  readonly node?: string;
  sizeBytes: number;
  /** creation time (virtual ms) */
  readonly createdAt: number;
  /** set when destroyed; the asset stays listed so the UI can show what was lost */
  deletedAt?: number;
  /** nodes this asset is attached to (disks) */
  attachedTo: string[];
  /** what created it: claim key, pod uid, or 'static' */
  readonly origin?: string;
  /** free-form parameters (type, fsType, remote path, source snapshot) */
  readonly params: Record<string, string>;
  readonly root: DirNode;
}

export class Backends {
  private readonly assets = new Map<string, Asset>();

  get(id: string): Asset | undefined {
    return this.assets.get(id);
  }

  /** live (not destroyed) assets, in creation order */
  list(): Asset[] {
    return [...this.assets.values()].filter((a) => a.deletedAt === undefined);
  }

  /** every asset ever made, destroyed ones included */
  all(): Asset[] {
    return [...this.assets.values()];
  }

  add(a: Omit<Asset, 'root' | 'attachedTo'> & { root?: DirNode; attachedTo?: string[] }): Asset {
    const asset: Asset = { ...a, attachedTo: a.attachedTo ?? [], root: a.root ?? emptyDir(a.createdAt) };
    this.assets.set(asset.id, asset);
    return asset;
  }

  destroy(id: string, now: number): boolean {
    const a = this.assets.get(id);
    if (!a || a.deletedAt !== undefined) return false;
    a.deletedAt = now;
    a.attachedTo = [];
    a.root.entries = {};
    return true;
  }

  usedBytes(driver: string): number {
    let n = 0;
    for (const a of this.assets.values()) if (a.driver === driver && a.deletedAt === undefined) n += a.sizeBytes;
    return n;
  }
}
