// Every kind's API-server behaviour (defaults, validation, status handling) and the admission chain,
// in the order kube-apiserver runs its plugins.
import type { AdmissionPlugin, KindStrategy } from '../store/strategy';
import { persistentVolumeStrategy } from './persistentvolume';
import { persistentVolumeClaimStrategy } from './persistentvolumeclaim';
import { storageClassStrategy } from './storageclass';
import { csiDriverStrategy, csiNodeStrategy, volumeAttachmentStrategy } from './storage-misc';
import { podStrategy } from './pod';
import { deploymentStrategy, replicaSetStrategy, statefulSetStrategy } from './apps';
import {
  configMapStrategy,
  eventStrategy,
  namespaceStrategy,
  nodeStrategy,
  secretStrategy,
  serviceAccountStrategy,
  serviceStrategy,
} from './core-misc';
import { volumeSnapshotClassStrategy, volumeSnapshotContentStrategy, volumeSnapshotStrategy } from './snapshot';
import { namespaceLifecycle } from './admission/namespace-lifecycle';
import { serviceAccountAdmission } from './admission/service-account';
import { defaultTolerationSeconds, priorityAdmission } from './admission/pod-defaults';
import { defaultStorageClassAdmission, persistentVolumeClaimResize, storageObjectInUseProtection } from './admission/storage';

export const STRATEGIES: readonly KindStrategy[] = [
  namespaceStrategy,
  nodeStrategy,
  persistentVolumeStrategy,
  persistentVolumeClaimStrategy,
  storageClassStrategy,
  csiDriverStrategy,
  csiNodeStrategy,
  volumeAttachmentStrategy,
  eventStrategy,
  configMapStrategy,
  secretStrategy,
  serviceAccountStrategy,
  serviceStrategy,
  podStrategy,
  deploymentStrategy,
  replicaSetStrategy,
  statefulSetStrategy,
  volumeSnapshotStrategy,
  volumeSnapshotContentStrategy,
  volumeSnapshotClassStrategy,
];

/** pkg/kubeapiserver/options/plugins.go AllOrderedPlugins, restricted to the ones enabled by default that matter here. */
export const ADMISSION: readonly AdmissionPlugin[] = [
  namespaceLifecycle,
  serviceAccountAdmission,
  priorityAdmission,
  defaultTolerationSeconds,
  defaultStorageClassAdmission,
  storageObjectInUseProtection,
  persistentVolumeClaimResize,
];
