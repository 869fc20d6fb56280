// The event list as `kubectl get events` lists it: one row per Event object, not per emission. An Event
// that happened again (client-go's EventCorrelator raised its count) is one row whose LAST SEEN reads
// `12s (x3 over 45s)`, the interval `kubectl events` and `kubectl describe` print
// (staging/src/k8s.io/kubectl/pkg/cmd/events/event_printer.go getInterval).
import type { UiEvent } from '../../../protocol/messages';
import { humanDuration } from '../../../engine/model/duration';

/** Event objects newest first by their last emission; `only` keeps those about one object (its key). */
export function eventRows(events: readonly UiEvent[], only?: string, max = 300): UiEvent[] {
  const latest = new Map<string, UiEvent>();
  for (const e of events) {
    if (only && involvedKeyOf(e) !== only) continue;
    const prev = latest.get(e.id);
    if (!prev || prev.seq < e.seq) latest.set(e.id, e);
  }
  return [...latest.values()].sort((a, b) => b.time - a.time || b.seq - a.seq).slice(0, max);
}

/** metav1.Time has whole seconds: lastTimestamp and firstTimestamp are the emission times truncated. */
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/** LAST SEEN at virtual time now (absolute ms), as getInterval: `45s`, or `12s (x3 over 45s)`. */
export function lastSeen(e: UiEvent, now: number): string {
  const first = humanDuration(now - wholeSeconds(e.first));
  return e.count > 1 ? `${humanDuration(now - wholeSeconds(e.time))} (x${e.count} over ${first})` : first;
}

/** OBJECT as `kubectl get events` prints it: the lower-cased kind and the name. */
export function eventObject(e: UiEvent): string {
  return `${e.involved.kind.toLowerCase()}/${e.involved.name}`;
}

function involvedKeyOf(e: UiEvent): string {
  const i = e.involved;
  return i.namespace ? `${i.kind}/${i.namespace}/${i.name}` : `${i.kind}//${i.name}`;
}
