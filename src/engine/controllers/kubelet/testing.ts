// Test fixtures for the attach/detach controller, the kubelet and the shell: a small two-zone cluster with a
// zonal disk driver (attach + stage) and a NAS driver (no attach), pre-bound PV/PVC pairs, pods pinned to nodes.
import { Simulation } from '../../sim/simulation';
import { bootstrap } from '../../sim/bootstrap';
import { ADMISSION, STRATEGIES } from '../../api';
import type { ClusterConfig, DriverSpec } from '../../storage/cluster-config';
import type { KObject } from '../../model/types';
import { attachDetachController } from '../attachdetach/controller';
import { externalAttacher } from '../attachdetach/external-attacher';
import { kubeletController } from './controller';
import { rootCaPublisher } from './root-ca-publisher';
import { createExecHandler } from '../../shell/exec';

const latency = (attach: [number, number], stage: [number, number], publish: [number, number]) => ({
  createVolume: [1000, 2000] as [number, number],
  deleteVolume: [500, 1000] as [number, number],
  attach,
  detach: attach,
  stage,
  publish,
  expand: [1000, 2000] as [number, number],
  snapshot: [1000, 2000] as [number, number],
});

export const DISK_DRIVER = 'disk.csi.example.com';
export const NAS_DRIVER = 'nas.csi.example.com';

const disk: DriverSpec = {
  name: DISK_DRIVER,
  backend: 'zonal-disk',
  attachRequired: true,
  provisions: true,
  volumeHandlePrefix: 'd-',
  accessModes: ['ReadWriteOnce'],
  topologyKeys: ['topology.kubernetes.io/zone'],
  expansion: true,
  stageUnstage: true,
  minSizeBytes: 1,
  sizeStepBytes: 1,
  defaultFsType: 'ext4',
  provisionerIdentity: `${DISK_DRIVER}_csi-provisioner-0`,
  latency: latency([3000, 8000], [500, 1500], [100, 300]),
};

const nas: DriverSpec = {
  ...disk,
  name: NAS_DRIVER,
  backend: 'shared-fs',
  attachRequired: false,
  volumeHandlePrefix: 'nas-',
  accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany'],
  topologyKeys: [],
  stageUnstage: false,
  defaultFsType: 'nfs',
  provisionerIdentity: `${NAS_DRIVER}_csi-provisioner-0`,
  latency: latency([0, 0], [0, 0], [300, 900]),
};

export const TEST_CLUSTER: ClusterConfig = {
  name: 'test',
  nodes: [
    { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
    { name: 'node-2', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
    { name: 'node-3', labels: { 'topology.kubernetes.io/zone': 'zone-b' } },
  ],
  drivers: [disk, nas],
  objects: [],
};

export function newTestSim(seed = 7): Simulation {
  const sim = new Simulation({
    cluster: TEST_CLUSTER,
    seed,
    controllers: [rootCaPublisher, attachDetachController, externalAttacher, kubeletController],
    strategies: STRATEGIES,
    admission: ADMISSION,
  });
  bootstrap(sim);
  sim.settle();
  return sim;
}

export interface VolumeOpts {
  name: string;
  driver?: string;
  handle?: string;
  accessModes?: string[];
  size?: string;
  reclaim?: 'Retain' | 'Delete';
  zone?: string;
  storageClass?: string;
}

/** A PV and a claim bound to each other on both sides (as the PV controller would leave them). */
export function boundPair(sim: Simulation, o: VolumeOpts, ns = 'default'): { pv: KObject; pvc: KObject } {
  const driver = o.driver ?? DISK_DRIVER;
  const modes = o.accessModes ?? ['ReadWriteOnce'];
  const size = o.size ?? '20Gi';
  const pvName = `pv-${o.name}`;
  const pvc = sim.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: o.name, namespace: ns },
    spec: { accessModes: modes, resources: { requests: { storage: size } }, storageClassName: o.storageClass ?? '', volumeName: pvName },
  }).obj;
  const pv = sim.store.create({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: pvName },
    spec: {
      capacity: { storage: size },
      accessModes: modes,
      persistentVolumeReclaimPolicy: o.reclaim ?? 'Retain',
      storageClassName: o.storageClass ?? '',
      claimRef: { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name: o.name, uid: pvc.metadata.uid },
      csi: { driver, volumeHandle: o.handle ?? `${driver === NAS_DRIVER ? 'nas' : 'd'}-${o.name}`, ...(driver === NAS_DRIVER ? { volumeAttributes: { server: 'nas-1.example.com', path: `/share/${o.name}` } } : { fsType: 'ext4' }) },
      ...(o.zone
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: [o.zone] }] }] } } }
        : {}),
    },
  }).obj;
  // what the PV controller leaves on a bound claim: phase Bound, the PV's modes and capacity
  sim.store.updateStatus({ ...structuredClone(pvc), status: { phase: 'Bound', accessModes: modes, capacity: { storage: size } } });
  return { pv, pvc };
}

export interface PodOpts {
  name: string;
  node: string;
  ns?: string;
  volumes?: KObject['spec'][];
  containers?: unknown[];
  restartPolicy?: string;
  grace?: number;
}

export function claimVolume(name: string, claimName: string, readOnly?: boolean) {
  return { name, persistentVolumeClaim: { claimName, ...(readOnly ? { readOnly } : {}) } };
}

export function createPod(sim: Simulation, o: PodOpts): KObject {
  return sim.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name, namespace: o.ns ?? 'default' },
    spec: {
      nodeName: o.node,
      automountServiceAccountToken: false,
      ...(o.restartPolicy ? { restartPolicy: o.restartPolicy } : {}),
      ...(o.grace !== undefined ? { terminationGracePeriodSeconds: o.grace } : {}),
      containers: o.containers ?? [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: o.volumes ?? [],
    },
  }).obj;
}

export function exec(sim: Simulation, pod: string, argv: string[], container?: string, ns = 'default') {
  return createExecHandler(sim)({ namespace: ns, pod, container, argv });
}

export function sh(sim: Simulation, pod: string, script: string, container?: string) {
  return exec(sim, pod, ['sh', '-c', script], container);
}

export function podOf(sim: Simulation, name: string, ns = 'default') {
  return sim.store.get('Pod', ns, name) as (KObject & { status?: Record<string, any> }) | undefined;
}

export function eventsOf(sim: Simulation, kind: string, name: string) {
  return sim.eventLog.filter((e) => e.involved.kind === kind && e.involved.name === name);
}
