// A small simulated cluster for end-to-end tests of the PV controller and the protection
// controllers: the real Simulation loop (watch → reconcile → intents, virtual time, resync), with
// objects created already defaulted (this keeps the tests independent of the API strategies).
import type { KObject } from '../../../model/types';
import { Simulation } from '../../../sim/simulation';
import type { ClusterConfig } from '../../../storage/cluster-config';
import type { ControllerFactory } from '../../types';
import { newPersistentVolumeController } from '../controller';
import { newPVCProtectionController } from '../../protection/pvc-protection';
import { newPVProtectionController } from '../../protection/pv-protection';
import type { PV, PVC, SC } from '../../volume/pv-helpers';

export const ONE_NODE: ClusterConfig = {
  name: 'test',
  nodes: [{ name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }],
  drivers: [],
  objects: [],
};

export function newSim(controllers?: readonly ControllerFactory[], seed = 1): Simulation {
  const sim = new Simulation({
    seed,
    cluster: ONE_NODE,
    controllers: controllers ?? [() => newPersistentVolumeController(), newPVCProtectionController, newPVProtectionController],
    strategies: [],
    admission: [],
  });
  sim.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  sim.drain();
  return sim;
}

export interface PVOpts {
  capacity?: string;
  modes?: string[];
  policy?: string;
  className?: string;
  hostPath?: string;
  csi?: { driver: string; volumeHandle: string };
  claimRef?: { name: string; namespace?: string; uid?: string };
  finalizers?: string[];
  annotations?: Record<string, string>;
}

export function pv(name: string, o: PVOpts = {}): PV {
  const source = o.csi ? { csi: o.csi } : { hostPath: { path: o.hostPath ?? `/mnt/${name}` } };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    // StorageObjectInUseProtection admission adds the finalizer on create.
    metadata: { name, finalizers: o.finalizers ?? ['kubernetes.io/pv-protection'], ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: {
      capacity: { storage: o.capacity ?? '1Gi' },
      accessModes: o.modes ?? ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: o.policy ?? 'Retain',
      storageClassName: o.className ?? '',
      volumeMode: 'Filesystem',
      ...source,
      ...(o.claimRef ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', ...o.claimRef } } : {}),
    },
    status: { phase: 'Pending' },
  } as PV;
}

export interface PVCOpts {
  request?: string;
  modes?: string[];
  className?: string | null;
  volumeName?: string;
  finalizers?: string[];
}

export function pvc(name: string, o: PVCOpts = {}): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', finalizers: o.finalizers ?? ['kubernetes.io/pvc-protection'] },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.request ?? '1Gi' } },
      volumeMode: 'Filesystem',
      ...(o.className === null ? {} : { storageClassName: o.className ?? '' }),
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
    },
    status: { phase: 'Pending' },
  } as PVC;
}

export function sc(name: string, provisioner: string, extra: Record<string, unknown> = {}): SC {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner,
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    ...extra,
  } as SC;
}

export function pod(name: string, claimName: string, nodeName?: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      ...(nodeName ? { nodeName } : {}),
      containers: [{ name: 'c', image: 'busybox' }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
    status: { phase: nodeName ? 'Running' : 'Pending' },
  };
}

export const getPV = (sim: Simulation, name: string) => sim.store.get<PV>('PersistentVolume', undefined, name) as PV | undefined;
export const getPVC = (sim: Simulation, name: string) => sim.store.get<PVC>('PersistentVolumeClaim', 'default', name) as PVC | undefined;
export const events = (sim: Simulation, name?: string) =>
  sim.eventLog.filter((e) => name === undefined || e.involved.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
