// core/v1 Events as client-go's EventRecorder + EventCorrelator write them: an identical event
// (same object, type, reason, message, source) is not created again but its count and lastTimestamp grow,
// which is what `kubectl describe` prints as `12s (x3 over 37s)`.
import { rfc3339 } from '../clock/clock';
import type { KObject } from '../model/types';
import type { Store } from '../store/store';
import type { EventType } from '../controllers/types';

export interface EventSource {
  component: string;
  host?: string;
}

export interface RecordedEvent {
  readonly seq: number;
  readonly time: number;
  readonly namespace: string;
  readonly name: string;
  readonly involved: { kind: string; namespace?: string; name: string; uid?: string };
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
  readonly source: EventSource;
  readonly count: number;
}

export class EventRecorder {
  private readonly byKey = new Map<string, { ns: string; name: string }>();
  private seq = 0;
  /** every emission, in order (aggregated ones too): the simulation's deterministic event log */
  readonly log: RecordedEvent[] = [];
  constructor(private readonly store: Store) {}

  record(involved: KObject, type: EventType, reason: string, message: string, source: EventSource, fieldPath?: string): RecordedEvent {
    const now = this.store.now();
    const md = involved.metadata;
    // Events of cluster-scoped objects live in the default namespace, as upstream.
    const ns = md.namespace || 'default';
    // client-go getEventKey: source, involvedObject (kind, namespace, name, uid, apiVersion, fieldPath), type, reason, message.
    const key = [md.uid ?? '', involved.kind, ns, md.name, fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const seq = ++this.seq;
    const existing = this.byKey.get(key);
    const ts = rfc3339(now);
    if (existing) {
      const ev = this.store.get('Event', existing.ns, existing.name);
      if (ev) {
        const count = ((ev.count as number | undefined) ?? 1) + 1;
        this.store.update({ ...structuredClone(ev), count, lastTimestamp: ts } as KObject);
        const rec = this.entry(seq, now, existing.ns, existing.name, involved, type, reason, message, source, count);
        this.log.push(rec);
        return rec;
      }
    }
    // name: <object>.<hex nanoseconds>; a sequence keeps names unique within one virtual millisecond.
    const nanos = BigInt(now) * 1_000_000n + BigInt(seq % 1_000_000);
    const name = `${md.name}.${nanos.toString(16)}`;
    const ref: Record<string, unknown> = { kind: involved.kind, name: md.name, apiVersion: involved.apiVersion };
    if (md.namespace) ref.namespace = md.namespace;
    if (md.uid) ref.uid = md.uid;
    if (md.resourceVersion) ref.resourceVersion = md.resourceVersion;
    if (fieldPath) ref.fieldPath = fieldPath;
    const event: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: ref,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: source.host ?? '',
    };
    this.store.create(event);
    this.byKey.set(key, { ns, name });
    const rec = this.entry(seq, now, ns, name, involved, type, reason, message, source, 1);
    this.log.push(rec);
    return rec;
  }

  private entry(
    seq: number,
    time: number,
    namespace: string,
    name: string,
    involved: KObject,
    type: EventType,
    reason: string,
    message: string,
    source: EventSource,
    count: number,
  ): RecordedEvent {
    const md = involved.metadata;
    return {
      seq,
      time,
      namespace,
      name,
      involved: { kind: involved.kind, namespace: md.namespace, name: md.name, uid: md.uid },
      type,
      reason,
      message,
      source,
      count,
    };
  }
}
