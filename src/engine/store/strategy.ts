// Per-kind API-server behaviour (the registry "strategy" of each resource) and admission plugins.
// Concrete strategies live in src/engine/api/<kind>.ts and register themselves in src/engine/api/index.ts.
import type { KindName } from '../model/kinds';
import type { KObject } from '../model/types';
import type { FieldError } from './field-errors';
import type { ApiError } from './errors';

/** Read-only access to stored objects, handed to admission plugins and controllers. */
export interface StoreView {
  get<T = KObject>(kind: KindName, namespace: string | undefined, name: string): (T & KObject) | undefined;
  list<T = KObject>(kind: KindName, namespace?: string): readonly (T & KObject)[];
  /** objects of a kind whose index entry equals value (see Store.addIndex) */
  byIndex<T = KObject>(kind: KindName, index: string, value: string): readonly (T & KObject)[];
  now(): number;
}

export interface StrategyContext {
  readonly view: StoreView;
  readonly now: number;
}

export interface KindStrategy {
  readonly kind: KindName;
  /** true when writes to `status` go only through the status subresource (PV, PVC, Pod, Node, apps…) */
  readonly statusSubresource?: boolean;
  /** true when metadata.generation tracks spec changes */
  readonly hasGeneration?: boolean;
  /** SetDefaults_* from pkg/apis/<group>/v1/defaults.go; mutates obj */
  defaults?(obj: KObject): void;
  /** PrepareForCreate: e.g. reset status; mutates obj */
  prepareForCreate?(obj: KObject, ctx: StrategyContext): void;
  /** PrepareForUpdate: e.g. keep old status on spec update; mutates obj */
  prepareForUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): void;
  /** PrepareForUpdate of the status strategy (e.g. stamp PV status.lastPhaseTransitionTime); mutates obj */
  prepareForStatusUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): void;
  validate?(obj: KObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KObject, old: KObject, ctx: StrategyContext): FieldError[];
  /** Seconds a DELETE waits before the object goes (Pods: terminationGracePeriodSeconds); 0 = at once. */
  gracefulDeleteSeconds?(obj: KObject, requested: number | undefined): number;
  /** `Warning: …` lines kubectl prints for an accepted object */
  warnings?(obj: KObject, old: KObject | undefined): string[];
}

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  readonly operation: AdmissionOperation;
  readonly kind: KindName;
  readonly obj: KObject; // mutable copy for mutating plugins
  readonly old?: KObject;
  readonly view: StoreView;
  readonly now: number;
}

export interface AdmissionPlugin {
  readonly name: string;
  /** Mutating phase (runs before validation), may change req.obj. */
  admit?(req: AdmissionRequest): void;
  /** Validating phase (after validation); return an error to reject. */
  validate?(req: AdmissionRequest): ApiError | undefined;
}
