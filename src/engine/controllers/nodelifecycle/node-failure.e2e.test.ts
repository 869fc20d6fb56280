// A node dies under a StatefulSet pod, with every controller of the simulated cluster (API strategies and
// admission included: DefaultTolerationSeconds gives the pod 300 s for node.kubernetes.io/unreachable).
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/create';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import { loadClusterProfile } from '../../storage/profiles';
import type { Simulation } from '../../sim/simulation';
import type { KObject, Node, Pod } from '../../model/types';
import { failNode, recoverNode, setOutOfService } from './commands';

function statefulSet(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 1,
      serviceName: 'web',
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'alicloud-disk-topology-alltype', resources: { requests: { storage: '20Gi' } } },
        },
      ],
    },
  };
}

const pod = (sim: Simulation) => sim.store.get<Pod>('Pod', 'default', 'web-0');
const node = (sim: Simulation, n: string) => sim.store.get<Node>('Node', undefined, n)!;
const ready = (sim: Simulation, n: string) => node(sim, n).status!.conditions!.find((c) => c.type === 'Ready')!;

function runningSet(): { sim: Simulation; where: string } {
  const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud));
  sim.store.create(statefulSet());
  for (let i = 0; i < 120 && pod(sim)?.status?.phase !== 'Running'; i++) {
    sim.settle();
    sim.advance(1000);
  }
  const p = pod(sim)!;
  expect(p.status?.phase).toBe('Running');
  return { sim, where: p.spec!.nodeName! };
}

describe('node failure timeline (StatefulSet pod, zonal disk)', () => {
  it('50 s grace (1.32 default) → NotReady/unreachable taints → 300 s toleration → evicted but stuck Terminating; out-of-service lets it move', () => {
    const { sim, where } = runningSet();
    const t0 = sim.now();
    failNode(sim, where);
    sim.advance(49_000);
    expect(ready(sim, where).status).toBe('True');
    sim.advance(1_000);
    expect(ready(sim, where)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(node(sim, where).spec!.taints!.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(pod(sim)!.status!.conditions!.find((c) => c.type === 'Ready')!.status).toBe('False');
    const nodeEvents = sim.eventLog.filter((e) => e.involved.name === where).map((e) => `${e.reason} ${e.message}`);
    expect(nodeEvents).toContain(`NodeNotReady Node ${where} status is now: NodeNotReady`);
    // The pod tolerates unreachable for 300 s (DefaultTolerationSeconds admission), counted from the taint.
    sim.advance(299_000);
    expect(pod(sim)!.metadata.deletionTimestamp).toBeUndefined();
    sim.advance(1_000);
    expect(sim.now() - t0).toBe(350_000);
    const evict = sim.eventLog.filter((e) => e.reason === 'TaintManagerEviction');
    expect(evict.map((e) => `${e.type} ${e.message} (${e.source.component})`)).toEqual(['Normal Marking for deletion Pod default/web-0 (taint-eviction-controller)']);
    expect(pod(sim)!.metadata.deletionTimestamp).toBeDefined();
    // No kubelet confirms the deletion: the pod stays Terminating and the set does not start a twin.
    sim.advance(30 * 60_000);
    expect(pod(sim)!.metadata.deletionTimestamp).toBeDefined();
    expect(pod(sim)!.spec!.nodeName).toBe(where);
    // Non-graceful node shutdown: the admin marks the node out of service.
    setOutOfService(sim, where);
    sim.settle();
    const again = pod(sim);
    expect(again).toBeDefined();
    expect(again!.metadata.deletionTimestamp).toBeUndefined();
    expect(again!.spec!.nodeName).not.toBe(where);
    expect(again!.spec!.volumes![0].persistentVolumeClaim!.claimName).toBe('data-web-0');
  });

  it('the Node object is deleted (as a cloud node controller does for a removed instance): pod GC frees the identity at once', () => {
    const { sim, where } = runningSet();
    failNode(sim, where);
    sim.advance(60_000);
    const oldUid = pod(sim)!.metadata.uid;
    sim.store.delete('Node', undefined, where);
    sim.settle();
    const again = pod(sim)!;
    expect(again.metadata.uid).not.toBe(oldUid);
    expect(again.spec!.nodeName).toBeDefined();
    expect(again.spec!.nodeName).not.toBe(where);
  });

  it('the node comes back before the toleration runs out: taints go, nothing is evicted', () => {
    const { sim, where } = runningSet();
    failNode(sim, where);
    sim.advance(60_000);
    expect(ready(sim, where).status).toBe('Unknown');
    recoverNode(sim, where);
    sim.settle();
    expect(ready(sim, where).status).toBe('True');
    expect(node(sim, where).spec?.taints ?? []).toEqual([]);
    sim.advance(600_000);
    expect(sim.eventLog.filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/web-0']);
    expect(pod(sim)!.metadata.deletionTimestamp).toBeUndefined();
  });
});
