// What the UI has not seen yet: the simulation's changes collected between two frames and turned into
// one Patch. It remembers the resourceVersion of every object the UI holds, so after a rebuild (seek
// back) only the difference is sent, never the whole cluster.
import { objectKey } from '../engine/model/kinds';
import type { KObject } from '../engine/model/types';
import type { RecordedEvent } from '../engine/events/recorder';
import type { Simulation, SimChange, TimedTrace } from '../engine/sim/simulation';
import type { ClusterConfig } from '../engine/storage/cluster-config';
import { assertNever, type AssetRecord, type ClusterInfo, type Patch, type PhaseTransition, type UiEvent } from '../protocol/messages';
import { displayStatus } from '../protocol/status';

/** events and traces kept for the UI after a rebuild (the full log stays in the engine) */
const UI_EVENT_WINDOW = 500;

/** Kinds the UI mirrors (Events travel separately as RecordedEvents). */
export const UI_KINDS = [
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'StorageClass',
  'VolumeAttachment',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'CSIDriver',
  'VolumeSnapshot',
  'VolumeSnapshotContent',
] as const;
const UI_KIND_SET = new Set<string>(UI_KINDS);

export function keyOf(o: KObject): string {
  return objectKey(o.kind, o.metadata.namespace || undefined, o.metadata.name);
}

export function clusterInfo(c: ClusterConfig): ClusterInfo {
  return {
    name: c.name,
    nodes: c.nodes.map((n) => ({ name: n.name, zone: n.labels['topology.kubernetes.io/zone'] })),
    drivers: c.drivers.map((d) => ({ name: d.name, backend: d.backend, attachRequired: d.attachRequired })),
  };
}

function countFiles(d: { entries?: Record<string, unknown> }): number {
  let n = 0;
  for (const e of Object.values(d.entries ?? {})) {
    const child = e as { entries?: Record<string, unknown> };
    n += child.entries ? countFiles(child) : 1;
  }
  return n;
}

export function assetRecords(sim: Simulation): AssetRecord[] {
  return sim.backends.all().map((a) => ({
    id: a.id,
    kind: a.kind,
    driver: a.driver,
    zone: a.zone,
    node: a.node,
    sizeBytes: a.sizeBytes,
    attachedTo: [...a.attachedTo],
    fileCount: countFiles(a.root),
    deleted: a.deletedAt !== undefined,
  }));
}

interface Pending {
  upsert: Map<string, KObject>;
  removed: Set<string>;
  events: UiEvent[];
  traces: TimedTrace[];
  transitions: PhaseTransition[];
  eventsReset: boolean;
  tracesReset: boolean;
  dirty: boolean;
}

const emptyPending = (): Pending => ({
  upsert: new Map(),
  removed: new Set(),
  events: [],
  traces: [],
  transitions: [],
  eventsReset: false,
  tracesReset: false,
  dirty: false,
});

export class ChangeCollector {
  private pending = emptyPending();
  /** what the UI holds: key → resourceVersion */
  private readonly sent = new Map<string, string>();
  private lastAssets = '';
  private lastSentTime = -1;
  /** first emission time per Event object (namespace/name): its firstTimestamp */
  private readonly firstSeen = new Map<string, number>();

  /** The UI emptied its mirror (a `ready`): everything is new to it again. */
  forgetSent(): void {
    this.sent.clear();
  }

  /**
   * Records one simulation change at virtual time t (ms since the epoch). Returns true when the change
   * is a moment worth a timeline mark (a status word changed, an event, a call).
   */
  record(c: SimChange, t: number, recording: boolean): boolean {
    switch (c.type) {
      case 'object': {
        if (!UI_KIND_SET.has(c.ev.kind)) return false;
        const before = c.ev.old ? displayStatus(c.ev.old) : undefined;
        const after = c.ev.type === 'DELETED' ? undefined : displayStatus(c.ev.obj);
        if (recording) {
          const k = keyOf(c.ev.obj);
          const p = this.pending;
          p.dirty = true;
          if (c.ev.type === 'DELETED') {
            p.upsert.delete(k);
            p.removed.add(k);
          } else {
            p.removed.delete(k);
            p.upsert.set(k, c.ev.obj);
            if (after !== undefined && before !== after) p.transitions.push({ key: k, from: before, to: after, time: t });
          }
        }
        return before !== after;
      }
      case 'event': {
        const id = `${c.event.namespace}/${c.event.name}`;
        if (c.event.count === 1 || !this.firstSeen.has(id)) this.firstSeen.set(id, c.event.time);
        if (recording) {
          this.pending.events.push(this.toUi(c.event));
          this.pending.dirty = true;
        }
        return true;
      }
      case 'trace':
        if (recording) {
          this.pending.traces.push(c.trace);
          this.pending.dirty = true;
        }
        return true;
      case 'time':
        return false;
      default:
        return assertNever(c);
    }
  }

  /** The fields the UI shows, with the Event's first emission (an aggregated one only counts up). */
  private toUi(e: RecordedEvent): UiEvent {
    const id = `${e.namespace}/${e.name}`;
    const { kind, namespace, name } = e.involved;
    return {
      seq: e.seq,
      id,
      time: e.time,
      first: this.firstSeen.get(id) ?? e.time,
      count: e.count,
      involved: namespace ? { kind, namespace, name } : { kind, name },
      type: e.type,
      reason: e.reason,
      message: e.message,
      source: e.source,
    };
  }

  /** After a rebuild: the difference between what the UI holds and the rebuilt store. */
  diffAfterRebuild(sim: Simulation): void {
    const p = this.pending;
    const seen = new Set<string>();
    for (const kind of UI_KINDS)
      for (const o of sim.store.list(kind)) {
        const k = keyOf(o);
        seen.add(k);
        if (this.sent.get(k) !== o.metadata.resourceVersion) p.upsert.set(k, o);
      }
    for (const k of this.sent.keys()) if (!seen.has(k)) p.removed.add(k);
    p.eventsReset = true;
    // every emission went through record() while replaying, so firstSeen knows each Event's first one
    p.events = sim.eventLog.slice(-UI_EVENT_WINDOW).map((e) => this.toUi(e));
    p.tracesReset = true;
    p.traces = sim.traces.slice(-UI_EVENT_WINDOW);
    p.transitions = [];
    p.dirty = true;
    this.lastAssets = '';
  }

  /** The patch for this frame, or undefined when nothing (not even the time) changed. */
  take(sim: Simulation, time: number, force: boolean): Patch | undefined {
    const p = this.pending;
    const assets = assetRecords(sim);
    const assetsJson = JSON.stringify(assets);
    const assetsChanged = assetsJson !== this.lastAssets;
    if (!(p.dirty || assetsChanged || force || time !== this.lastSentTime)) return undefined;
    this.lastSentTime = time;
    for (const [k, o] of p.upsert) this.sent.set(k, o.metadata.resourceVersion ?? '');
    for (const k of p.removed) this.sent.delete(k);
    this.lastAssets = assetsJson;
    this.pending = emptyPending();
    return {
      time,
      upsert: [...p.upsert.values()],
      removed: [...p.removed].filter((k) => !p.upsert.has(k)),
      eventsReset: p.eventsReset,
      events: p.events,
      tracesReset: p.tracesReset,
      traces: p.traces,
      transitions: p.transitions,
      ...(assetsChanged ? { assets } : {}),
    };
  }
}
