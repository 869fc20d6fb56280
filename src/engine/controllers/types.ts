// How controllers plug into the simulation. A controller reads the store through a read-only view and
// returns intents; the simulation alone applies them (API writes, events, requeues), in order, and
// stops at the first failing write exactly like a controller whose API call returned an error.
import type { KindName } from '../model/kinds';
import type { KObject, ObjectRef } from '../model/types';
import type { StoreView } from '../store/strategy';
import type { DeleteOptions, PodBinding, WatchEvent } from '../store/store';
import type { PatchType } from '../store/patch';
import type { Rng } from '../random/rng';
import type { Backends } from '../storage/backends';
import type { ClusterConfig } from '../storage/cluster-config';

export type EventType = 'Normal' | 'Warning';

export type Intent =
  | { readonly type: 'create'; readonly obj: KObject }
  | { readonly type: 'update'; readonly obj: KObject }
  | { readonly type: 'updateStatus'; readonly obj: KObject }
  | {
      readonly type: 'patch';
      readonly kind: KindName;
      readonly namespace?: string;
      readonly name: string;
      readonly patchType: PatchType;
      readonly patch: unknown;
      readonly subresource?: 'status';
    }
  | { readonly type: 'delete'; readonly ref: ObjectRef; readonly options?: DeleteOptions }
  /** pods/binding subresource: assign an unscheduled pod to a node (scheduler) */
  | { readonly type: 'bind'; readonly binding: PodBinding }
  | {
      readonly type: 'event';
      readonly involved: KObject;
      readonly eventType: EventType;
      readonly reason: string;
      readonly message: string;
      /** involvedObject.fieldPath, e.g. `spec.containers{nginx}` (part of the aggregation key, as client-go) */
      readonly fieldPath?: string;
      /** overrides the controller's own event source (e.g. kubelet's host, a provisioner identity) */
      readonly source?: { component: string; host?: string };
    }
  /**
   * run reconcile(key) again after a delay (virtual ms). A `timeout` requeue is a watchdog (e.g. the
   * scheduler's bind timeout): it fires if time gets there, but does not keep settle() running.
   */
  | { readonly type: 'requeue'; readonly key: string; readonly afterMs: number; readonly timeout?: boolean }
  /** a call between components the UI can show travelling along an edge (CSI gRPC, cloud API) */
  | { readonly type: 'trace'; readonly trace: TraceRecord };

export interface TraceRecord {
  /** e.g. 'csi-provisioner', 'csi-attacher', 'kubelet/node-1', 'scheduler' */
  readonly from: string;
  /** e.g. 'csi-controller/diskplugin.csi.alibabacloud.com', 'csi-node/node-1' */
  readonly to: string;
  /** e.g. 'CreateVolume', 'ControllerPublishVolume', 'NodeStageVolume', 'NodePublishVolume' */
  readonly call: string;
  /** objects the call concerns, as objectKey() strings */
  readonly objects: readonly string[];
  readonly ok: boolean;
  readonly detail?: string;
  /**
   * Virtual ms the call takes: a trace is emitted when the call starts (with the outcome it will have),
   * so the UI can move the call along its edge while it is in flight. Absent: instantaneous.
   */
  readonly durationMs?: number;
}

export interface ReconcileContext {
  readonly view: StoreView;
  readonly now: number;
  readonly rng: Rng;
  readonly backends: Backends;
  readonly cluster: ClusterConfig;
}

export interface Controller {
  /** upstream component name, also the event source (`persistentvolume-controller`) */
  readonly name: string;
  /** kinds whose watch events this controller wants */
  readonly watches: readonly KindName[];
  /** queue keys to (re)process for a watch event */
  keysFor(ev: WatchEvent, view: StoreView): readonly string[];
  /** one pass over one key: observe, decide, return what to do */
  reconcile(key: string, ctx: ReconcileContext): readonly Intent[];
  /** periodic full resync (the informer resync period), with the keys to enqueue each time */
  readonly resync?: { readonly periodMs: number; keys(view: StoreView): readonly string[] };
  /** store indexes this controller relies on (registered once at start) */
  readonly indexes?: readonly { kind: KindName; name: string; fn: (o: KObject) => readonly string[] }[];
}

export type ControllerFactory = () => Controller;
