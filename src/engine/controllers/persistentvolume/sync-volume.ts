// syncVolume of pv_controller.go (unit test set 4), plus the HonorPVReclaimPolicy finalizer
// bookkeeping of pv_controller_base.go (modifyDeletionFinalizers) that runs first.
import {
  ANN_DYNAMICALLY_PROVISIONED,
  PV_DELETION_IN_TREE_PROTECTION_FINALIZER,
  PV_DELETION_PROTECTION_FINALIZER,
} from '../volume/constants';
import { checkVolumeModeMismatches, hasAnnotation, type PV } from '../volume/pv-helpers';
import { unbindVolume, updateVolumePhase } from './bind';
import { clone, type SyncOps } from './ops';
import { reclaimVolume } from './reclaim';
import { isMigrationEnabledForPlugin, migrationAnnotations } from './migration';

export const claimQueueKey = (namespace: string | undefined, name: string): string => `claim/${namespace ?? ''}/${name}`;
export const volumeQueueKey = (name: string): string => `volume/${name}`;

/**
 * modifyDeletionFinalizers: only dynamically provisioned in-tree volumes (provisioned-by a
 * kubernetes.io/ plugin) carry kubernetes.io/pv-controller, and only while their policy is Delete.
 */
function modifyDeletionFinalizers(volume: PV): string[] | undefined {
  const provisioner = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  if (provisioner === undefined) return undefined;
  let out = [...(volume.metadata.finalizers ?? [])];
  let modified = false;
  if (isMigrationEnabledForPlugin(provisioner)) {
    // Migrated: the in-tree finalizer goes, the external provisioner's one stays.
    if (!out.includes(PV_DELETION_IN_TREE_PROTECTION_FINALIZER)) return undefined;
    return out.filter((f) => f !== PV_DELETION_IN_TREE_PROTECTION_FINALIZER);
  }
  if (!provisioner.startsWith('kubernetes.io/')) return undefined;
  const policy = volume.spec?.persistentVolumeReclaimPolicy;
  if (policy === 'Delete' && !out.includes(PV_DELETION_IN_TREE_PROTECTION_FINALIZER)) {
    out.push(PV_DELETION_IN_TREE_PROTECTION_FINALIZER);
    modified = true;
  } else if ((policy === 'Retain' || policy === 'Recycle') && out.includes(PV_DELETION_IN_TREE_PROTECTION_FINALIZER)) {
    out = out.filter((f) => f !== PV_DELETION_IN_TREE_PROTECTION_FINALIZER);
    modified = true;
  }
  if (out.includes(PV_DELETION_PROTECTION_FINALIZER)) {
    out = out.filter((f) => f !== PV_DELETION_PROTECTION_FINALIZER);
    modified = true;
  }
  return modified ? out : undefined;
}

export function syncVolume(ops: SyncOps, volumeIn: PV): void {
  let volume = volumeIn;
  // updateVolumeMigrationAnnotationsAndFinalizers
  const ann = migrationAnnotations(volume, false);
  const finalizers = modifyDeletionFinalizers(volume);
  if (ann || finalizers) {
    const next = clone(volume);
    if (ann) next.metadata.annotations = ann;
    if (finalizers) next.metadata.finalizers = finalizers;
    volume = ops.update(next);
  }

  const ref = volume.spec?.claimRef;
  if (!ref) {
    // Volume is unused.
    updateVolumePhase(ops, volume, 'Available', '');
    return;
  }
  if (!ref.uid) {
    // Reserved for a claim (pre-bound by name) that has not bound yet; syncClaim handles it.
    updateVolumePhase(ops, volume, 'Available', '');
    return;
  }
  // Get the claim by name; a claim with another UID means the original one was deleted and a new
  // one took its name — treat the volume as bound to a missing claim.
  let claim = ops.getClaim(ref.namespace, ref.name ?? '');
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;

  if (!claim) {
    // Released keeps the old claimRef (uid included), so no claim ever matches it again by itself.
    // Do not overwrite Failed: the user should see that something went wrong while we retry.
    if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') {
      volume = updateVolumePhase(ops, volume, 'Released', '');
    }
    reclaimVolume(ops, volume);
    return;
  }
  if (!claim.spec?.volumeName) {
    if (checkVolumeModeMismatches(claim, volume)) {
      // findBestMatchForClaim will never return this volume: say why, on both objects.
      ops.event(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata.name}" due to incompatible volumeMode.`);
      ops.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
      return;
    }
    // Volume is bound (by the controller, a provisioner, or the user) and the claim is Pending:
    // the claim sync completes the binding. Enqueue it now rather than at the next resync.
    ops.requeue(claimQueueKey(claim.metadata.namespace, claim.metadata.name), 0);
    return;
  }
  if (claim.spec.volumeName === volume.metadata.name) {
    // Bound properly; fix the phase if needed.
    updateVolumePhase(ops, volume, 'Bound', '');
    return;
  }
  // The claim is bound to another volume.
  if (hasAnnotation(volume, ANN_DYNAMICALLY_PROVISIONED) && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    // Provisioned for this claim, but the claim got another volume: release and delete it.
    if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') {
      volume = updateVolumePhase(ops, volume, 'Released', '');
    }
    reclaimVolume(ops, volume);
    return;
  }
  // Bound by the controller → claimRef removed; pre-bound by the user → only its uid cleared.
  unbindVolume(ops, volume);
}
