// The graph's layout, computed in the worker: it mirrors exactly what the patches give the UI (objects,
// assets, the components that have acted), recomputes the pure layout only when something it depends on
// changed (not on a status change), and hands the patch the difference from the last layout it sent.
import type { KObject } from '../engine/model/types';
import type { AssetRecord, ClusterInfo, LayoutDiff, Patch } from '../protocol/messages';
import { computeLayout, keyOf, type Layout } from '../protocol/layout';
import { diffLayout, EMPTY_LAYOUT } from '../protocol/layout-diff';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the graph layout depends on for one object (a phase change depends on none of it). */
export function layoutSig(o: KObject): string {
  const s = (o.spec ?? {}) as Any;
  switch (o.kind) {
    case 'Pod':
      return [
        s.nodeName ?? '',
        (s.volumes ?? []).map((v: Any) => `${v.name}:${v.persistentVolumeClaim?.claimName ?? Object.keys(v).find((k) => k !== 'name') ?? ''}`).join(','),
        (s.containers ?? []).map((c: Any) => (c.volumeMounts ?? []).map((m: Any) => m.name).join('+')).join(','),
        (o.metadata.ownerReferences ?? []).map((r) => r.name).join(','),
      ].join('|');
    case 'PersistentVolumeClaim':
      return `${s.volumeName ?? ''}|${s.storageClassName ?? ''}`;
    case 'PersistentVolume':
      return `${s.claimRef?.name ?? ''}|${s.storageClassName ?? ''}|${s.csi?.volumeHandle ?? ''}|${s.csi?.driver ?? ''}`;
    case 'VolumeAttachment':
      return `${s.nodeName ?? ''}|${s.source?.persistentVolumeName ?? ''}`;
    case 'ReplicaSet':
    case 'Deployment':
    case 'StatefulSet':
      return (o.metadata.ownerReferences ?? []).map((r) => r.name).join(',');
    case 'Node':
      return (o.metadata.labels ?? {})['topology.kubernetes.io/zone'] ?? '';
    default:
      return '';
  }
}

/** Event sources (upstream component names) as the graph's component ids. */
export function componentOfSource(component: string, host?: string): string | undefined {
  switch (component) {
    case 'persistentvolume-controller':
      return 'pv-controller';
    case 'default-scheduler':
      return 'scheduler';
    case 'attachdetach-controller':
      return 'attachdetach-controller';
    case 'kubelet':
      return host ? `kubelet/${host}` : undefined;
    default:
      return undefined;
  }
}

const assetSig = (as: readonly AssetRecord[]) => as.map((a) => a.id + a.deleted + a.attachedTo.join()).join('\n');

export class GraphTracker {
  private objects: Record<string, KObject> = {};
  private readonly sigs = new Map<string, string>();
  private components: string[] = [];
  private assets: readonly AssetRecord[] = [];
  private layout: Layout = EMPTY_LAYOUT;
  private cluster: ClusterInfo | undefined;

  /** The UI emptied its mirror (a `ready`): start from nothing, as it does. */
  reset(cluster: ClusterInfo): void {
    this.objects = {};
    this.sigs.clear();
    this.components = [];
    this.assets = [];
    this.layout = EMPTY_LAYOUT;
    this.cluster = cluster;
  }

  /** the layout as the UI holds it after the last diff */
  get current(): Layout {
    return this.layout;
  }

  get acted(): readonly string[] {
    return this.components;
  }

  /** Folds in a patch the UI is about to receive; returns how the layout changes with it. */
  update(p: Patch): LayoutDiff | undefined {
    let structural = this.updateComponents(p);
    for (const o of p.upsert) {
      const k = keyOf(o);
      const sig = layoutSig(o);
      if (this.sigs.get(k) !== sig) structural = true;
      this.sigs.set(k, sig);
      this.objects[k] = o;
    }
    for (const k of p.removed)
      if (this.sigs.delete(k)) {
        delete this.objects[k];
        structural = true;
      }
    if (p.assets) {
      if (assetSig(p.assets) !== assetSig(this.assets)) structural = true;
      this.assets = p.assets;
    }
    if (!structural) return undefined;
    const next = computeLayout({ objects: this.objects, assets: this.assets, cluster: this.cluster, components: this.components });
    const d = diffLayout(this.layout, next);
    this.layout = next;
    return d;
  }

  /** Control-plane and CSI components that have acted (traces, event sources); true when the set grew or shrank. */
  private updateComponents(p: Patch): boolean {
    if (!(p.traces.length || p.tracesReset || p.events.length || p.eventsReset || p.transitions.length || p.upsert.length)) return false;
    const set = new Set(p.tracesReset || p.eventsReset ? [] : this.components);
    for (const tr of p.traces) (set.add(tr.from), set.add(tr.to));
    for (const e of p.events) {
      const c = componentOfSource(e.source.component, e.source.host);
      if (c) set.add(c);
    }
    // Some acts leave no event or trace (a static bind, a scheduling decision): infer who did them.
    for (const tr of p.transitions) if (/^PersistentVolume(Claim)?\//.test(tr.key) && (tr.to === 'Bound' || tr.to === 'Released')) set.add('pv-controller');
    for (const o of p.upsert) {
      if (o.kind === 'Pod' && (o.spec as Any | undefined)?.nodeName && !(this.objects[keyOf(o)]?.spec as Any | undefined)?.nodeName) set.add('scheduler');
      if (o.kind === 'VolumeAttachment') set.add('attachdetach-controller');
    }
    const next = [...set].sort();
    if (next.join('\n') === this.components.join('\n')) return false;
    this.components = next;
    return true;
  }
}
