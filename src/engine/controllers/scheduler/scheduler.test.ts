import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../model/types';
import { createScheduler } from './scheduler';
import { explainScheduling } from './framework';
import { fitErrorMessage, reasonHistogram } from './messages';
import { bindClaim, claimVolume, eventsFor, makeSim, pod, pv, pvc, storageClass, threeNodes } from './test-cluster';
import type { PodObj } from './snapshot';

const NOT_HELPFUL = (n: number) => `preemption: 0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`;

function sim(objects: KObject[] = [], nodes = threeNodes()) {
  return makeSim([createScheduler], nodes, objects);
}

function nodeOf(s: ReturnType<typeof sim>, name: string): string | undefined {
  return s.store.get<Pod>('Pod', 'default', name)?.spec?.nodeName;
}

function lastFailed(s: ReturnType<typeof sim>, name: string): string | undefined {
  return eventsFor(s, name).filter((e) => e.startsWith('Warning FailedScheduling')).pop()?.replace('Warning FailedScheduling ', '');
}

describe('FitError text (framework/types.go)', () => {
  it.each([
    {
      name: 'reasons are counted and sorted as strings, then the preemption verdict',
      statuses: [
        { code: 'UnschedulableAndUnresolvable' as const, plugin: 'VolumeBinding', reasons: ['node(s) had volume node affinity conflict'] },
        { code: 'UnschedulableAndUnresolvable' as const, plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] },
        { code: 'UnschedulableAndUnresolvable' as const, plugin: 'VolumeBinding', reasons: ['node(s) had volume node affinity conflict'] },
      ],
      // the example quoted in the semantics reference §7 from a real cluster
      want: '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) had volume node affinity conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    },
    {
      name: 'resource shortfalls may be preempted for, so the dry run finds no victims',
      statuses: [
        { code: 'Unschedulable' as const, plugin: 'NodeResourcesFit', reasons: ['Insufficient cpu'] },
        { code: 'UnschedulableAndUnresolvable' as const, plugin: 'NodeUnschedulable', reasons: ['node(s) were unschedulable'] },
      ],
      want: '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    },
  ])('$name', ({ statuses, want }) => {
    expect(fitErrorMessage(statuses.length === 2 ? 2 : 3, undefined, statuses)).toBe(want);
  });

  it('a count prefix takes part in the sort ("10 …" sorts before "2 …")', () => {
    const s = [...Array(10).fill({ code: 'Unschedulable', plugin: 'x', reasons: ['b'] }), ...Array(2).fill({ code: 'Unschedulable', plugin: 'x', reasons: ['a'] })];
    expect(reasonHistogram(s)).toEqual(['10 b', '2 a']);
  });
});

describe('default-scheduler filters and events', () => {
  it('three nodes, three different reasons: taint, unschedulable, node selector', () => {
    const s = sim([], threeNodes({ 'node-1': { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }, 'node-2': { unschedulable: true } }));
    s.store.create(pod('web', { nodeSelector: { disk: 'ssd' } }));
    s.drain();
    expect(nodeOf(s, 'web')).toBeUndefined();
    const want = `0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) were unschedulable. ${NOT_HELPFUL(3)}`;
    expect(lastFailed(s, 'web')).toBe(want);
    const cond = s.store.get<Pod>('Pod', 'default', 'web')!.status!.conditions!.find((c) => c.type === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: want });
  });

  it('a pending pod is retried when the cluster changes, then Scheduled with the upstream text', () => {
    const s = sim([], threeNodes({ 'node-1': { unschedulable: true }, 'node-2': { unschedulable: true }, 'node-3': { unschedulable: true } }));
    s.store.create(pod('web'));
    s.drain();
    expect(nodeOf(s, 'web')).toBeUndefined();
    const n2 = structuredClone(s.store.get('Node', undefined, 'node-2')!);
    (n2.spec as Record<string, unknown>).unschedulable = false;
    s.store.update(n2);
    s.drain();
    expect(nodeOf(s, 'web')).toBe('node-2');
    expect(eventsFor(s, 'web').pop()).toBe('Normal Scheduled Successfully assigned default/web to node-2');
    const cond = s.store.get<Pod>('Pod', 'default', 'web')!.status!.conditions!.find((c) => c.type === 'PodScheduled');
    expect(cond?.status).toBe('True');
  });

  it('a pod that stays unschedulable gets one FailedScheduling per attempt (not one per own status write)', () => {
    const s = sim([], threeNodes({ 'node-1': { unschedulable: true }, 'node-2': { unschedulable: true }, 'node-3': { unschedulable: true } }));
    s.store.create(pod('web'));
    s.drain();
    expect(s.eventLog.filter((e) => e.reason === 'FailedScheduling')).toHaveLength(1);
    s.advance(5 * 60_000); // the unschedulable-pods flush retries it
    expect(s.eventLog.filter((e) => e.reason === 'FailedScheduling').pop()?.count).toBe(2);
  });

  it('queueing hints: a pod rejected by taints is not retried by a PVC event, but is by a Node event', () => {
    const s = sim([], threeNodes({ 'node-1': { unschedulable: true }, 'node-2': { unschedulable: true }, 'node-3': { unschedulable: true } }));
    s.store.create(pod('web'));
    s.drain();
    s.store.create(pvc('unrelated', { storageClassName: '' }));
    s.drain();
    expect(s.eventLog.filter((e) => e.reason === 'FailedScheduling').pop()?.count).toBe(1);
    const n = structuredClone(s.store.get('Node', undefined, 'node-1')!);
    n.metadata.labels = { ...n.metadata.labels, touched: 'yes' };
    s.store.update(n);
    s.drain();
    expect(s.eventLog.filter((e) => e.reason === 'FailedScheduling').pop()?.count).toBe(2);
  });

  it('required pod anti-affinity by hostname spreads replicas and rejects the fourth', () => {
    const s = sim();
    const anti = {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'nas' } }, topologyKey: 'kubernetes.io/hostname' }],
        },
      },
    };
    for (const n of ['a', 'b', 'c', 'd']) s.store.create(pod(`nas-${n}`, anti, { labels: { app: 'nas' } }));
    s.drain();
    const nodes = ['a', 'b', 'c'].map((n) => nodeOf(s, `nas-${n}`));
    expect(new Set(nodes).size).toBe(3);
    expect(nodeOf(s, 'nas-d')).toBeUndefined();
    expect(lastFailed(s, 'nas-d')).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
    );
  });

  it('an existing pod anti-affinity by zone keeps other matching pods out of its zone', () => {
    const s = sim();
    s.store.create(
      pod('db', {
        nodeName: 'node-1',
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'topology.kubernetes.io/zone' }] } },
      }),
    );
    s.store.create(pod('web', { nodeSelector: { 'topology.kubernetes.io/zone': 'zone-a' } }, { labels: { app: 'web' } }));
    s.drain();
    expect(lastFailed(s, 'web')).toBe(
      "0/3 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('topologySpreadConstraints DoNotSchedule by zone (maxSkew 1): zones a and b have one pod each, so the next goes to zone c', () => {
    const s = sim();
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }] };
    s.store.create(pod('w1', { ...spread, nodeName: 'node-1' }, { labels: { app: 'web' } }));
    s.store.create(pod('w2', { ...spread, nodeName: 'node-2' }, { labels: { app: 'web' } }));
    s.drain();
    const ex = explainScheduling(s.store, pod('w3', spread, { labels: { app: 'web' } }) as PodObj);
    expect(ex.nodes.map((n) => `${n.node}: ${n.reasons.join()}`)).toEqual([
      "node-1: node(s) didn't match pod topology spread constraints",
      "node-2: node(s) didn't match pod topology spread constraints",
      'node-3: ',
    ]);
    expect(ex.selectedNode).toBe('node-3');
  });

  it('NodePorts: a host port already taken on the node', () => {
    const s = sim();
    const withPort = (name: string, extra: Record<string, unknown>) =>
      pod(name, { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] }], ...extra });
    s.store.create(withPort('a', { nodeName: 'node-1' }));
    s.store.create(withPort('b', { nodeSelector: { 'kubernetes.io/hostname': 'node-1' } }));
    s.drain();
    expect(lastFailed(s, 'b')).toBe(
      "0/3 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
  });

  it('pod affinity: the first pod of a self-affine group may go anywhere, later ones follow it', () => {
    const s = sim();
    const aff = { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'topology.kubernetes.io/zone' }] } } };
    s.store.create(pod('c1', aff, { labels: { app: 'cache' } }));
    s.drain();
    s.store.create(pod('c2', aff, { labels: { app: 'cache' } }));
    s.drain();
    expect(nodeOf(s, 'c1')).toBeDefined();
    expect(nodeOf(s, 'c2')).toBe(nodeOf(s, 'c1'));
  });
});

