// Derived, per-frame facts the cards read as booleans: what relates to the selection, and which objects
// and components a CSI call is concerned with right now (from engine traces and virtual time only).
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { TimedTrace } from '../../../engine/sim/simulation';
import { isShown } from './virtual-now';

export interface Derived {
  selected?: string;
  related?: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  /** calls on screen per object they concern (a PV's ControllerPublishVolume, a pod's NodePublishVolume) */
  calls: ReadonlyMap<string, readonly TimedTrace[]>;
  /** appear animations only while the graph is small enough that mounting cards stays cheap */
  animate: boolean;
}

export const derivedStore = createStore<Derived>(() => ({ busy: new Set(), calls: new Map(), animate: true }));

export function useDerived<T>(sel: (s: Derived) => T): T {
  return useStore(derivedStore, sel);
}

/** above this many graph nodes, cards appear without animation and the view refits without easing */
export const BIG_GRAPH = 250;

/** Traces on screen at virtual time now (absolute ms): travelling, or arrived a moment ago. */
export function activeTraces(traces: readonly TimedTrace[], now: number): TimedTrace[] {
  // the window holds at most TRACE_WINDOW traces, in time order; calls last seconds, not minutes
  const out: TimedTrace[] = [];
  for (let i = traces.length - 1; i >= 0; i--) {
    const t = traces[i];
    if (now - t.time > MAX_CALL_MS) break;
    if (isShown(t, now)) out.push(t);
  }
  return out.reverse();
}

/** no call's label stays longer than this (virtual ms), so the scan above can stop early */
const MAX_CALL_MS = 120_000;
