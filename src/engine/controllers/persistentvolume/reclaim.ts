// reclaimVolume and its operations (pv_controller.go reclaimVolume, recycleVolumeOperation,
// deleteVolumeOperation, doDeleteVolume, findDeletablePlugin, isVolumeReleased, isVolumeUsed),
// with the volume plugins kube-controller-manager 1.30–1.32 registers (hostpath, nfs, local, csi):
//   Retain  — nothing, ever: the PV stays Released with its old claimRef.
//   Delete  — dynamically provisioned by an external provisioner, or a CSI volume
//             (HonorPVReclaimPolicy, on since 1.31): "External deleter for volume requested,
//             ignoring" — the csi-provisioner deletes the asset and the PV. hostPath: the in-tree
//             deleter only accepts paths matching /tmp/.+ (it removes the directory on the
//             kube-controller-manager host, not on any node); everything else fails with
//             VolumeFailedDelete and phase Failed.
//   Recycle — hostPath and nfs have a recycler (a pod running rm -rf on the volume); the data is
//             scrubbed and the PV becomes Available again. Others: "No recycler plugin found".
// Operations run inline (upstream: a goroutine per volume); the recycler pod itself and its
// RecyclerPod events are not simulated.
import type { Obj, Pod } from '../../model/types';
import { lookup } from '../../fs/tree';
import { locatePersistentVolume } from '../../storage/locate';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_MIGRATED_TO,
  PV_DELETION_IN_TREE_PROTECTION_FINALIZER,
} from '../volume/constants';
import { POD_PVC_INDEX, isPodTerminated } from '../volume/pod-pvc-index';
import { hasAnnotation, type PV } from '../volume/pv-helpers';
import { unbindVolume, updateVolumePhaseWithEvent } from './bind';
import { claimRefKey, clone, type SyncOps } from './ops';

const HOST_PATH_PLUGIN = 'kubernetes.io/host-path';

export function reclaimVolume(ops: SyncOps, volume: PV): void {
  // A migrated PV is handled by the external provisioner; the PV controller stands down.
  if (volume.metadata.annotations?.[ANN_MIGRATED_TO]) return;
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle':
      recycleVolumeOperation(ops, volume);
      return;
    case 'Delete':
      deleteVolumeOperation(ops, volume);
      return;
    default:
      updateVolumePhaseWithEvent(ops, volume, 'Failed', 'Warning', 'VolumeUnknownReclaimPolicy', 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }
}

/**
 * isVolumeReleased: the volume has a claimRef with a uid and that claim is gone, has another uid,
 * or is bound to another volume.
 */
export function isVolumeReleased(ops: SyncOps, volume: PV): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref || !ref.uid) return false;
  const claim = ops.getClaim(ref.namespace, ref.name ?? '');
  if (claim && claim.metadata.uid === ref.uid) {
    return !!claim.spec?.volumeName && claim.spec.volumeName !== volume.metadata.name;
  }
  return true;
}

