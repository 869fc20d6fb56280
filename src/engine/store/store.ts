// The in-memory API server: create / update / patch / delete with defaulting, admission, validation,
// resourceVersion, deletionTimestamp + finalizers, and a synchronous watch stream that wakes controllers.
import { kindInfo, type KindInfo, type KindName } from '../model/kinds';
import type { KObject } from '../model/types';
import { rfc3339 } from '../clock/clock';
import type { VirtualClock } from '../clock/clock';
import type { Rng } from '../random/rng';
import {
  ApiError,
  CONFLICT_MODIFIED,
  alreadyExists,
  badRequest,
  conflict,
  kindByName,
  notFound,
} from './errors';
import { invalidError, type FieldError } from './field-errors';
import { validateObjectMeta } from './meta-validation';
import { applyPatch, type PatchType } from './patch';
import type { AdmissionPlugin, AdmissionRequest, KindStrategy, StoreView, StrategyContext } from './strategy';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  readonly type: WatchEventType;
  readonly kind: KindName;
  readonly obj: KObject;
  readonly old?: KObject;
  readonly resourceVersion: number;
}

export type WatchHandler = (ev: WatchEvent) => void;

export interface WriteResult {
  readonly obj: KObject;
  readonly warnings: readonly string[];
  /** false when an update changed nothing (no new resourceVersion, no watch event) */
  readonly changed: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  subresource?: 'status';
}

/** pods/binding: the scheduler's write that sets spec.nodeName of an unassigned pod. */
export interface PodBinding {
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  readonly nodeName: string;
}

export interface DeleteOptions {
  dryRun?: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

type Index = { fn: (o: KObject) => readonly string[]; map: Map<string, Set<string>> };

const NS_KEY = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** JSON.stringify(a) === JSON.stringify(b) — the store's notion of "unchanged" — without serializing both. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return JSON.stringify(a) === JSON.stringify(b);
  if (typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function')
    return JSON.stringify(a) === JSON.stringify(b);
  const arr = Array.isArray(a);
  if (arr !== Array.isArray(b)) return false;
  if (arr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    // An array element JSON cannot express (undefined, a function, a symbol) is written as null.
    for (let i = 0; i < x.length; i++) if (!jsonEqual(omitted(x[i]) ? null : x[i], omitted(y[i]) ? null : y[i])) return false;
    return true;
  }
  // Objects: the same serialized keys in the same order (JSON.stringify follows Object.keys, skipping omitted values).
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < kx.length && omitted(x[kx[i]])) i++;
    while (j < ky.length && omitted(y[ky[j]])) j++;
    if (i === kx.length || j === ky.length) return i === kx.length && j === ky.length;
    if (kx[i] !== ky[j] || !jsonEqual(x[kx[i]], y[ky[j]])) return false;
    i++;
    j++;
  }
}

const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

export interface StoreOptions {
  clock: VirtualClock;
  rng: Rng;
  strategies?: readonly KindStrategy[];
  admission?: readonly AdmissionPlugin[];
  /** deep-freeze stored objects so accidental mutation throws (default true) */
  freeze?: boolean;
}

export class Store implements StoreView {
  private readonly objects = new Map<KindName, Map<string, KObject>>();
  private readonly indexes = new Map<KindName, Map<string, Index>>();
  private readonly strategies = new Map<KindName, KindStrategy>();
  private readonly admission: AdmissionPlugin[];
  private readonly watchers: WatchHandler[] = [];
  private rv = 1;
  private readonly freeze: boolean;
  readonly clock: VirtualClock;
  private readonly rng: Rng;

  constructor(opts: StoreOptions) {
    this.clock = opts.clock;
    this.rng = opts.rng;
    this.freeze = opts.freeze ?? true;
    for (const s of opts.strategies ?? []) this.strategies.set(s.kind, s);
    this.admission = [...(opts.admission ?? [])];
  }

  // ---- read side -------------------------------------------------------------------------------

