// A port of the persistentvolume test framework (framework_test.go + testing/testing.go): initial
// volumes, claims, classes and pods in a small fake API server, one call of syncClaim/syncVolume,
// then the resulting objects and event reasons are compared with the expected ones. Writes are
// applied like the API server does: an update keeps the stored status, a status update keeps the
// rest. runMultiSync keeps syncing what changed, then everything, until nothing changes
// (TestMultiSync).
import type { KObject } from '../../../model/types';
import type { KindName } from '../../../model/kinds';
import type { Intent, ReconcileContext } from '../../types';
import type { StoreView } from '../../../store/strategy';
import type { WatchEvent } from '../../../store/store';
import { Rng } from '../../../random/rng';
import { Backends } from '../../../storage/backends';
import type { ClusterConfig } from '../../../storage/cluster-config';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_STORAGE_PROVISIONER } from '../../volume/constants';
import { POD_PVC_INDEX, podPVCIndexFunc } from '../../volume/pod-pvc-index';
import type { PV, PVC, SC } from '../../volume/pv-helpers';
import { newPersistentVolumeController, type PersistentVolumeController } from '../controller';
import { claimQueueKey, volumeQueueKey } from '../sync-volume';
import { DEFAULT_OPTIONS, type PVControllerOptions } from '../ops';

export const TEST_NAMESPACE = 'default';
export const MOCK_PLUGIN_NAME = 'kubernetes.io/mock-volume';
export const EPOCH_MS = Date.UTC(2026, 0, 1);

export type Phase = string;

/** newVolume(name, capacity, boundToClaimUID, boundToClaimName, phase, reclaimPolicy, class, ...annotations) */
export function newVolume(
  name: string,
  capacity: string,
  boundToClaimUID: string,
  boundToClaimName: string,
  phase: Phase,
  reclaimPolicy: string,
  klass: string,
  ...annotations: string[]
): PV {
  const pv: PV = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, resourceVersion: '1' },
    spec: {
      capacity: { storage: capacity },
      gcePersistentDisk: { pdName: '' },
      accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
      persistentVolumeReclaimPolicy: reclaimPolicy,
      storageClassName: klass,
      volumeMode: 'Filesystem',
    },
    status: { phase },
  };
  if (boundToClaimName !== '')
    pv.spec!.claimRef = {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      // types.UID("") is omitted from JSON
      ...(boundToClaimUID ? { uid: boundToClaimUID } : {}),
      namespace: TEST_NAMESPACE,
      name: boundToClaimName,
    };
  if (annotations.length > 0) {
    pv.metadata.annotations = {};
    for (const a of annotations) pv.metadata.annotations[a] = a === ANN_DYNAMICALLY_PROVISIONED ? MOCK_PLUGIN_NAME : 'yes';
  }
  return pv;
}

/** newClaim(name, claimUID, capacity, boundToVolume, phase, class, ...annotations) */
export function newClaim(
  name: string,
  claimUID: string,
  capacity: string,
  boundToVolume: string,
  phase: Phase,
  klass: string | undefined,
  ...annotations: string[]
): PVC {
  const pvc: PVC = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: TEST_NAMESPACE, uid: claimUID, resourceVersion: '1' },
    spec: {
      accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
      resources: { requests: { storage: capacity } },
      volumeName: boundToVolume,
      volumeMode: 'Filesystem',
    },
    status: { phase },
  };
  if (klass !== undefined) pvc.spec!.storageClassName = klass;
  if (annotations.length > 0) {
    pvc.metadata.annotations = {};
    for (const a of annotations)
      pvc.metadata.annotations[a] = a === ANN_BETA_STORAGE_PROVISIONER || a === ANN_STORAGE_PROVISIONER ? MOCK_PLUGIN_NAME : 'yes';
  }
  // Bound claims must have a proper status.
  if (phase === 'Bound') {
    pvc.status!.accessModes = [...pvc.spec!.accessModes!];
    pvc.status!.capacity = { storage: capacity };
  }
  return pvc;
}

export function newStorageClass(name: string, provisioner: string, extra: Partial<SC> = {}): SC {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    ...extra,
  } as SC;
}

export interface RecordedTestEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly kind: string;
  readonly name: string;
}

const KEY = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;

