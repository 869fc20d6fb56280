// The engine's virtual clock as one motion value. Everything that moves with a call in flight (a call's
// label along its edge, the disk attaching to its node, the volume mounting into its pod) derives its
// progress from this value with useTransform, so a running clock moves them without a React render, a
// pause freezes them, a seek replays them and the playback speed scales them. No UI timer is involved:
// the value changes only when a worker patch moves the virtual time.
import { useLayoutEffect, type RefObject } from 'react';
import { motionValue, type MotionValue } from 'motion/react';
import type { TimedTrace } from '../../../engine/sim/simulation';
import { clusterStore } from '../../state/cluster';

export const virtualNow: MotionValue<number> = motionValue(0);

{
  const s = clusterStore.getState();
  virtualNow.set(s.time + s.epoch);
}
clusterStore.subscribe((s, prev) => {
  if (s.time !== prev.time || s.epoch !== prev.epoch) virtualNow.jump(s.time + s.epoch);
});

/**
 * Virtual ms a call's label takes to travel: the call's own latency (the engine emits a CSI trace when the
 * call starts, with `durationMs`), but never less than MIN_TRAVEL_MS so a 100 ms NodePublishVolume can
 * still be followed by eye at 1×.
 */
export const MIN_TRAVEL_MS = 700;
/** …and how long a call stays on screen once it has arrived. */
export const LINGER_MS = 1500;

export function travelMs(t: Pick<TimedTrace, 'durationMs'>): number {
  return Math.max(MIN_TRAVEL_MS, t.durationMs ?? 0);
}

/** 0 at the call's start, 1 on arrival. */
export function progressAt(t: Pick<TimedTrace, 'time' | 'durationMs'>, now: number): number {
  return Math.max(0, Math.min(1, (now - t.time) / travelMs(t)));
}

/** Is the call on screen at virtual time `now` (travelling or just arrived)? */
export function isShown(t: Pick<TimedTrace, 'time' | 'durationMs'>, now: number): boolean {
  return t.time <= now && now <= t.time + travelMs(t) + LINGER_MS;
}

/**
 * Binds motion values to an element's inline style (CSS property names): the element follows the values
 * without React re-rendering and without motion's component bundle (the cards need no gestures or layout
 * animations, only values that follow the virtual clock).
 */
export function useMotionStyle(ref: RefObject<HTMLElement | null>, styles: Readonly<Record<string, MotionValue<string>>>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const offs = Object.entries(styles).map(([prop, mv]) => {
      el.style.setProperty(prop, mv.get());
      return mv.on('change', (v) => el.style.setProperty(prop, v));
    });
    return () => offs.forEach((off) => off());
    // the motion values are created once per component (useTransform); their identity is the dependency
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, ...Object.values(styles)]);
}
