// The UI's mirror of the simulated cluster, fed only by worker patches. A patch replaces the records it
// names and nothing else, so unchanged objects keep their identity and a card subscribed to one key
// re-renders only when that object changed. `structure` bumps only when something the graph layout
// depends on changed (objects added/removed, a pod bound to a node, a claim bound to a volume …).
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { KObject } from '../../engine/model/types';
import type { RecordedEvent } from '../../engine/events/recorder';
import type { TimedTrace } from '../../engine/sim/simulation';
import type { AssetRecord, ClusterInfo, Patch, PhaseTransition, PlaybackState, ScenarioStepView, ScenarioSummary } from '../../protocol/messages';

export interface ActiveScenario {
  readonly id: string;
  readonly summary?: { readonly en: string; readonly zh: string };
  readonly steps: readonly ScenarioStepView[];
}

export const EVENT_WINDOW = 500;
export const TRACE_WINDOW = 200;

export interface ClusterState {
  ready: boolean;
  profile: string;
  profiles: readonly string[];
  seed: number;
  epoch: number;
  cluster?: ClusterInfo;
  scenarios: readonly ScenarioSummary[];
  scenario?: ActiveScenario;
  objects: Readonly<Record<string, KObject>>;
  /** layout signature per key (not rendered; compared on each patch) */
  sigs: Readonly<Record<string, string>>;
  structure: number;
  events: readonly RecordedEvent[];
  traces: readonly TimedTrace[];
  transitions: readonly PhaseTransition[];
  assets: readonly AssetRecord[];
  /** control-plane and CSI components that have acted (traces, event sources), sorted */
  components: readonly string[];
  /** the newest event per involved object: a Warning there is shown on the object (FailedBinding …) */
  lastEvent: Readonly<Record<string, RecordedEvent>>;
  time: number;
  playback: PlaybackState;
  /**
   * What the latest change concerned (objects created, updated or removed, and the components and objects
   * of new calls): where the graph scrolls when the whole picture cannot be shown at a readable size.
   */
  touched: readonly string[];
}

export const initialCluster: ClusterState = {
  ready: false,
  profile: '',
  profiles: [],
  seed: 1,
  epoch: 0,
  scenarios: [],
  objects: {},
  sigs: {},
  structure: 0,
  events: [],
  traces: [],
  transitions: [],
  assets: [],
  lastEvent: {},
  components: [],
  time: 0,
  touched: [],
  playback: { playing: false, speed: 1, time: 0, horizon: 0, log: [], marks: [] },
};

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** What the graph layout depends on for one object. */
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
    default:
      return '';
  }
}

export function reducePatch(st: ClusterState, p: Patch): Partial<ClusterState> {
  let objects = st.objects;
  let sigs = st.sigs;
  let structural = false;
  if (p.upsert.length || p.removed.length) {
    const o2: Record<string, KObject> = { ...st.objects };
    const s2: Record<string, string> = { ...st.sigs };
    for (const obj of p.upsert) {
      const k = keyOf(obj);
      const sig = layoutSig(obj);
      if (!(k in o2) || s2[k] !== sig) structural = true;
      o2[k] = obj;
      s2[k] = sig;
    }
    for (const k of p.removed) {
      if (k in o2) structural = true;
      delete o2[k];
      delete s2[k];
    }
    objects = o2;
    sigs = s2;
  }
  const events = p.eventsReset ? p.events.slice(-EVENT_WINDOW) : p.events.length ? [...st.events, ...p.events].slice(-EVENT_WINDOW) : st.events;
  const traces = p.tracesReset ? p.traces.slice(-TRACE_WINDOW) : p.traces.length ? [...st.traces, ...p.traces].slice(-TRACE_WINDOW) : st.traces;
  const transitions = p.eventsReset ? p.transitions : p.transitions.length ? [...st.transitions, ...p.transitions].slice(-TRACE_WINDOW) : st.transitions;
  const assets = p.assets ?? st.assets;
  let lastEvent = st.lastEvent;
  if (p.eventsReset || p.events.length) {
    const le: Record<string, RecordedEvent> = p.eventsReset ? {} : { ...st.lastEvent };
    for (const e of p.events) le[involvedKey(e)] = e;
    lastEvent = le;
  }
  if (p.assets && JSON.stringify(p.assets.map((a) => a.id + a.deleted + a.attachedTo.join())) !== JSON.stringify(st.assets.map((a) => a.id + a.deleted + a.attachedTo.join())))
    structural = true;
  // traces and event sources add components to the graph
  let components = st.components;
  if (p.traces.length || p.tracesReset || p.events.length || p.eventsReset || p.transitions.length || p.upsert.length) {
    const set = new Set(p.tracesReset || p.eventsReset ? [] : st.components);
    for (const tr of p.traces) {
      set.add(tr.from);
      set.add(tr.to);
    }
    for (const e of p.events) {
      const c = componentOfSource(e.source.component, e.source.host);
      if (c) set.add(c);
    }
    if (p.tracesReset) for (const tr of traces) (set.add(tr.from), set.add(tr.to));
    // Some acts leave no event or trace (a static bind, a scheduling decision): infer who did them.
    for (const tr of p.transitions) if (/^PersistentVolume(Claim)?\//.test(tr.key) && (tr.to === 'Bound' || tr.to === 'Released')) set.add('pv-controller');
    for (const o of p.upsert) {
      if (o.kind === 'Pod' && (o.spec as Any | undefined)?.nodeName && !(st.objects[keyOf(o)]?.spec as Any | undefined)?.nodeName) set.add('scheduler');
      if (o.kind === 'VolumeAttachment') set.add('attachdetach-controller');
    }
    const next = [...set].sort();
    if (next.join('\n') !== st.components.join('\n')) {
      components = next;
      structural = true;
    }
  }
  let touched = st.touched;
  if (p.eventsReset || p.tracesReset) {
    // a seek rebuilt everything: what matters is the calls in flight around the new moment
    const now = p.time + st.epoch;
    const t = new Set<string>();
    for (const tr of traces)
      if (tr.time <= now && now - tr.time <= (tr.durationMs ?? 0) + 3000) {
        t.add(`comp:${tr.from}`);
        t.add(`comp:${tr.to}`);
        for (const o of tr.objects) t.add(o);
      }
    touched = [...t];
  } else if (p.upsert.length || p.removed.length || p.traces.length) {
    const t = new Set<string>();
    for (const o of p.upsert) t.add(keyOf(o));
    for (const k of p.removed) t.add(k);
    for (const tr of p.traces) {
      t.add(`comp:${tr.from}`);
      t.add(`comp:${tr.to}`);
      for (const o of tr.objects) t.add(o);
    }
    touched = [...t];
  }
  return {
    touched,
    objects,
    sigs,
    events,
    traces,
    transitions,
    assets,
    lastEvent,
    components,
    time: p.time,
    structure: structural ? st.structure + 1 : st.structure,
  };
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

export function involvedKey(e: RecordedEvent): string {
  const i = e.involved;
  return i.namespace ? `${i.kind}/${i.namespace}/${i.name}` : `${i.kind}//${i.name}`;
}

export function keyOf(o: KObject): string {
  const ns = o.metadata.namespace;
  return ns ? `${o.kind}/${ns}/${o.metadata.name}` : `${o.kind}//${o.metadata.name}`;
}

export const clusterStore = createStore<ClusterState>(() => initialCluster);

export function useCluster<T>(sel: (s: ClusterState) => T): T {
  return useStore(clusterStore, sel);
}
