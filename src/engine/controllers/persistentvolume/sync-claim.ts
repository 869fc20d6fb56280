// syncClaim / syncUnboundClaim / syncBoundClaim of pv_controller.go, branch for branch. A claim is
// "unbound" until it carries pv.kubernetes.io/bind-completed; its phase is not consulted.
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER } from '../volume/constants';
import {
  checkAccessModes,
  checkVolumeModeMismatches,
  claimRequest,
  getPersistentVolumeClaimClass,
  getPersistentVolumeClass,
  hasAnnotation,
  isDelayBindingMode,
  isDelayBindingProvisioning,
  isVolumeBoundToClaim,
  volumeCapacity,
  type PV,
  type PVC,
} from '../volume/pv-helpers';
import type { Quantity } from '../../model/quantity';

const NANO = 1_000_000_000n;
/** resource.Quantity.Value(): the value in whole units, rounded up (away from zero). */
function ceilUnits(q: Quantity): bigint {
  const whole = q.nanos / NANO;
  return q.nanos % NANO !== 0n && q.nanos > 0n ? whole + 1n : whole;
}
import { bind, updateClaimStatus, updateClaimStatusWithEvent } from './bind';
import { claimKeyOf, claimRefKey, clone, type SyncOps } from './ops';
import { migrationAnnotations } from './migration';
import { assignDefaultStorageClass, emitEventForUnboundDelayBindingClaim, provisionClaim } from './provision-claim';

export function syncClaim(ops: SyncOps, claimIn: PVC): void {
  let claim = claimIn;
  // Set the correct "migrated-to" annotation first (updateClaimMigrationAnnotations).
  const ann = migrationAnnotations(claim, true);
  if (ann) {
    const next = clone(claim);
    next.metadata.annotations = ann;
    claim = ops.update(next);
  }
  if (!hasAnnotation(claim, ANN_BIND_COMPLETED)) syncUnboundClaim(ops, claim);
  else syncBoundClaim(ops, claim);
}

/**
 * checkVolumeSatisfyClaim: why a volume named by claim.spec.volumeName cannot be used, first
 * failure wins. The label selector is not checked on this path.
 */
export function checkVolumeSatisfyClaim(volume: PV, claim: PVC, vacEnabled: boolean): string | undefined {
  if (volume.metadata.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  // Compared as Value(): whole units rounded up, unlike FindMatchingVolume's exact Cmp.
  if (ceilUnits(volumeCapacity(volume)) < ceilUnits(claimRequest(claim))) return 'requested PV is too small';
  if (getPersistentVolumeClass(volume) !== getPersistentVolumeClaimClass(claim)) return 'storageClassName does not match';
  if (vacEnabled && (claim.spec?.volumeAttributesClassName ?? '') !== (volume.spec?.volumeAttributesClassName ?? ''))
    return 'volumeAttributesClassName does not match';
  if (checkVolumeModeMismatches(claim, volume)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, volume)) return 'incompatible accessMode';
  return undefined;
}

export function syncUnboundClaim(ops: SyncOps, claim: PVC): void {
  // OBSERVATION: pvc is "Pending"
  if (!claim.spec?.volumeName) {
    // User did not care which PV they get.
    let delayBinding: boolean;
    let volume: PV | undefined;
    try {
      delayBinding = isDelayBindingMode(claim, (n) => ops.getClass(n));
      volume = ops.volumes.findBestMatchForClaim(claim, delayBinding, ops.options.vacEnabled);
    } catch (e) {
      ops.fail(`error finding PV for claim "${claimKeyOf(claim)}": ${(e as Error).message}`);
      return;
    }
    if (volume) {
      // OBSERVATION: pvc is "Pending", pv is "Available"
      bind(ops, volume, claim);
      return;
    }
    // No PV could be found. Try a default class first, then provisioning.
    if (assignDefaultStorageClass(ops, claim)) return; // the claim update restarts the sync
    if (delayBinding && !isDelayBindingProvisioning(claim)) {
      // The scheduler has not picked a node for any pod using this claim.
      emitEventForUnboundDelayBindingClaim(ops, claim);
    } else if (getPersistentVolumeClaimClass(claim) !== '') {
      // Provisioning runs asynchronously; the claim status is left as it is.
      provisionClaim(ops, claim);
      return;
    } else {
      ops.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
    }
    // Mark the claim Pending and try again at the next periodic sync.
    updateClaimStatus(ops, claim, 'Pending', undefined);
    return;
  }

  // User asked for a specific PV.
  const volume = ops.getVolume(claim.spec.volumeName);
  if (!volume) {
    // The PV does not exist (yet); retry at the next sync.
    updateClaimStatus(ops, claim, 'Pending', undefined);
    return;
  }
  if (!volume.spec?.claimRef) {
    // OBSERVATION: pvc is "Pending", pv is "Available"
    const reason = checkVolumeSatisfyClaim(volume, claim, ops.options.vacEnabled);
    if (reason) {
      ops.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volume.metadata.name}": ${reason}`);
      updateClaimStatus(ops, claim, 'Pending', undefined);
      return;
    }
    bind(ops, volume, claim);
    return;
  }
  if (isVolumeBoundToClaim(volume, claim)) {
    // OBSERVATION: pvc is "Pending", pv is "Bound" — finish the binding (adds the claim UID).
    bind(ops, volume, claim);
    return;
  }
  // User asked for a PV that is claimed by someone else.
  const msg = `volume "${volume.metadata.name}" already bound to a different claim.`;
  ops.event(claim, 'Warning', 'FailedBinding', msg);
  if (!hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) {
    updateClaimStatus(ops, claim, 'Pending', undefined);
    return;
  }
  // Someone removed bind-completed from a claim the controller bound: THIS SHOULD NEVER HAPPEN.
  ops.fail(
    `invalid binding of claim "${claimKeyOf(claim)}" to volume "${claim.spec.volumeName}": volume already claimed by "${claimRefKey(volume.spec.claimRef)}"`,
  );
}

export function syncBoundClaim(ops: SyncOps, claim: PVC): void {
  // OBSERVATION: pvc was bound before (bind-completed).
  if (!claim.spec?.volumeName) {
    updateClaimStatusWithEvent(ops, claim, 'Lost', undefined, 'Warning', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
    return;
  }
  const volume = ops.getVolume(claim.spec.volumeName);
  if (!volume) {
    updateClaimStatusWithEvent(ops, claim, 'Lost', undefined, 'Warning', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
    return;
  }
  if (!volume.spec?.claimRef) {
    // The volume came unbound (or its update has not arrived): bind it again.
    bind(ops, volume, claim);
    return;
  }
  if (volume.spec.claimRef.uid === claim.metadata.uid) {
    // All is well; bind() only fills in what is missing (e.g. phase Bound).
    bind(ops, volume, claim);
    return;
  }
  // The volume names another claim: Lost is terminal for this one.
  updateClaimStatusWithEvent(ops, claim, 'Lost', undefined, 'Warning', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
}
