// The binding writes of pv_controller.go: bind() = bindVolumeToClaim (PV update: claimRef +
// bound-by-controller) → updateVolumePhase(Bound) (PV status) → bindClaimToVolume (PVC update:
// volumeName + bound-by-controller + bind-completed) → updateClaimStatus(Bound) (PVC status with the
// PV's access modes and capacity). Also unbindVolume and the phase/status writers.
import type { EventType } from '../types';
import { tryParseQuantity, cmpQuantity } from '../../model/quantity';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_PRE_RESIZE_CAPACITY } from '../volume/constants';
import { getBindVolumeToClaim, hasAnnotation, type PV, type PVC } from '../volume/pv-helpers';
import { clone, type SyncOps } from './ops';

export type ClaimPhase = 'Pending' | 'Bound' | 'Lost';
export type VolumePhase = 'Pending' | 'Available' | 'Bound' | 'Released' | 'Failed';

function sameModes(a: readonly string[] | undefined | null, b: readonly string[] | undefined | null): boolean {
  // reflect.DeepEqual: nil and [] differ, order matters.
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  return a.length === b.length && a.every((m, i) => m === b[i]);
}

/**
 * updateClaimStatus: phase, and either the PV's access modes and capacity (volume given) or none.
 * Capacity is copied only when the claim is becoming Bound, so a deliberate difference (filesystem
 * smaller than the block device, expansion in progress) is not clobbered on later syncs.
 */
export function updateClaimStatus(ops: SyncOps, claim: PVC, phase: ClaimPhase, volume: PV | undefined): PVC {
  let dirty = false;
  // Shallow copies only: stored objects are frozen and the API server copies what it is given.
  const st: NonNullable<PVC['status']> = { ...(claim.status ?? {}) };
  const next: PVC = { ...claim, status: st };
  if (claim.status?.phase !== phase) {
    st.phase = phase;
    dirty = true;
  }
  if (!volume) {
    if (claim.status?.accessModes !== undefined && claim.status?.accessModes !== null) {
      delete st.accessModes;
      dirty = true;
    }
    if (claim.status?.capacity !== undefined && claim.status?.capacity !== null) {
      delete st.capacity;
      dirty = true;
    }
  } else {
    if (!sameModes(claim.status?.accessModes, volume.spec?.accessModes)) {
      st.accessModes = [...(volume.spec?.accessModes ?? [])];
      dirty = true;
    }
    if (claim.status?.phase !== phase) {
      const volumeCap = volume.spec?.capacity?.storage;
      if (volumeCap === undefined) {
        ops.fail(`PersistentVolume "${volume.metadata.name}" is without a storage capacity`);
        return claim;
      }
      const claimCap = claim.status?.capacity?.storage;
      if (hasAnnotation(volume, ANN_PRE_RESIZE_CAPACITY)) {
        // The PV was expanded but the filesystem not yet: report the pre-resize size.
        const pre = volume.metadata.annotations![ANN_PRE_RESIZE_CAPACITY];
        st.capacity = { ...(st.capacity ?? {}), storage: tryParseQuantity(pre) ? pre : volumeCap };
        dirty = true;
      } else {
        const a = tryParseQuantity(volumeCap);
        const b = tryParseQuantity(claimCap);
        if (claimCap === undefined || !a || !b || cmpQuantity(a, b) !== 0) {
          st.capacity = { ...volume.spec!.capacity! };
          dirty = true;
        }
      }
    }
  }
  if (!dirty) return claim;
  return ops.updateStatus(next);
}

/** updateClaimStatusWithEvent: writes and emits only when the phase actually changes. */
export function updateClaimStatusWithEvent(
  ops: SyncOps,
  claim: PVC,
  phase: ClaimPhase,
  volume: PV | undefined,
  eventType: EventType,
  reason: string,
  message: string,
): PVC {
  if (claim.status?.phase === phase) return claim;
  const next = updateClaimStatus(ops, claim, phase, volume);
  ops.event(next, eventType, reason, message);
  return next;
}

/**
 * updateVolumePhase: phase and message. status.lastPhaseTransitionTime is stamped on every phase
 * change (PersistentVolumeLastPhaseTransitionTime, GA in 1.31; the API server's PV status strategy
 * sets the same instant).
 */
export function updateVolumePhase(ops: SyncOps, volume: PV, phase: VolumePhase, message: string): PV {
  if (volume.status?.phase === phase) return volume;
  const status: NonNullable<PV['status']> = { ...(volume.status ?? {}), phase, lastPhaseTransitionTime: ops.timestamp() };
  if (message) status.message = message;
  else delete status.message;
  return ops.updateStatus({ ...volume, status });
}

export function updateVolumePhaseWithEvent(
  ops: SyncOps,
  volume: PV,
  phase: VolumePhase,
  eventType: EventType,
  reason: string,
  message: string,
): PV {
  if (volume.status?.phase === phase) return volume;
  const next = updateVolumePhase(ops, volume, phase, message);
  ops.event(next, eventType, reason, message);
  return next;
}

/** bindVolumeToClaim: PV claimRef (+ bound-by-controller unless pre-bound), saved only if changed. */
export function bindVolumeToClaim(ops: SyncOps, volume: PV, claim: PVC): PV {
  const { volume: next, dirty } = getBindVolumeToClaim(volume, claim);
  return dirty ? ops.update(next) : volume;
}

/**
 * bindClaimToVolume: volumeName (+ bound-by-controller when the claim did not name this PV
 * itself) and bind-completed; saved only if changed.
 */
export function bindClaimToVolume(ops: SyncOps, claim: PVC, volume: PV): PVC {
  let dirty = false;
  let spec = claim.spec;
  const ann = { ...(claim.metadata.annotations ?? {}) };
  if (volume.metadata.name !== claim.spec?.volumeName) {
    dirty = true;
    spec = { ...(claim.spec ?? {}), volumeName: volume.metadata.name };
    if (!(ANN_BOUND_BY_CONTROLLER in ann)) ann[ANN_BOUND_BY_CONTROLLER] = 'yes';
  }
  if (!(ANN_BIND_COMPLETED in ann)) {
    ann[ANN_BIND_COMPLETED] = 'yes';
    dirty = true;
  }
  if (!dirty) return claim;
  return ops.update({ ...claim, metadata: { ...claim.metadata, annotations: ann }, spec });
}

/** bind: the volume is saved first, then the claim; any failed write stops the sequence. */
export function bind(ops: SyncOps, volume: PV, claim: PVC): void {
  let v = bindVolumeToClaim(ops, volume, claim);
  v = updateVolumePhase(ops, v, 'Bound', '');
  const c = bindClaimToVolume(ops, claim, v);
  updateClaimStatus(ops, c, 'Bound', v);
}

/**
 * unbindVolume: rolls back a binding. A volume bound by the controller loses its claimRef and the
 * bound-by-controller annotation; a volume pre-bound by the user keeps claimRef (name) and only
 * loses the uid, staying reserved for that claim name. Then phase Available.
 */
export function unbindVolume(ops: SyncOps, volume: PV): void {
  const next = clone(volume);
  if (hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER)) {
    delete next.spec!.claimRef;
    const ann = { ...(next.metadata.annotations ?? {}) };
    delete ann[ANN_BOUND_BY_CONTROLLER];
    if (Object.keys(ann).length === 0) delete next.metadata.annotations;
    else next.metadata.annotations = ann;
  } else {
    const ref = { ...next.spec!.claimRef! };
    delete ref.uid;
    next.spec!.claimRef = ref;
  }
  const saved = ops.update(next);
  updateVolumePhase(ops, saved, 'Available', '');
}
