// The PV controller's side of dynamic provisioning (pv_controller.go provisionClaim,
// provisionClaimOperation[External], setClaimProvisioner, assignDefaultStorageClass,
// emitEventForUnboundDelayBindingClaim). External provisioners (every CSI driver) only get the
// storage-provisioner annotations and an ExternalProvisioning event; the csi-provisioner sidecar
// does the rest. No in-tree plugin of kube-controller-manager 1.30–1.32 can provision
// (hostPath provisioning is off unless --enable-hostpath-provisioner), so every kubernetes.io/
// provisioner ends in ProvisioningFailed, except the CSI-migrated ones (kubernetes.io/gce-pd →
// pd.csi.storage.gke.io …, see migration.ts), which go to the CSI driver's external provisioner.
import type { Obj, Pod } from '../../model/types';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_STORAGE_PROVISIONER,
  BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION,
  IS_DEFAULT_STORAGE_CLASS_ANNOTATION,
} from '../volume/constants';
import { POD_PVC_INDEX, isPodTerminated } from '../volume/pod-pvc-index';
import { getPersistentVolumeClaimClass, persistentVolumeClaimHasClass, type PVC, type SC } from '../volume/pv-helpers';
import { clone, claimKeyOf, type SyncOps } from './ops';
import { csiNameFromInTreeName, migrationAnnotations } from './migration';

/** Plugins kube-controller-manager registers (ProbeControllerVolumePlugins) that match by name. */
const HOST_PATH_PLUGIN = 'kubernetes.io/host-path';

export function isDefaultAnnotation(sc: SC): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IS_DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true' || a[BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION] === 'true';
}

/** util.GetDefaultClass: the newest default class (creationTimestamp), then name ascending. */
export function getDefaultClass(classes: readonly SC[]): SC | undefined {
  const defaults = classes.filter(isDefaultAnnotation);
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
    return ta > tb ? -1 : 1;
  });
  return defaults[0];
}

/**
 * assignDefaultStorageClass: a claim created while no default class existed gets one retroactively
 * (the claim is updated and the next sync continues). Claims with any class — even "" — are left alone.
 */
export function assignDefaultStorageClass(ops: SyncOps, claim: PVC): boolean {
  if (persistentVolumeClaimHasClass(claim)) return false;
  const sc = getDefaultClass(ops.ctx.view.list<SC>('StorageClass') as SC[]);
  if (!sc) return false;
  const next = clone(claim);
  next.spec = { ...(next.spec ?? {}), storageClassName: sc.metadata.name };
  ops.update(next);
  return true;
}

/** findNonScheduledPodsByPVC: names of live, unscheduled pods that use the claim (sorted). */
export function findNonScheduledPodsByPVC(ops: SyncOps, claim: PVC): string[] {
  const pods = ops.ctx.view.byIndex<Obj<Pod>>('Pod', POD_PVC_INDEX, claimKeyOf(claim)) as Obj<Pod>[];
  return pods
    .filter((p) => !isPodTerminated(p) && !p.spec?.nodeName)
    .map((p) => p.metadata.name)
    .sort();
}

/** emitEventForUnboundDelayBindingClaim: WaitForFirstConsumer, or WaitForPodScheduled with the pods. */
export function emitEventForUnboundDelayBindingClaim(ops: SyncOps, claim: PVC): void {
  let reason = 'WaitForFirstConsumer';
  let message = 'waiting for first consumer to be created before binding';
  const podNames = findNonScheduledPodsByPVC(ops, claim);
  if (podNames.length > 0) {
    reason = 'WaitForPodScheduled';
    // Only one pod is considered by the scheduler, but any of them may be it: list them all.
    message =
      podNames.length > 1
        ? `waiting for pods ${podNames.join(',')} to be scheduled`
        : `waiting for pod ${podNames[0]} to be scheduled`;
  }
  ops.event(claim, 'Normal', reason, message);
}

