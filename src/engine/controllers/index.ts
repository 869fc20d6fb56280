// The controllers a simulated cluster runs, in a fixed order (the order only breaks ties within one
// virtual instant; each still reacts only to what it observes).
import type { ControllerFactory } from './types';
import { externalProvisioner } from './provisioner/controller';
import { newPersistentVolumeController } from './persistentvolume/controller';
import { newPVCProtectionController } from './protection/pvc-protection';
import { newPVProtectionController } from './protection/pv-protection';
import { attachDetachController } from './attachdetach/controller';
import { externalAttacher } from './attachdetach/external-attacher';
import { kubeletController } from './kubelet/controller';
import { rootCaPublisher } from './kubelet/root-ca-publisher';
import { ephemeralVolumeController } from './kubelet/ephemeral-volume';
import { expandController } from './expand/expand-controller';
import { externalResizer } from './expand/external-resizer';
import { snapshotController } from './snapshot/snapshot-controller';
import { csiSnapshotter } from './snapshot/csi-snapshotter';
import { createScheduler } from './scheduler/scheduler';
import { newReplicaSetController } from './workloads/replicaset';
import { newDeploymentController } from './workloads/deployment';
import { newStatefulSetController } from './workloads/statefulset';
import { newGarbageCollector } from './gc/garbage-collector';
import { newPodGCController } from './gc/podgc';
import { newNodeLifecycleController } from './nodelifecycle/node-lifecycle';
import { newTaintEvictionController } from './nodelifecycle/taint-eviction';

export const CONTROLLERS: readonly ControllerFactory[] = [
  externalProvisioner,
  () => newPersistentVolumeController(),
  newPVCProtectionController,
  newPVProtectionController,
  rootCaPublisher,
  ephemeralVolumeController,
  attachDetachController,
  externalAttacher,
  kubeletController,
  expandController,
  externalResizer,
  snapshotController,
  csiSnapshotter,
  createScheduler,
  newReplicaSetController,
  newDeploymentController,
  newStatefulSetController,
  newGarbageCollector,
  newPodGCController,
  newNodeLifecycleController,
  newTaintEvictionController,
];
