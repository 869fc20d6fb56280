// The lesson's workload scenarios with every controller of the simulated cluster (API defaulting,
// admission, PV controller, provisioner, attach/detach, kubelet): what a learner sees in `kubectl`.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/create';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import { loadClusterProfile } from '../../storage/profiles';
import type { Simulation } from '../../sim/simulation';
import type { KObject, Pod } from '../../model/types';

function sim(): Simulation {
  return createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud));
}

function settleUntil(s: Simulation, done: () => boolean, maxSeconds = 180): void {
  for (let i = 0; i < maxSeconds && !done(); i++) {
    s.settle();
    if (!done()) s.advance(1000);
  }
  expect(done()).toBe(true);
}

const pods = (s: Simulation, prefix: string) =>
  ([...s.store.list<Pod>('Pod')] as (Pod & KObject)[]).filter((p) => p.metadata.name.startsWith(prefix)).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
const running = (s: Simulation, prefix: string) => pods(s, prefix).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);

function nasClaim(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'shared', namespace: 'default' },
    spec: { accessModes: ['ReadWriteMany'], storageClassName: 'alicloud-nas-subpath', resources: { requests: { storage: '5Gi' } } },
  };
}

function deployment(image: string, replicas = 1, anti = false): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'app', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'app' } },
      template: {
        metadata: { labels: { app: 'app' } },
        spec: {
          ...(anti
            ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'app' } }, topologyKey: 'kubernetes.io/hostname' }] } } }
            : {}),
          containers: [{ name: 'app', image, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'shared' } }],
        },
      },
    },
  };
}

describe('lesson workloads end to end (alicloud)', () => {
  it('2.1: a rolling update replaces the pod; the new pod mounts the same claim; one ReplicaSet per template', () => {
    const s = sim();
    s.store.create(nasClaim());
    s.store.create(deployment('nginx:1.27'));
    settleUntil(s, () => running(s, 'app-').length === 1);
    expect(s.store.list('ReplicaSet')).toHaveLength(1);
    const first = running(s, 'app-')[0];
    const d = structuredClone(s.store.get('Deployment', 'default', 'app')!);
    (d.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image = 'nginx:1.28';
    s.store.update(d);
    settleUntil(s, () => pods(s, 'app-').length === 1 && running(s, 'app-').length === 1 && running(s, 'app-')[0].metadata.name !== first.metadata.name);
    expect(s.store.list('ReplicaSet')).toHaveLength(2);
    const second = running(s, 'app-')[0];
    expect(second.spec!.containers[0].image).toBe('nginx:1.28');
    expect(second.spec!.volumes!.find((v) => v.name === 'data')!.persistentVolumeClaim!.claimName).toBe('shared');
    const st = s.store.get('Deployment', 'default', 'app')!.status as Record<string, unknown>;
    expect(st).toMatchObject({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
  });

  it('4.3: two replicas with required anti-affinity run on two different nodes and share the claim', () => {
    const s = sim();
    s.store.create(nasClaim());
    s.store.create(deployment('nginx:1.7.9', 2, true));
    settleUntil(s, () => running(s, 'app-').length === 2);
    const nodes = running(s, 'app-').map((p) => p.spec!.nodeName);
    expect(new Set(nodes).size).toBe(2);
    for (const p of running(s, 'app-')) expect(s.eventLog.some((e) => e.involved.name === p.metadata.name && e.reason === 'Scheduled' && e.message === `Successfully assigned default/${p.metadata.name} to ${p.spec!.nodeName}`)).toBe(true);
  });

  it('StatefulSet on a WaitForFirstConsumer disk class: claims bound in the zone of the node each pod was scheduled to', () => {
    const s = sim();
    s.store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 2,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'mysql:8' }] } },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'alicloud-disk-topology-alltype', resources: { requests: { storage: '20Gi' } } } }],
      },
    });
    settleUntil(s, () => running(s, 'db-').length === 2, 300);
    for (const p of running(s, 'db-')) {
      const claim = s.store.get('PersistentVolumeClaim', 'default', `data-${p.metadata.name}`)!;
      expect(claim.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(p.spec!.nodeName);
      expect((claim.status as { phase: string }).phase).toBe('Bound');
      const pv = s.store.get('PersistentVolume', undefined, (claim.spec as { volumeName: string }).volumeName)!;
      const zone = s.store.get('Node', undefined, p.spec!.nodeName!)!.metadata.labels!['topology.kubernetes.io/zone'];
      expect(JSON.stringify(pv.spec)).toContain(zone);
    }
    const ev = s.eventLog.filter((e) => e.involved.name === 'db').map((e) => e.message);
    expect(ev.slice(0, 4)).toEqual([
      'create Claim data-db-0 Pod db-0 in StatefulSet db success',
      'create Pod db-0 in StatefulSet db successful',
      'create Claim data-db-1 Pod db-1 in StatefulSet db success',
      'create Pod db-1 in StatefulSet db successful',
    ]);
  });
});