  now(): number {
    return this.clock.now();
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  get<T = KObject>(kind: KindName, namespace: string | undefined, name: string): (T & KObject) | undefined {
    return this.objects.get(kind)?.get(NS_KEY(namespace, name)) as (T & KObject) | undefined;
  }

  list<T = KObject>(kind: KindName, namespace?: string): readonly (T & KObject)[] {
    const m = this.objects.get(kind);
    if (!m) return [];
    const all = [...m.values()];
    return (namespace ? all.filter((o) => o.metadata.namespace === namespace) : all) as (T & KObject)[];
  }

  count(kind: KindName): number {
    return this.objects.get(kind)?.size ?? 0;
  }

  /** Registers a secondary index (like a client-go indexer); values are recomputed on every write. */
  addIndex(kind: KindName, name: string, fn: (o: KObject) => readonly string[]): void {
    let byKind = this.indexes.get(kind);
    if (!byKind) this.indexes.set(kind, (byKind = new Map()));
    const idx: Index = { fn, map: new Map() };
    byKind.set(name, idx);
    for (const o of this.list(kind)) this.indexAdd(idx, o);
  }

  byIndex<T = KObject>(kind: KindName, index: string, value: string): readonly (T & KObject)[] {
    const idx = this.indexes.get(kind)?.get(index);
    if (!idx) throw new Error(`no index ${index} on ${kind}`);
    const keys = idx.map.get(value);
    if (!keys) return [];
    const m = this.objects.get(kind)!;
    return [...keys].map((k) => m.get(k)!) as (T & KObject)[];
  }

  watch(handler: WatchHandler): () => void {
    this.watchers.push(handler);
    return () => {
      const i = this.watchers.indexOf(handler);
      if (i >= 0) this.watchers.splice(i, 1);
    };
  }

  strategyFor(kind: KindName): KindStrategy | undefined {
    return this.strategies.get(kind);
  }

  // ---- write side ------------------------------------------------------------------------------

  create(input: KObject, opts: WriteOptions = {}): WriteResult {
    const k = this.kindOf(input);
    const obj = structuredClone(input) as KObject;
    obj.metadata = { ...(obj.metadata ?? {}) } as KObject['metadata'];
    const md = obj.metadata;
    if (k.namespaced) md.namespace = md.namespace || 'default';
    else delete md.namespace;
    // Fields the server owns are never taken from the request.
    for (const f of ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'selfLink'] as const)
      delete md[f];
    if (!md.name && md.generateName) md.name = `${md.generateName}${this.rng.k8sSuffix(5)}`;
    if (k.namespaced && md.namespace && k.kind !== 'Namespace' && !this.get('Namespace', undefined, md.namespace))
      throw notFound(kindInfo('Namespace'), md.namespace);
    const strategy = this.strategies.get(k.kind);
    const ctx = this.ctx();
    // kube-apiserver order: decode + defaults → mutating admission → BeforeCreate (PrepareForCreate,
    // validation) → validating admission → storage.
    strategy?.defaults?.(obj);
    this.runAdmit({ operation: 'CREATE', kind: k.kind, obj, view: this, now: ctx.now });
    strategy?.prepareForCreate?.(obj, ctx);
    const errs: FieldError[] = [...validateObjectMeta(obj, k.namespaced, k.kind === 'Namespace')];
    errs.push(...(strategy?.validate?.(obj, ctx) ?? []));
    if (errs.length) throw invalidError(k, md.name ?? md.generateName ?? '', errs);
    this.runValidate({ operation: 'CREATE', kind: k.kind, obj, view: this, now: ctx.now });
    if (this.get(k.kind, md.namespace, md.name!)) throw alreadyExists(k, md.name!);
    const warnings = strategy?.warnings?.(obj, undefined) ?? [];
    if (opts.dryRun) return { obj, warnings, changed: false };
    md.uid = this.rng.uuid();
    md.creationTimestamp = rfc3339(ctx.now);
    if (strategy?.hasGeneration) md.generation = 1;
    const stored = this.commit(k.kind, obj, undefined);
    return { obj: stored, warnings, changed: true };
  }