describe('VolumeBinding, VolumeRestrictions, VolumeZone', () => {
  it.each([
    { name: 'missing claim fails PreFilter with the lister error', objects: [] as KObject[], want: `0/3 nodes are available: persistentvolumeclaim "data" not found. ${NOT_HELPFUL(3)}` },
    {
      name: 'an Immediate claim not yet bound',
      objects: [storageClass('fast', { volumeBindingMode: 'Immediate' }), pvc('data', { storageClassName: 'fast' })],
      want: `0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. ${NOT_HELPFUL(3)}`,
    },
    {
      name: 'a claim being deleted',
      objects: [pvc('data', { storageClassName: '' }, { finalizers: ['kubernetes.io/pvc-protection'] })],
      deleteClaim: true,
      want: `0/3 nodes are available: persistentvolumeclaim "data" is being deleted. ${NOT_HELPFUL(3)}`,
    },
    {
      name: 'WaitForFirstConsumer with no provisioner and no fitting PV',
      objects: [storageClass('local', { provisioner: 'kubernetes.io/no-provisioner' }), pvc('data', { storageClassName: 'local' })],
      want: `0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind. ${NOT_HELPFUL(3)}`,
    },
  ] as { name: string; objects: KObject[]; want: string; deleteClaim?: boolean }[])('$name', ({ objects, want, deleteClaim }) => {
    const s = sim(objects);
    if (deleteClaim) s.store.delete('PersistentVolumeClaim', 'default', 'data');
    s.store.create(pod('app', { volumes: [claimVolume('data')] }));
    s.drain();
    expect(lastFailed(s, 'app')).toBe(want);
  });

  it('a bound local PV pins the pod to its node: the others have a volume node affinity conflict', () => {
    const affinity = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } };
    const s = sim([pv('local-1', { nodeAffinity: affinity, storageClassName: '' }), pvc('data', { storageClassName: '' })]);
    bindClaim(s, 'default', 'data', 'local-1');
    s.store.create(pod('app', { volumes: [claimVolume('data')], nodeSelector: { 'topology.kubernetes.io/zone': 'zone-b' } }));
    s.drain();
    expect(lastFailed(s, 'app')).toBe(
      `0/3 nodes are available: 1 node(s) had volume node affinity conflict, 2 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL(3)}`,
    );
    const p = structuredClone(s.store.get('Pod', 'default', 'app')!);
    // spec.nodeSelector is immutable upstream; recreate the pod without it.
    s.store.delete('Pod', 'default', 'app');
    delete (p.spec as Record<string, unknown>).nodeSelector;
    s.store.create({ ...p, metadata: { name: 'app', namespace: 'default' } });
    s.drain();
    expect(nodeOf(s, 'app')).toBe('node-1');
  });

  it('WFFC dynamic: selected-node annotation first, the pod is bound only after the claim binds', () => {
    const s = sim([storageClass('csi-disk'), pvc('data', { storageClassName: 'csi-disk' })]);
    s.store.create(pod('app', { volumes: [claimVolume('data')] }));
    s.drain();
    const claim = s.store.get('PersistentVolumeClaim', 'default', 'data')!;
    const selected = claim.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(selected).toBe('node-1'); // empty nodes score equally: ties go to the first name
    expect(nodeOf(s, 'app')).toBeUndefined();
    expect(eventsFor(s, 'app')).toEqual([]);
    // TEST STAND-IN for the external provisioner + PV controller.
    s.store.create(pv('pvc-1', { storageClassName: 'csi-disk', persistentVolumeReclaimPolicy: 'Delete' }));
    bindClaim(s, 'default', 'data', 'pvc-1');
    expect(nodeOf(s, 'app')).toBe('node-1');
    expect(eventsFor(s, 'app')).toEqual(['Normal Scheduled Successfully assigned default/app to node-1']);
  });

  it('WFFC dynamic: a second pod is not placed on the node a waiting pod is assumed on when anti-affinity forbids it', () => {
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    const s = sim([storageClass('csi-disk'), pvc('d1', { storageClassName: 'csi-disk' }), pvc('d2', { storageClassName: 'csi-disk' })]);
    s.store.create(pod('db-1', { volumes: [claimVolume('d1')], affinity: anti }, { labels: { app: 'db' } }));
    s.store.create(pod('db-2', { volumes: [claimVolume('d2')], affinity: anti }, { labels: { app: 'db' } }));
    s.drain();
    const sel = (c: string) => s.store.get('PersistentVolumeClaim', 'default', c)!.metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(sel('d1')).toBeDefined();
    expect(sel('d2')).toBeDefined();
    expect(sel('d1')).not.toBe(sel('d2'));
  });

  it('WFFC static: the smallest PV whose node affinity admits the node is reserved (claimRef + bound-by-controller)', () => {
    const on = (node: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } });
    const s = sim([
      storageClass('local', { provisioner: 'kubernetes.io/no-provisioner' }),
      pv('big-on-2', { storageClassName: 'local', capacity: { storage: '100Gi' }, nodeAffinity: on('node-2') }),
      pv('small-on-2', { storageClassName: 'local', capacity: { storage: '10Gi' }, nodeAffinity: on('node-2') }),
      pvc('data', { storageClassName: 'local', resources: { requests: { storage: '5Gi' } } }),
    ]);
    s.store.create(pod('app', { volumes: [claimVolume('data')] }));
    s.drain();
    const reserved = s.store.get('PersistentVolume', undefined, 'small-on-2')!;
    expect((reserved.spec as { claimRef?: { name: string; uid?: string } }).claimRef).toMatchObject({ name: 'data', namespace: 'default' });
    expect(reserved.metadata.annotations?.['pv.kubernetes.io/bound-by-controller']).toBe('yes');
    expect((s.store.get('PersistentVolume', undefined, 'big-on-2')!.spec as { claimRef?: unknown }).claimRef).toBeUndefined();
    expect(nodeOf(s, 'app')).toBeUndefined(); // waits for the PV controller
    bindClaim(s, 'default', 'data', 'small-on-2'); // TEST STAND-IN for the PV controller
    expect(nodeOf(s, 'app')).toBe('node-2');
  });

  it('WFFC: provisioning failure (selected-node removed) is reported and the pod is retried', () => {
    const s = sim([storageClass('csi-disk'), pvc('data', { storageClassName: 'csi-disk' })]);
    s.store.create(pod('app', { volumes: [claimVolume('data')] }));
    s.drain();
    const c = structuredClone(s.store.get('PersistentVolumeClaim', 'default', 'data')!);
    delete c.metadata.annotations!['volume.kubernetes.io/selected-node'];
    s.store.update(c);
    s.drain();
    expect(lastFailed(s, 'app')).toBe('running PreBind plugin "VolumeBinding": binding volumes: selectedNode annotation reset for PVC "data"');
    s.advance(1000);
    expect(s.store.get('PersistentVolumeClaim', 'default', 'data')!.metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe('node-1');
  });

  it('ReadWriteOncePod: a second pod using the claim is rejected on every node', () => {
    const s = sim([pv('v', { storageClassName: '', accessModes: ['ReadWriteOncePod'] }), pvc('data', { storageClassName: '', accessModes: ['ReadWriteOncePod'] })]);
    bindClaim(s, 'default', 'data', 'v');
    s.store.create(pod('first', { volumes: [claimVolume('data')] }));
    s.drain();
    s.store.create(pod('second', { volumes: [claimVolume('data')] }));
    s.drain();
    expect(nodeOf(s, 'first')).toBeDefined();
    expect(lastFailed(s, 'second')).toBe(
      '0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
    s.store.delete('Pod', 'default', 'first');
    s.drain();
    expect(nodeOf(s, 'second')).toBeDefined();
  });

  it('VolumeZone: a bound zonal PV keeps the pod in its zone', () => {
    const s = sim([pv('zonal', { storageClassName: '' }, { labels: { 'topology.kubernetes.io/zone': 'zone-c' } }), pvc('data', { storageClassName: '' })]);
    bindClaim(s, 'default', 'data', 'zonal');
    const ex = explainScheduling(s.store, pod('app', { volumes: [claimVolume('data')] }) as PodObj);
    expect(ex.nodes.map((n) => [n.node, n.feasible, n.reasons.join()])).toEqual([
      ['node-1', false, 'node(s) had no available volume zone'],
      ['node-2', false, 'node(s) had no available volume zone'],
      ['node-3', true, ''],
    ]);
    expect(ex.selectedNode).toBe('node-3');
  });
});