/** The fake API server (VolumeReactor): objects by kind, writes applied as the real one does. */
export class FakeCluster implements StoreView {
  readonly objects = new Map<string, KObject>();
  readonly events: RecordedTestEvent[] = [];
  readonly changed = new Set<string>();
  /** successful writes so far (the multi-sync loop stops when a full resync adds none) */
  writes = 0;
  private rv = 100;
  nowMs = EPOCH_MS;

  constructor(objs: readonly KObject[]) {
    for (const o of objs) this.objects.set(KEY(o.kind, o.metadata.namespace, o.metadata.name), structuredClone(o));
  }

  get<T = KObject>(kind: KindName, namespace: string | undefined, name: string): (T & KObject) | undefined {
    return this.objects.get(KEY(kind, namespace, name)) as (T & KObject) | undefined;
  }

  list<T = KObject>(kind: KindName, namespace?: string): readonly (T & KObject)[] {
    return [...this.objects.values()].filter((o) => o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)) as (T & KObject)[];
  }

  byIndex<T = KObject>(kind: KindName, index: string, value: string): readonly (T & KObject)[] {
    if (kind !== 'Pod' || index !== POD_PVC_INDEX) throw new Error(`no index ${index} on ${kind}`);
    return this.list<T>('Pod').filter((p) => podPVCIndexFunc(p).includes(value));
  }

  now(): number {
    return this.nowMs;
  }

  /** Applies one intent; returns the watch event it produces, if any. */
  apply(intent: Intent): WatchEvent | undefined {
    switch (intent.type) {
      case 'update':
      case 'updateStatus': {
        const o = intent.obj;
        const key = KEY(o.kind, o.metadata.namespace, o.metadata.name);
        const old = this.objects.get(key);
        if (!old) throw new Error(`${o.kind} "${o.metadata.name}" not found`);
        const next = structuredClone(intent.type === 'update' ? o : old);
        if (intent.type === 'update') {
          if (old.status !== undefined) next.status = structuredClone(old.status);
          else delete next.status;
        } else next.status = structuredClone(o.status);
        next.metadata.resourceVersion = String(++this.rv);
        this.writes++;
        if (next.metadata.deletionTimestamp && !(next.metadata.finalizers ?? []).length) {
          this.objects.delete(key);
          this.changed.add(key);
          return { type: 'DELETED', kind: o.kind as KindName, obj: old, old, resourceVersion: this.rv };
        }
        this.objects.set(key, next);
        this.changed.add(key);
        return { type: 'MODIFIED', kind: o.kind as KindName, obj: next, old, resourceVersion: this.rv };
      }
      case 'delete': {
        const key = KEY(intent.ref.kind, intent.ref.namespace, intent.ref.name);
        const old = this.objects.get(key);
        if (!old) return undefined;
        this.objects.delete(key);
        this.changed.add(key);
        this.writes++;
        return { type: 'DELETED', kind: intent.ref.kind as KindName, obj: old, old, resourceVersion: ++this.rv };
      }
      case 'event':
        this.events.push({
          type: intent.eventType,
          reason: intent.reason,
          message: intent.message,
          kind: intent.involved.kind,
          name: intent.involved.metadata.name,
        });
        return undefined;
      case 'create': {
        const o = structuredClone(intent.obj);
        o.metadata.resourceVersion = String(++this.rv);
        this.writes++;
        const key = KEY(o.kind, o.metadata.namespace, o.metadata.name);
        this.objects.set(key, o);
        this.changed.add(key);
        return { type: 'ADDED', kind: o.kind as KindName, obj: o, resourceVersion: this.rv };
      }
      default:
        return undefined;
    }
  }
}

export interface SyncTestInput {
  readonly volumes: readonly PV[];
  readonly claims: readonly PVC[];
  readonly classes?: readonly SC[];
  readonly pods?: readonly KObject[];
  readonly options?: PVControllerOptions;
  readonly cluster?: ClusterConfig;
  readonly backends?: Backends;
}

export interface SyncTestResult {
  readonly cluster: FakeCluster;
  readonly controller: PersistentVolumeController;
  readonly error: string | undefined;
  readonly events: readonly RecordedTestEvent[];
  volumes(): PV[];
  claims(): PVC[];
}