  update(input: KObject, opts: WriteOptions = {}): WriteResult {
    const k = this.kindOf(input);
    const ns = k.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name;
    if (!name) throw badRequest('name is required');
    const old = this.get(k.kind, ns, name);
    if (!old) throw notFound(k, name);
    const obj = structuredClone(input) as KObject;
    obj.metadata = { ...obj.metadata, namespace: ns } as KObject['metadata'];
    if (!k.namespaced) delete obj.metadata.namespace;
    const md = obj.metadata;
    if (md.resourceVersion && md.resourceVersion !== old.metadata.resourceVersion) throw conflict(k, name, CONFLICT_MODIFIED);
    if (md.uid && md.uid !== old.metadata.uid)
      throw conflict(k, name, `Precondition failed: UID in precondition: ${md.uid}, UID in object meta: ${old.metadata.uid}`);
    // Server-owned metadata always comes from the stored object.
    md.uid = old.metadata.uid;
    md.creationTimestamp = old.metadata.creationTimestamp;
    md.deletionTimestamp = old.metadata.deletionTimestamp;
    md.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    md.generation = old.metadata.generation;
    if (!md.deletionTimestamp) delete md.deletionTimestamp;
    if (md.deletionGracePeriodSeconds === undefined) delete md.deletionGracePeriodSeconds;
    if (md.generation === undefined) delete md.generation;
    const strategy = this.strategies.get(k.kind);
    if (strategy?.statusSubresource) {
      if (opts.subresource === 'status') {
        // A status write changes status only (and nothing of spec or metadata but the version).
        const status = obj.status;
        const keep = structuredClone(old) as KObject;
        keep.status = status;
        Object.assign(obj, keep);
        for (const key of Object.keys(obj)) if (!(key in keep)) delete obj[key];
        if (status === undefined) delete obj.status;
      } else if (old.status !== undefined) obj.status = structuredClone(old.status);
      else delete obj.status;
    }
    const ctx = this.ctx();
    strategy?.defaults?.(obj);
    this.runAdmit({ operation: 'UPDATE', kind: k.kind, obj, old, view: this, now: ctx.now });
    if (opts.subresource === 'status') strategy?.prepareForStatusUpdate?.(obj, old, ctx);
    else strategy?.prepareForUpdate?.(obj, old, ctx);
    const errs: FieldError[] = [...validateObjectMeta(obj, k.namespaced, k.kind === 'Namespace')];
    if (opts.subresource !== 'status') errs.push(...(strategy?.validateUpdate?.(obj, old, ctx) ?? []));
    if (errs.length) throw invalidError(k, name, errs);
    this.runValidate({ operation: 'UPDATE', kind: k.kind, obj, old, view: this, now: ctx.now });
    const warnings = strategy?.warnings?.(obj, old) ?? [];
    md.resourceVersion = old.metadata.resourceVersion;
    if (jsonEqual(obj, old)) return { obj: old, warnings, changed: false };
    if (opts.dryRun) return { obj, warnings, changed: false };
    if (strategy?.hasGeneration && !jsonEqual(specOf(obj), specOf(old))) md.generation = (old.metadata.generation ?? 0) + 1;
    // An object being deleted goes away once its last finalizer is removed.
    if (md.deletionTimestamp && !(md.finalizers && md.finalizers.length)) {
      // The apiserver answers with the object as written (finalizers gone), then it disappears.
      this.remove(k.kind, old, obj);
      return { obj, warnings, changed: true };
    }
    return { obj: this.commit(k.kind, obj, old), warnings, changed: true };
  }

  updateStatus(input: KObject, opts: WriteOptions = {}): WriteResult {
    return this.update(input, { ...opts, subresource: 'status' });
  }