/** setClaimProvisioner: both storage-provisioner annotations, unless the GA one already says so. */
function setClaimProvisioner(ops: SyncOps, claim: PVC, provisionerName: string): PVC {
  if (claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER] === provisionerName) return claim;
  const next = clone(claim);
  next.metadata.annotations = {
    ...(next.metadata.annotations ?? {}),
    [ANN_BETA_STORAGE_PROVISIONER]: provisionerName,
    [ANN_STORAGE_PROVISIONER]: provisionerName,
  };
  const migrated = migrationAnnotations(next, true);
  if (migrated) next.metadata.annotations = migrated;
  return ops.update(next);
}

type PluginLookup = { kind: 'external'; sc: SC; provisionerName: string } | { kind: 'in-tree'; sc: SC; plugin: string } | { kind: 'error'; message: string };

/** findProvisionablePlugin: external unless the provisioner is a kubernetes.io/ name. */
function findProvisionablePlugin(ops: SyncOps, claim: PVC): PluginLookup {
  const name = getPersistentVolumeClaimClass(claim);
  const sc = ops.getClass(name);
  if (!sc) return { kind: 'error', message: `storageclass.storage.k8s.io "${name}" not found` };
  const provisioner = sc.provisioner ?? '';
  // CSI migration: do not depend on the in-tree plugin; the CSI driver provisions.
  const migrated = csiNameFromInTreeName(provisioner);
  if (migrated !== undefined) return { kind: 'external', sc, provisionerName: migrated };
  if (provisioner === HOST_PATH_PLUGIN) return { kind: 'in-tree', sc, plugin: provisioner };
  if (!provisioner.startsWith('kubernetes.io/')) return { kind: 'external', sc, provisionerName: provisioner };
  return { kind: 'error', message: `no volume plugin matched name: ${provisioner}` };
}

/** Go's %v of a []string: [a b c] */
const goList = (xs: readonly string[]): string => `[${xs.join(' ')}]`;

/** provisionClaim (dynamic provisioning is enabled by default). */
export function provisionClaim(ops: SyncOps, claim: PVC): void {
  if (!ops.options.enableDynamicProvisioning) return;
  const found = findProvisionablePlugin(ops, claim);
  if (found.kind === 'error') {
    // Retried on every syncUnboundClaim, so the event repeats each resync.
    ops.event(claim, 'Warning', 'ProvisioningFailed', found.message);
    return;
  }
  if (found.kind === 'external') {
    const provisionerName = found.provisionerName;
    const saved = setClaimProvisioner(ops, claim, provisionerName);
    ops.event(
      saved,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisionerName}' ` +
        'or manually by the system administrator. If volume creation is delayed, please verify that ' +
        'the provisioner is running and correctly registered.',
    );
    return;
  }
  // provisionClaimOperation with the in-tree hostPath plugin, whose provisioning is disabled in
  // kube-controller-manager unless --enable-hostpath-provisioner.
  const plugin = found.plugin;
  if (claim.spec?.dataSource) {
    ops.event(claim, 'Warning', 'ProvisioningFailed', `plugin "${plugin}" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource`);
    ops.fail(`plugin "${plugin}" is not a CSI plugin. Only CSI plugin can provision a claim with a datasource`);
    return;
  }
  const saved = setClaimProvisioner(ops, claim, found.sc.provisioner);
  if (ops.getVolume(`pvc-${claim.metadata.uid}`)) return;
  const mountOptions = found.sc.mountOptions ?? [];
  if (mountOptions.length > 0) {
    ops.event(
      saved,
      'Warning',
      'ProvisioningFailed',
      `Mount options are not supported by the provisioner but StorageClass "${found.sc.metadata.name}" has mount options ${goList(mountOptions)}`,
    );
    ops.fail(`provisioner "${plugin}" doesn't support mount options`);
    return;
  }
  const err = `provisioning in volume plugin "${plugin}" is disabled`;
  ops.event(saved, 'Warning', 'ProvisioningFailed', `Failed to create provisioner: ${err}`);
  ops.fail(err);
}
