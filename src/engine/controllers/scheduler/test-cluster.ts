// Test support shared by the scheduler, workload, GC and node-lifecycle tests: a small simulated
// cluster running only the controllers under test (no API strategies, so objects are stored as given).
import { Simulation } from '../../sim/simulation';
import { bootstrap } from '../../sim/bootstrap';
import type { ClusterConfig, NodeSpec } from '../../storage/cluster-config';
import type { KObject, Pod } from '../../model/types';
import type { ControllerFactory } from '../types';
import { rfc3339 } from '../../clock/clock';

export function threeNodes(extra: Partial<Record<string, Partial<NodeSpec>>> = {}): NodeSpec[] {
  return ['node-1', 'node-2', 'node-3'].map((name, i) => ({
    name,
    labels: { 'topology.kubernetes.io/zone': `zone-${'abc'[i]}`, 'topology.kubernetes.io/region': 'region-1' },
    ...(extra[name] ?? {}),
  }));
}

export function makeSim(controllers: readonly ControllerFactory[], nodes: NodeSpec[] = threeNodes(), objects: KObject[] = []): Simulation {
  const cluster: ClusterConfig = { name: 'test', nodes, drivers: [], objects };
  const sim = new Simulation({ cluster, seed: 7, controllers, strategies: [], admission: [] });
  bootstrap(sim);
  return sim;
}

export function pod(name: string, spec: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
  };
}

export function claimVolume(claimName: string, name = 'data') {
  return { name, persistentVolumeClaim: { claimName } };
}

export function pvc(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}, status?: Record<string, unknown>): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', ...meta },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem', ...spec },
    status: status ?? { phase: 'Pending' },
  };
}

export function pv(name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...meta },
    spec: {
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      volumeMode: 'Filesystem',
      csi: { driver: 'disk.csi.example.com', volumeHandle: `h-${name}` },
      ...spec,
    },
    status: { phase: 'Available' },
  };
}

export function storageClass(name: string, extra: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner: 'disk.csi.example.com',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    ...extra,
  };
}

/** TEST STAND-IN for the kubelet: marks a pod Running and Ready (the real kubelet sets pod status). */
export function markRunningReady(sim: Simulation, ns: string, name: string): void {
  const p = sim.store.get<Pod>('Pod', ns, name);
  if (!p) throw new Error(`no pod ${ns}/${name}`);
  const copy = structuredClone(p) as KObject;
  const t = rfc3339(sim.now());
  const conditions = [
    ...((p.status?.conditions ?? []).filter((c) => c.type !== 'Ready' && c.type !== 'ContainersReady') as unknown[]),
    { type: 'ContainersReady', status: 'True', lastTransitionTime: t },
    { type: 'Ready', status: 'True', lastTransitionTime: t },
  ];
  copy.status = { ...(p.status ?? {}), phase: 'Running', conditions };
  sim.store.updateStatus(copy);
  sim.drain();
}

/** TEST STAND-IN for the PV controller: bind a claim to a volume (both sides, bind-completed). */
export function bindClaim(sim: Simulation, ns: string, claim: string, volume: string): void {
  const c = structuredClone(sim.store.get('PersistentVolumeClaim', ns, claim)!) as KObject & { spec: Record<string, unknown> };
  const v = structuredClone(sim.store.get('PersistentVolume', undefined, volume)!) as KObject & { spec: Record<string, unknown> };
  v.spec.claimRef = { kind: 'PersistentVolumeClaim', apiVersion: 'v1', namespace: ns, name: claim, uid: c.metadata.uid };
  sim.store.update(v);
  const v2 = structuredClone(sim.store.get('PersistentVolume', undefined, volume)!);
  v2.status = { phase: 'Bound' };
  sim.store.updateStatus(v2);
  c.spec.volumeName = volume;
  c.metadata.annotations = { ...(c.metadata.annotations ?? {}), 'pv.kubernetes.io/bind-completed': 'yes' };
  sim.store.update(c);
  const c2 = structuredClone(sim.store.get('PersistentVolumeClaim', ns, claim)!);
  c2.status = { phase: 'Bound', accessModes: v.spec.accessModes, capacity: v.spec.capacity };
  sim.store.updateStatus(c2);
  sim.drain();
}

export function eventsFor(sim: Simulation, name: string): string[] {
  return sim.eventLog.filter((e) => e.involved.name === name).map((e) => `${e.type} ${e.reason} ${e.message}`);
}
