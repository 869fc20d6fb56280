// Annotation, finalizer and label keys of the volume subsystem, verbatim from
// k8s.io/component-helpers/storage/volume (pv_helpers.go) and pkg/volume/util.

/** PVC: binding finished; switches the claim to syncBoundClaim. Value does not matter. */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
/** PV and PVC: the binding was installed by a controller, not pre-bound by the user. */
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
/** PVC: set by the scheduler for WaitForFirstConsumer claims: provision for this node. */
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** PV: dynamically provisioned; the value names the provisioner. */
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
/** PV / PVC: CSI migration (out of scope here: no in-tree plugin is ever migrated in the simulator). */
export const ANN_MIGRATED_TO = 'pv.kubernetes.io/migrated-to';
/** PVC: which provisioner should provision the claim (GA and beta keys, both written). */
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** PV / PVC: deprecated class annotation; wins over spec.storageClassName when present. */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
/** PV: capacity the claim reports when it (re)binds after an expansion (pkg/volume/util AnnPreResizeCapacity). */
export const ANN_PRE_RESIZE_CAPACITY = 'volume.alpha.kubernetes.io/pre-resize-capacity';
/** StorageClass default markers (pkg/volume/util/storageclass.go); value must be exactly "true". */
export const IS_DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_IS_DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** StorageClass provisioner meaning "no dynamic provisioning" (local volumes). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

/** Finalizers (pkg/volume/util/finalizers.go, component-helpers). */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';
export const PV_DELETION_PROTECTION_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';
export const PV_DELETION_IN_TREE_PROTECTION_FINALIZER = 'kubernetes.io/pv-controller';
