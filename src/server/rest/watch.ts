// ?watch=true: a chunked stream of newline-delimited {"type","object"} events, like kube-apiserver's watch
// cache. A recent window of store events is kept so a watch from a list's resourceVersion sees exactly
// what happened after that list; older versions get the 410 Expired error event a real server sends.
import type { KindInfo } from '../../engine/model/kinds';
import type { KObject } from '../../engine/model/types';
import type { Simulation } from '../../engine/sim/simulation';
import type { WatchEvent } from '../../engine/store/store';
import { listObjects } from './handlers';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR';

export interface WatchRequest {
  readonly kind: KindInfo;
  readonly namespace?: string;
  /** object filter (selectors, and metadata.name for a single-object watch) */
  readonly filter: (o: KObject) => boolean;
  /** undefined or "0": start with ADDED for every current object; otherwise replay after this version */
  readonly resourceVersion?: string;
  readonly send: (type: WatchEventType, obj: unknown) => void;
}

const HISTORY_LIMIT = 20_000;

export class WatchHub {
  private readonly history: WatchEvent[] = [];
  private readonly subs = new Set<{ req: WatchRequest; deliver: (ev: WatchEvent) => void }>();
  private oldestRv: number;
  private readonly unwatch: () => void;

  constructor(private readonly sim: Simulation) {
    this.oldestRv = Number(sim.store.resourceVersion());
    this.unwatch = sim.store.watch((ev) => this.onEvent(ev));
  }

  close(): void {
    this.unwatch();
    this.subs.clear();
  }

  get watcherCount(): number {
    return this.subs.size;
  }

  /** Starts a watch; returns the function that stops it. */
  subscribe(req: WatchRequest): () => void {
    const deliver = (ev: WatchEvent) => this.deliver(req, ev);
    const rv = req.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      for (const o of listObjects(this.sim, req.kind, req.namespace, req.filter)) req.send('ADDED', o);
    } else {
      const from = Number(rv);
      if (!Number.isFinite(from) || from < this.oldestRv) {
        req.send('ERROR', {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `too old resource version: ${rv} (${this.oldestRv})`,
          reason: 'Expired',
          code: 410,
        });
        return () => {};
      }
      for (const ev of this.history) if (ev.resourceVersion > from) deliver(ev);
    }
    const sub = { req, deliver };
    this.subs.add(sub);
    return () => this.subs.delete(sub);
  }

  private onEvent(ev: WatchEvent): void {
    this.history.push(ev);
    if (this.history.length > HISTORY_LIMIT) {
      const dropped = this.history.splice(0, this.history.length - HISTORY_LIMIT);
      this.oldestRv = dropped[dropped.length - 1].resourceVersion;
    }
    for (const s of [...this.subs]) s.deliver(ev);
  }

  private deliver(req: WatchRequest, ev: WatchEvent): void {
    if (ev.kind !== req.kind.kind) return;
    if (req.namespace && ev.obj.metadata.namespace !== req.namespace) return;
    const now = req.filter(ev.obj);
    const before = ev.type === 'MODIFIED' && ev.old ? req.filter(ev.old) : now;
    // A filtered watch sees an object enter (ADDED) or leave (DELETED) its selection, as the watch cache does.
    if (ev.type === 'DELETED') {
      if (before || now) req.send('DELETED', ev.obj);
    } else if (ev.type === 'ADDED') {
      if (now) req.send('ADDED', ev.obj);
    } else if (now && before) req.send('MODIFIED', ev.obj);
    else if (now) req.send('ADDED', ev.obj);
    else if (before) req.send('DELETED', ev.obj);
  }
}
