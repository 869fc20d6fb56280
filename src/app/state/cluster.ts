// The UI's mirror of the simulated cluster, fed only by worker patches. A patch replaces the records it
// names and nothing else, so unchanged objects keep their identity and a card subscribed to one key
// re-renders only when that object changed. The graph's layout is computed in the worker and arrives as
// a diff (src/protocol/layout-diff.ts); `structure` bumps only when it changed (objects added/removed, a
// pod bound to a node, a claim bound to a volume …), never on a status change.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { KObject } from '../../engine/model/types';
import type { TimedTrace } from '../../engine/sim/simulation';
import type { Layout } from '../../protocol/layout';
import { applyLayoutDiff, EMPTY_LAYOUT } from '../../protocol/layout-diff';
import type { UiEvent, AssetRecord, ClusterInfo, Patch, PhaseTransition, PlaybackState, ScenarioStepView, ScenarioSummary } from '../../protocol/messages';

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
  /** the graph's layout, computed by the worker */
  layout: Layout;
  structure: number;
  events: readonly UiEvent[];
  traces: readonly TimedTrace[];
  transitions: readonly PhaseTransition[];
  assets: readonly AssetRecord[];
  /** the newest event per involved object: a Warning there is shown on the object (FailedBinding …) */
  lastEvent: Readonly<Record<string, UiEvent>>;
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
  layout: EMPTY_LAYOUT,
  structure: 0,
  events: [],
  traces: [],
  transitions: [],
  assets: [],
  lastEvent: {},
  time: 0,
  touched: [],
  playback: { playing: false, speed: 1, time: 0, horizon: 0, log: [], marks: [] },
};

export function reducePatch(st: ClusterState, p: Patch): Partial<ClusterState> {
  let objects = st.objects;
  if (p.upsert.length || p.removed.length) {
    const o2: Record<string, KObject> = { ...st.objects };
    for (const obj of p.upsert) o2[keyOf(obj)] = obj;
    for (const k of p.removed) delete o2[k];
    objects = o2;
  }
  const events = p.eventsReset ? p.events.slice(-EVENT_WINDOW) : p.events.length ? [...st.events, ...p.events].slice(-EVENT_WINDOW) : st.events;
  const traces = p.tracesReset ? p.traces.slice(-TRACE_WINDOW) : p.traces.length ? [...st.traces, ...p.traces].slice(-TRACE_WINDOW) : st.traces;
  const transitions = p.eventsReset ? p.transitions : p.transitions.length ? [...st.transitions, ...p.transitions].slice(-TRACE_WINDOW) : st.transitions;
  const assets = p.assets ?? st.assets;
  let lastEvent = st.lastEvent;
  if (p.eventsReset || p.events.length) {
    const le: Record<string, UiEvent> = p.eventsReset ? {} : { ...st.lastEvent };
    for (const e of p.events) le[involvedKey(e)] = e;
    lastEvent = le;
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
    events,
    traces,
    transitions,
    assets,
    lastEvent,
    time: p.time,
    ...(p.layout ? { layout: applyLayoutDiff(st.layout, p.layout), structure: st.structure + 1 } : {}),
  };
}

export function involvedKey(e: UiEvent): string {
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
