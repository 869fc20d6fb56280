// CSI migration as the PV controller sees it (pv_controller_base.go updateMigrationAnnotations,
// csi-translation-lib names). In 1.30–1.32 migration is GA and on for these in-tree plugins; the PV
// controller then "stands down": it never provisions or deletes for them itself, it hands the work
// to the CSI driver's external provisioner. Portworx (still beta-off in 1.30) is not listed.
import type { KObject } from '../../model/types';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_MIGRATED_TO, ANN_STORAGE_PROVISIONER } from '../volume/constants';

const MIGRATED: Readonly<Record<string, string>> = {
  'kubernetes.io/gce-pd': 'pd.csi.storage.gke.io',
  'kubernetes.io/aws-ebs': 'ebs.csi.aws.com',
  'kubernetes.io/azure-disk': 'disk.csi.azure.com',
  'kubernetes.io/azure-file': 'file.csi.azure.com',
  'kubernetes.io/cinder': 'cinder.csi.openstack.org',
  'kubernetes.io/vsphere-volume': 'csi.vsphere.vmware.com',
};

/** IsMigrationEnabledForPlugin */
export function isMigrationEnabledForPlugin(plugin: string): boolean {
  return Object.prototype.hasOwnProperty.call(MIGRATED, plugin);
}

/** GetCSINameFromInTreeName */
export function csiNameFromInTreeName(plugin: string): string | undefined {
  return isMigrationEnabledForPlugin(plugin) ? MIGRATED[plugin] : undefined;
}

/**
 * updateMigrationAnnotations: sets pv.kubernetes.io/migrated-to when the provisioner named by the
 * object (claim: storage-provisioner, volume: provisioned-by) is a migrated in-tree plugin, removes
 * it otherwise. Returns the new annotations, or undefined when nothing changes.
 */
export function migrationAnnotations(obj: KObject, claim: boolean): Record<string, string> | undefined {
  const ann = obj.metadata.annotations;
  if (!ann) return undefined;
  let provisioner = claim ? ann[ANN_STORAGE_PROVISIONER] : ann[ANN_DYNAMICALLY_PROVISIONED];
  if (provisioner === undefined && claim) provisioner = ann[ANN_BETA_STORAGE_PROVISIONER];
  if (provisioner === undefined) return undefined;
  const migratedTo = ann[ANN_MIGRATED_TO];
  const csi = csiNameFromInTreeName(provisioner);
  if (csi !== undefined) {
    if (migratedTo !== csi) return { ...ann, [ANN_MIGRATED_TO]: csi };
    return undefined;
  }
  if (migratedTo !== undefined && migratedTo !== '') {
    const next = { ...ann };
    delete next[ANN_MIGRATED_TO];
    return next;
  }
  return undefined;
}