const EMPTY_CLUSTER: ClusterConfig = { name: 'test', nodes: [], drivers: [], objects: [] };

function setup(input: SyncTestInput) {
  const cluster = new FakeCluster([...input.volumes, ...input.claims, ...(input.classes ?? []), ...(input.pods ?? [])]);
  const controller = newPersistentVolumeController(input.options ?? DEFAULT_OPTIONS);
  const ctx = (): ReconcileContext => ({
    view: cluster,
    now: cluster.nowMs,
    rng: new Rng(1),
    backends: input.backends ?? new Backends(),
    cluster: input.cluster ?? EMPTY_CLUSTER,
  });
  return { cluster, controller, ctx };
}

function result(cluster: FakeCluster, controller: PersistentVolumeController, error: string | undefined): SyncTestResult {
  return {
    cluster,
    controller,
    error,
    events: cluster.events,
    volumes: () => cluster.list<PV>('PersistentVolume').map((o) => o as PV).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)),
    claims: () => cluster.list<PVC>('PersistentVolumeClaim').map((o) => o as PVC).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)),
  };
}

/** Applies intents like the simulation (in order, stop at the first failing write); returns new keys. */
function applyAll(cluster: FakeCluster, controller: PersistentVolumeController, intents: readonly Intent[]): string[] {
  const keys: string[] = [];
  for (const i of intents) {
    if (i.type === 'requeue') {
      keys.push(i.key);
      continue;
    }
    let ev: WatchEvent | undefined;
    try {
      ev = cluster.apply(i);
    } catch {
      break;
    }
    if (ev) keys.push(...controller.keysFor(ev, cluster));
  }
  return keys;
}

/** runSyncTests: one syncClaim (first claim) or syncVolume (first volume). */
export function runSync(input: SyncTestInput, target: 'claim' | 'volume'): SyncTestResult {
  const { cluster, controller, ctx } = setup(input);
  const key =
    target === 'claim'
      ? claimQueueKey(input.claims[0].metadata.namespace, input.claims[0].metadata.name)
      : volumeQueueKey(input.volumes[0].metadata.name);
  const { intents, error } = controller.sync(key, ctx());
  applyAll(cluster, controller, intents);
  return result(cluster, controller, error);
}

/**
 * runMultisyncTests: the first sync, then every changed object again until quiet, then a full
 * resync; stops when a full resync changes nothing (limit of 100 rounds, as upstream).
 */
export function runMultiSync(input: SyncTestInput, target: 'claim' | 'volume'): SyncTestResult {
  const { cluster, controller, ctx } = setup(input);
  let queue: string[] = [
    target === 'claim'
      ? claimQueueKey(input.claims[0].metadata.namespace, input.claims[0].metadata.name)
      : volumeQueueKey(input.volumes[0].metadata.name),
  ];
  let lastError: string | undefined;
  for (let round = 0; round < 100; round++) {
    if (queue.length === 0) {
      const before = cluster.writes;
      const all = controller.resync!.keys(cluster);
      for (const k of all) {
        const { intents, error } = controller.sync(k, ctx());
        lastError = error ?? lastError;
        queue.push(...applyAll(cluster, controller, intents));
      }
      if (cluster.writes === before && queue.length === 0) break;
      continue;
    }
    const next: string[] = [];
    for (const k of [...new Set(queue)]) {
      const { intents, error } = controller.sync(k, ctx());
      lastError = error ?? lastError;
      next.push(...applyAll(cluster, controller, intents));
    }
    queue = next;
  }
  return result(cluster, controller, lastError);
}

/** The comparable part of an object: no resourceVersions, no transition times, empty maps dropped. */
export function normalize<T extends KObject>(o: T): unknown {
  const c = structuredClone(o) as KObject & { spec?: { claimRef?: { resourceVersion?: string } }; status?: Record<string, unknown> };
  delete c.metadata.resourceVersion;
  if (c.metadata.annotations && Object.keys(c.metadata.annotations).length === 0) delete c.metadata.annotations;
  if (c.metadata.finalizers && c.metadata.finalizers.length === 0) delete c.metadata.finalizers;
  if (c.spec?.claimRef) delete c.spec.claimRef.resourceVersion;
  if (c.status) delete c.status.lastPhaseTransitionTime;
  return c;
}
