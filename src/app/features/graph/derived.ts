// Derived, per-frame facts the cards read as booleans: what relates to the selection, and which objects
// and components a CSI call is concerned with right now (from engine traces and virtual time only).
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { TimedTrace } from '../../../engine/sim/simulation';

export interface Derived {
  selected?: string;
  related?: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  /** appear animations only while the graph is small enough that mounting cards stays cheap */
  animate: boolean;
}

export const derivedStore = createStore<Derived>(() => ({ busy: new Set(), animate: true }));

export function useDerived<T>(sel: (s: Derived) => T): T {
  return useStore(derivedStore, sel);
}

/** Virtual ms a call takes to travel along its edge, and how long it stays visible. */
export const TRAVEL_MS = 900;
export const SHOW_MS = 2400;
/** above this many graph nodes, cards appear without animation and the view refits without easing */
export const BIG_GRAPH = 250;

/** Traces in flight at virtual time now (absolute ms). */
export function activeTraces(traces: readonly TimedTrace[], now: number): TimedTrace[] {
  const out: TimedTrace[] = [];
  for (let i = traces.length - 1; i >= 0; i--) {
    const t = traces[i];
    if (now - t.time > SHOW_MS) break;
    if (t.time <= now) out.push(t);
  }
  return out.reverse();
}
