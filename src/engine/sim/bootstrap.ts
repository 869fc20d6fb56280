// A fresh cluster: the system namespaces, one Node per node spec (and its root file system, where hostPath
// and local volumes keep their files), a CSIDriver and CSINode entries per installed CSI driver, and the
// objects the profile installs (StorageClasses …).
import type { KObject } from '../model/types';
import { isCsiDriver, type ClusterConfig } from '../storage/cluster-config';
import { ensureNodeRootFs } from '../storage/locate';
import type { Simulation } from './simulation';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export function nodeObject(n: ClusterConfig['nodes'][number]): KObject {
  const capacity = { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi', ...(n.capacity ?? {}) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: {
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'beta.kubernetes.io/arch': 'amd64',
        ...n.labels,
      },
    },
    spec: {
      ...(n.unschedulable ? { unschedulable: true } : {}),
      ...(n.taints?.length ? { taints: n.taints.map((t) => ({ ...t })) } : {}),
    },
    status: {
      capacity,
      allocatable: capacity,
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        containerRuntimeVersion: 'containerd://1.7.24',
        operatingSystem: 'linux',
        architecture: 'amd64',
        osImage: 'Ubuntu 22.04.5 LTS',
        kernelVersion: '5.15.0-1057',
      },
    },
  };
}

export function bootstrap(sim: Simulation): void {
  const s = sim.store;
  for (const ns of SYSTEM_NAMESPACES)
    s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
  for (const n of sim.cluster.nodes) {
    const created = s.create(nodeObject(n)).obj;
    // The node's status is reported by its kubelet, not accepted on create.
    s.updateStatus({ ...structuredClone(created), status: nodeObject(n).status });
    ensureNodeRootFs(sim.backends, n, sim.now());
  }
  const csiDrivers = sim.cluster.drivers.filter(isCsiDriver);
  for (const d of csiDrivers) {
    s.create({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: { name: d.name },
      spec: {
        attachRequired: d.attachRequired,
        podInfoOnMount: false,
        requiresRepublish: false,
        storageCapacity: false,
        fsGroupPolicy: 'ReadWriteOnceWithFSType',
        seLinuxMount: false,
        volumeLifecycleModes: ['Persistent'],
      },
    });
  }
  for (const n of sim.cluster.nodes) {
    const drivers = csiDrivers.map((d) => ({
      name: d.name,
      nodeID: n.name,
      topologyKeys: d.topologyKeys.length ? [...d.topologyKeys] : null,
    }));
    s.create({ apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: n.name }, spec: { drivers } });
  }
  for (const o of sim.cluster.objects) {
    try {
      s.create(structuredClone(o));
    } catch (e) {
      // A profile's manifest the API server refuses is a broken profile: say which one.
      throw new Error(`cluster profile "${sim.cluster.name}": ${o.kind} "${o.metadata.name}": ${(e as Error).message}`);
    }
  }
  sim.drain();
}
