// What a running provisioner remembers between passes: the operations it has in flight (a CreateVolume or
// DeleteVolume call takes virtual time), retry backoff per object, and its identities. Like the upstream
// controller's claimsInProgress and work-queue rate limiter, this lives in the process, not in the API.
import type { KObject } from '../../model/types';
import type { ReconcileContext } from '../types';
import type { DriverSpec } from '../../storage/cluster-config';
import type { Prepared } from './prepare';
import { makeIdentity, type ProvisionerIdentity } from './identity';

export type ClaimOp =
  /** CreateVolume sent; the answer arrives at doneAt */
  | { readonly phase: 'creating'; readonly key: string; readonly doneAt: number; readonly claim: KObject; readonly sc: KObject; readonly prepared?: Prepared; readonly failures: number }
  /** a failed attempt; the claim is retried at retryAt */
  | { readonly phase: 'backoff'; readonly key: string; readonly retryAt: number; readonly failures: number };

export type VolumeOp =
  | { readonly phase: 'deleting'; readonly doneAt: number; readonly failures: number }
  | { readonly phase: 'backoff'; readonly retryAt: number; readonly failures: number };

export interface ProvisionerState {
  /** by claim UID */
  readonly claims: Map<string, ClaimOp>;
  /** by PV name */
  readonly volumes: Map<string, VolumeOp>;
  readonly identities: Map<string, ProvisionerIdentity>;
}

export function newState(): ProvisionerState {
  return { claims: new Map(), volumes: new Map(), identities: new Map() };
}

export function identityOf(st: ProvisionerState, driver: DriverSpec, ctx: ReconcileContext): ProvisionerIdentity {
  let id = st.identities.get(driver.name);
  if (!id) {
    id = makeIdentity(driver, ctx.now, ctx.rng);
    st.identities.set(driver.name, id);
  }
  return id;
}

/**
 * Retry delays. csi-provisioner runs the library with an exponential per-item limiter from
 * --retry-interval-start (1 s) doubling to --retry-interval-max (5 min); minikube's provisioner keeps the
 * library default (15 s doubling to 1000 s). Infeasible (InvalidArgument) errors wait the maximum.
 */
export const CSI_RETRY_START_MS = 1_000;
export const CSI_RETRY_MAX_MS = 5 * 60_000;
export const LIB_RETRY_START_MS = 15_000;
export const LIB_RETRY_MAX_MS = 1_000_000;

export function retryDelay(driver: DriverSpec, failures: number): number {
  const csi = driver.csi !== false;
  const start = csi ? CSI_RETRY_START_MS : LIB_RETRY_START_MS;
  const max = csi ? CSI_RETRY_MAX_MS : LIB_RETRY_MAX_MS;
  return Math.min(max, start * 2 ** Math.max(0, failures - 1));
}

export function latency(ctx: ReconcileContext, range: readonly [number, number]): number {
  return ctx.rng.int(range[0], range[1]);
}
