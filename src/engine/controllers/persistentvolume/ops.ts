// What one sync of the PV controller does, as intents. Upstream calls the API server step by step
// and keeps going with each write's result (updateVolumePhase(bindVolumeToClaim(...))); here each
// write becomes an intent and the next step continues from the object as written. The simulation
// applies the intents in order and stops at the first failing write, which is upstream's "return
// err, the next sync will finish the job".
import type { EventType, Intent, ReconcileContext } from '../types';
import type { KObject } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import type { PV, PVC, SC } from '../volume/pv-helpers';
import type { PersistentVolumeOrderedIndex } from './index';

export const CONTROLLER_NAME = 'persistentvolume-controller';

export interface PVControllerOptions {
  /** --enable-dynamic-provisioning (default true) */
  readonly enableDynamicProvisioning: boolean;
  /** VolumeAttributesClass feature gate (beta, off by default in 1.31/1.32) */
  readonly vacEnabled: boolean;
}

export const DEFAULT_OPTIONS: PVControllerOptions = { enableDynamicProvisioning: true, vacEnabled: false };

export class SyncOps {
  readonly intents: Intent[] = [];
  /** what upstream's sync returns as error (logged by the worker; the next sync retries) */
  error: string | undefined;

  constructor(
    readonly ctx: ReconcileContext,
    readonly volumes: PersistentVolumeOrderedIndex,
    readonly options: PVControllerOptions = DEFAULT_OPTIONS,
  ) {}

  get now(): number {
    return this.ctx.now;
  }

  getVolume(name: string): PV | undefined {
    return this.ctx.view.get<PV>('PersistentVolume', undefined, name) as PV | undefined;
  }

  getClaim(namespace: string | undefined, name: string): PVC | undefined {
    return this.ctx.view.get<PVC>('PersistentVolumeClaim', namespace, name) as PVC | undefined;
  }

  getClass(name: string): SC | undefined {
    return this.ctx.view.get<SC>('StorageClass', undefined, name) as SC | undefined;
  }

  fail(message: string): void {
    this.error = message;
  }

  event(obj: KObject, eventType: EventType, reason: string, message: string): void {
    this.intents.push({ type: 'event', involved: obj, eventType, reason, message });
  }

  update<T extends KObject>(obj: T): T {
    this.intents.push({ type: 'update', obj });
    return obj;
  }

  updateStatus<T extends KObject>(obj: T): T {
    this.intents.push({ type: 'updateStatus', obj });
    return obj;
  }

  deleteVolume(name: string): void {
    this.intents.push({ type: 'delete', ref: { kind: 'PersistentVolume', name } });
  }

  requeue(key: string, afterMs = 0): void {
    this.intents.push({ type: 'requeue', key, afterMs });
  }

  timestamp(): string {
    return rfc3339(this.ctx.now);
  }
}

export function clone<T>(o: T): T {
  return structuredClone(o);
}

export const claimKeyOf = (pvc: { metadata: { namespace?: string; name: string } }): string =>
  `${pvc.metadata.namespace ?? ''}/${pvc.metadata.name}`;

export const claimRefKey = (ref: { namespace?: string; name?: string }): string => `${ref.namespace ?? ''}/${ref.name ?? ''}`;