/** isVolumeUsed: "namespace/name" of non-terminated pods using the claim the volume names, sorted. */
export function isVolumeUsed(ops: SyncOps, volume: PV): string[] {
  const ref = volume.spec?.claimRef;
  if (!ref) return [];
  const pods = ops.ctx.view.byIndex<Obj<Pod>>('Pod', POD_PVC_INDEX, claimRefKey(ref)) as Obj<Pod>[];
  return [...new Set(pods.filter((p) => !isPodTerminated(p)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`))].sort();
}

function recycleVolumeOperation(ops: SyncOps, volume: PV): void {
  if (!isVolumeReleased(ops, volume)) return;
  const pods = isVolumeUsed(ops, volume);
  // A claim of that name in the cache is a new claim (the volume is released): safe to recycle.
  const ref = volume.spec!.claimRef!;
  const claimCached = !!ops.getClaim(ref.namespace, ref.name ?? '');
  if (pods.length > 0 && !claimCached) {
    ops.event(volume, 'Normal', 'VolumeFailedRecycle', `Volume is used by pods: ${pods.join(',')}`);
    return;
  }
  const spec = volume.spec ?? {};
  if (!spec.hostPath && !spec.nfs) {
    // Despite Failed, every later syncVolume tries again.
    updateVolumePhaseWithEvent(ops, volume, 'Failed', 'Warning', 'VolumeFailedRecycle', 'No recycler plugin found for the volume!');
    return;
  }
  // The recycler pod runs `rm -rf /scrub/..?* /scrub/.[!.]* /scrub/*` on the volume.
  const loc = locatePersistentVolume(volume, undefined, ops.ctx.cluster);
  const asset = loc ? ops.ctx.backends.get(loc.assetId) : undefined;
  if (loc && asset && asset.deletedAt === undefined) {
    const dir = lookup(asset.root, loc.path);
    if (dir && dir.type === 'dir') {
      dir.entries = {};
      dir.mtime = ops.now;
    }
  }
  ops.intents.push({
    type: 'trace',
    trace: {
      from: 'persistentvolume-controller',
      to: `recycler-for-${volume.metadata.name}`,
      call: 'Recycle',
      objects: [`PersistentVolume//${volume.metadata.name}`],
      ok: true,
      detail: loc ? `rm -rf ${loc.assetId}:${loc.path}/*` : undefined,
    },
  });
  ops.event(volume, 'Normal', 'VolumeRecycled', 'Volume recycled');
  // Make the volume available again.
  unbindVolume(ops, volume);
}

type DeleterLookup = { kind: 'external' } | { kind: 'hostPath'; path: string } | { kind: 'error'; message: string };

/** findDeletablePlugin: which deleter handles the volume, nil (external) or an error. */
function findDeletablePlugin(volume: PV): DeleterLookup {
  const provisionedBy = volume.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
  if (provisionedBy) {
    // Try the plugin that provisioned the volume.
    if (provisionedBy === HOST_PATH_PLUGIN && volume.spec?.hostPath) return { kind: 'hostPath', path: volume.spec.hostPath.path };
    if (!provisionedBy.startsWith('kubernetes.io/')) return { kind: 'external' };
    return { kind: 'error', message: `no volume plugin matched name: ${provisionedBy}` };
  }
  // HonorPVReclaimPolicy (beta, on in 1.31 and 1.32).
  if (hasAnnotation(volume, ANN_MIGRATED_TO)) return { kind: 'external' };
  if (volume.spec?.csi) return { kind: 'external' };
  // Not dynamically provisioned: find a plugin by the volume source.
  const spec = volume.spec ?? {};
  const wrap = (e: string) => `error getting deleter volume plugin for volume "${volume.metadata.name}": ${e}`;
  if (spec.hostPath) return { kind: 'hostPath', path: spec.hostPath.path };
  if (spec.nfs || spec.local) return { kind: 'error', message: wrap('no deletable volume plugin matched') };
  return { kind: 'error', message: wrap('no volume plugin matched') };
}

function deleteVolumeOperation(ops: SyncOps, volume: PV): void {
  // With HonorPVReclaimPolicy a volume that is already being deleted is still reclaimed.
  if (!isVolumeReleased(ops, volume)) return;
  const plugin = findDeletablePlugin(volume);
  if (plugin.kind === 'external') return; // External deleter for volume requested, ignoring
  const err =
    plugin.kind === 'error'
      ? plugin.message
      : /\/tmp\/.+/.test(plugin.path)
        ? undefined
        : `host_path deleter only supports /tmp/.+ but received provided ${plugin.path}`;
  if (err !== undefined || plugin.kind === 'error') {
    // Failed is sticky for display; the event is emitted only on the phase change, the deletion is
    // retried on every sync.
    const message = err ?? '';
    // The deletion runs as an operation of its own; syncVolume itself succeeds.
    updateVolumePhaseWithEvent(ops, volume, 'Failed', 'Warning', 'VolumeFailedDelete', message);
    return;
  }
  // hostPath under /tmp: os.RemoveAll runs inside kube-controller-manager, so no node's files change.
  ops.intents.push({
    type: 'trace',
    trace: {
      from: 'persistentvolume-controller',
      to: 'kube-controller-manager',
      call: 'Delete',
      objects: [`PersistentVolume//${volume.metadata.name}`],
      ok: true,
      detail: `host_path deleter: rm -rf ${plugin.path}`,
    },
  });
  if (volume.metadata.finalizers?.includes(PV_DELETION_IN_TREE_PROTECTION_FINALIZER)) {
    const next = clone(volume);
    next.metadata.finalizers = next.metadata.finalizers!.filter((f) => f !== PV_DELETION_IN_TREE_PROTECTION_FINALIZER);
    ops.update(next);
  }
  ops.deleteVolume(volume.metadata.name);
}
