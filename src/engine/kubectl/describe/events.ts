// DescribeEvents and searchEvents: the events whose involvedObject is this object (by name, namespace,
// kind — not for pods — and uid), sorted by lastTimestamp, with `Age` like `12s (x3 over 37s)`.
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { since } from '../duration';
import { num, rec, str } from '../printers/helpers';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './writer';
import { goSort } from '../gosort';

export function searchEvents(sim: Simulation, o: KObject, matchKind = true): KObject[] {
  const ns = o.metadata.namespace ?? '';
  const evs = sim.store.list('Event').filter((e) => {
    const io = rec(e.involvedObject);
    if (str(io.name) !== o.metadata.name) return false;
    if (str(io.namespace) !== ns) return false;
    if (matchKind && str(io.kind) !== o.kind) return false;
    if (o.metadata.uid && io.uid && str(io.uid) !== o.metadata.uid) return false;
    return true;
  });
  // The API lists in key order (namespace/name); describe then sorts with Go's unstable sort.Sort by
  // eventTime() (series.lastObservedTime, else lastTimestamp, else eventTime).
  const listed = [...evs].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  const t = (e: KObject) =>
    Date.parse(str(rec(e.series).lastObservedTime) || str(e.lastTimestamp) || str(e.eventTime)) || 0;
  return goSort(listed, (a, b) => t(a) < t(b));
}

export function describeEvents(w: PrefixWriter, events: readonly KObject[], now: number): void {
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const first = e.eventTime ? since(str(e.eventTime), now) : since(str(e.firstTimestamp), now);
    let interval = first;
    const series = e.series ? rec(e.series) : undefined;
    if (series) interval = `${since(str(series.lastObservedTime), now)} (x${num(series.count)} over ${first})`;
    else if (num(e.count) > 1) interval = `${since(str(e.lastTimestamp), now)} (x${num(e.count)} over ${first})`;
    const source = str(rec(e.source).component) || str(e.reportingComponent);
    w.write(LEVEL_1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}