  /** POST pods/<name>/binding, as the scheduler does (BindingREST.assignPod). */
  bindPod(b: PodBinding): WriteResult {
    const k = kindInfo('Pod');
    const old = this.get('Pod', b.namespace, b.name);
    if (!old) throw notFound(k, b.name);
    if (b.uid && b.uid !== old.metadata.uid)
      throw conflict(k, b.name, `Precondition failed: UID in precondition: ${b.uid}, UID in object meta: ${old.metadata.uid}`);
    if (old.metadata.deletionTimestamp) throw conflict(k, b.name, 'pod is being deleted, cannot be assigned to a host');
    const spec = (old.spec ?? {}) as { nodeName?: string };
    // BindingREST reports conflicts on the pods/binding subresource.
    if (spec.nodeName)
      throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${b.name}": pod ${b.name} is already assigned to node "${spec.nodeName}"`, {
        name: b.name,
        kind: 'pods',
      });
    const obj = structuredClone(old) as KObject;
    (obj.spec as { nodeName?: string }).nodeName = b.nodeName;
    // setPodHostAndAnnotations: the binding also marks the pod PodScheduled=True.
    const status = (obj.status ?? (obj.status = {})) as { conditions?: Record<string, unknown>[] };
    const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    const prev = (status.conditions ?? []).find((c) => c.type === 'PodScheduled');
    const ts = prev?.status === 'True' ? prev.lastTransitionTime : rfc3339(this.now());
    status.conditions = [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: ts }];
    return { obj: this.commit('Pod', obj, old), warnings: [], changed: true };
  }

  patch(
    kind: KindName,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions = {},
  ): WriteResult {
    const k = kindInfo(kind);
    const ns = k.namespaced ? namespace || 'default' : undefined;
    const old = this.get(kind, ns, name);
    if (!old) throw notFound(k, name);
    let next: unknown;
    try {
      next = applyPatch(kind, structuredClone(old), type, patch);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw badRequest(String((e as Error).message));
    }
    if (typeof next !== 'object' || next === null || Array.isArray(next)) throw badRequest('patch did not produce an object');
    const obj = next as KObject;
    if (obj.kind !== old.kind || obj.apiVersion !== old.apiVersion)
      throw badRequest(`the server rejected our request due to an error in our request`);
    obj.metadata = { ...(obj.metadata ?? {}), name, namespace: ns } as KObject['metadata'];
    return this.update(obj, opts);
  }

  delete(kind: KindName, namespace: string | undefined, name: string, opts: DeleteOptions = {}): WriteResult {
    const k = kindInfo(kind);
    const ns = k.namespaced ? namespace || 'default' : undefined;
    const old = this.get(kind, ns, name);
    if (!old) throw notFound(k, name);
    if (opts.preconditions?.uid && opts.preconditions.uid !== old.metadata.uid)
      throw conflict(k, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${old.metadata.uid}`);
    if (opts.preconditions?.resourceVersion && opts.preconditions.resourceVersion !== old.metadata.resourceVersion)
      throw conflict(k, name, CONFLICT_MODIFIED);
    const strategy = this.strategies.get(kind);
    const now = this.now();
    const obj = structuredClone(old) as KObject;
    const md = obj.metadata;
    const finalizers = [...(md.finalizers ?? [])];
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion'))
      finalizers.push('foregroundDeletion');
    const grace = strategy?.gracefulDeleteSeconds?.(old, opts.gracePeriodSeconds) ?? 0;
    if (finalizers.length === 0 && grace === 0) {
      if (opts.dryRun) return { obj: old, warnings: [], changed: false };
      return { obj: this.remove(kind, old), warnings: [], changed: true };
    }
    if (md.deletionTimestamp) {
      // Already terminating: a second delete may only shorten the grace period.
      if (grace === 0 && (md.deletionGracePeriodSeconds ?? 0) > 0 && finalizers.length === 0)
        return { obj: this.remove(kind, old), warnings: [], changed: true };
      if (md.finalizers?.length === finalizers.length) return { obj: old, warnings: [], changed: false };
    }
    md.finalizers = finalizers;
    md.deletionTimestamp = md.deletionTimestamp ?? rfc3339(now + grace * 1000);
    md.deletionGracePeriodSeconds = grace;
    if (opts.dryRun) return { obj, warnings: [], changed: false };
    return { obj: this.commit(kind, obj, old), warnings: [], changed: true };
  }

  // ---- internals -------------------------------------------------------------------------------

  private ctx(): StrategyContext {
    return { view: this, now: this.now() };
  }

  private kindOf(o: KObject): KindInfo {
    const k = kindByName(o?.kind);
    if (!k) throw badRequest(`no kind "${o?.kind}" is registered`);
    return k;
  }

  private runAdmit(req: AdmissionRequest): void {
    for (const p of this.admission) p.admit?.(req);
  }

  private runValidate(req: AdmissionRequest): void {
    for (const p of this.admission) {
      const err = p.validate?.(req);
      if (err) throw err;
    }
  }

  private commit(kind: KindName, obj: KObject, old: KObject | undefined): KObject {
    this.rv += 1;
    obj.metadata.resourceVersion = String(this.rv);
    if (this.freeze) deepFreeze(obj);
    let m = this.objects.get(kind);
    if (!m) this.objects.set(kind, (m = new Map()));
    const key = NS_KEY(obj.metadata.namespace, obj.metadata.name);
    m.set(key, obj);
    const idxs = this.indexes.get(kind);
    if (idxs) for (const idx of idxs.values()) {
      if (old) this.indexRemove(idx, old);
      this.indexAdd(idx, obj);
    }
    this.emit({ type: old ? 'MODIFIED' : 'ADDED', kind, obj, old, resourceVersion: this.rv });
    return obj;
  }

  /** Removes an object; `last` is its final state (what the DELETED watch event carries). */
  private remove(kind: KindName, old: KObject, last: KObject = old): KObject {
    this.rv += 1;
    const m = this.objects.get(kind)!;
    m.delete(NS_KEY(old.metadata.namespace, old.metadata.name));
    const idxs = this.indexes.get(kind);
    if (idxs) for (const idx of idxs.values()) this.indexRemove(idx, old);
    if (last !== old) {
      last.metadata.resourceVersion = String(this.rv);
      if (this.freeze) deepFreeze(last);
    }
    this.emit({ type: 'DELETED', kind, obj: last, old, resourceVersion: this.rv });
    return last;
  }

  private indexAdd(idx: Index, o: KObject): void {
    const key = NS_KEY(o.metadata.namespace, o.metadata.name);
    for (const v of idx.fn(o)) {
      let s = idx.map.get(v);
      if (!s) idx.map.set(v, (s = new Set()));
      s.add(key);
    }
  }

  private indexRemove(idx: Index, o: KObject): void {
    const key = NS_KEY(o.metadata.namespace, o.metadata.name);
    for (const v of idx.fn(o)) {
      const s = idx.map.get(v);
      if (!s) continue;
      s.delete(key);
      if (s.size === 0) idx.map.delete(v);
    }
  }

  private emit(ev: WatchEvent): void {
    for (const w of [...this.watchers]) w(ev);
  }
}

function specOf(o: KObject): unknown {
  // Generation tracks everything but metadata and status.
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}
