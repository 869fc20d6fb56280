import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../model/types';
import { createScheduler } from '../scheduler/scheduler';
import { claimVolume, eventsFor, makeSim, markRunningReady, pvc } from '../scheduler/test-cluster';
import { newReplicaSetController } from './replicaset';
import { newDeploymentController } from './deployment';
import { newStatefulSetController } from './statefulset';
import { newGarbageCollector } from '../gc/garbage-collector';

const template = (image = 'nginx:1.27', volumes: unknown[] = []) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image }], ...(volumes.length ? { volumes } : {}) },
});

function pods(s: ReturnType<typeof makeSim>): (Pod & KObject)[] {
  return [...s.store.list<Pod>('Pod')].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

/** TEST STAND-IN for the kubelet: every scheduled pod becomes Running and Ready. */
function kubeletRunsAll(s: ReturnType<typeof makeSim>) {
  for (const p of pods(s)) if (p.spec?.nodeName && p.status?.phase !== 'Running' && !p.metadata.deletionTimestamp) markRunningReady(s, 'default', p.metadata.name);
}

describe('ReplicaSet', () => {
  it('creates replicas from the template with generateName, owner reference and SuccessfulCreate events; scales down unscheduled pods first', () => {
    const s = makeSim([newReplicaSetController]);
    const rs: KObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template() },
    };
    s.store.create(rs);
    s.drain();
    const ps = pods(s);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: s.store.get('ReplicaSet', 'default', 'web')!.metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(eventsFor(s, 'web').sort()).toEqual(ps.map((p) => `Normal SuccessfulCreate Created pod: ${p.metadata.name}`).sort());
    // Only one pod is placed on a node (written here directly): the two unscheduled ones go first.
    const keep = ps[1];
    const b = structuredClone(keep) as KObject;
    (b.spec as Record<string, unknown>).nodeName = 'node-1';
    s.store.update(b);
    const cur = structuredClone(s.store.get('ReplicaSet', 'default', 'web')!);
    (cur.spec as Record<string, unknown>).replicas = 1;
    s.store.update(cur);
    s.drain();
    expect(pods(s).map((p) => p.metadata.name)).toEqual([keep.metadata.name]);
    expect(s.store.get('ReplicaSet', 'default', 'web')!.status).toMatchObject({ replicas: 1 });
  });
});

describe('Deployment', () => {
  const deploy = (extra: Record<string, unknown> = {}): KObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.27', [claimVolume('data')]), ...extra },
  });

  it('rolling update: a new ReplicaSet <deploy>-<hash> surges one pod that mounts the same claim, then the old one is scaled down', () => {
    const s = makeSim([createScheduler, newReplicaSetController, newDeploymentController], undefined, [pvc('data', { storageClassName: '' })]);
    // the claim is bound for scheduling purposes (TEST STAND-IN for the PV controller)
    const c = structuredClone(s.store.get('PersistentVolumeClaim', 'default', 'data')!);
    c.metadata.annotations = { 'pv.kubernetes.io/bind-completed': 'yes' };
    (c.spec as Record<string, unknown>).volumeName = 'nas-pv';
    s.store.update(c);
    s.store.create({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'nas-pv' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteMany'], nfs: { server: 'nas', path: '/' } } });
    s.store.create(deploy());
    s.drain();
    const rs1 = s.store.list('ReplicaSet');
    expect(rs1).toHaveLength(1);
    const hash1 = rs1[0].metadata.labels!['pod-template-hash'];
    expect(rs1[0].metadata.name).toBe(`web-${hash1}`);
    expect((rs1[0].spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash1 });
    expect(rs1[0].metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '1', 'deployment.kubernetes.io/max-replicas': '2' });
    expect(eventsFor(s, 'web')).toContain(`Normal ScalingReplicaSet Scaled up replica set web-${hash1} from 0 to 1`);
    kubeletRunsAll(s);
    const oldPod = pods(s)[0];
    expect(oldPod.metadata.name.startsWith(`web-${hash1}-`)).toBe(true);
    expect(s.store.get('Deployment', 'default', 'web')!.status).toMatchObject({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });

    // kubectl set image: a template change
    const d = structuredClone(s.store.get('Deployment', 'default', 'web')!);
    (d.spec as { template: unknown }).template = template('nginx:1.28', [claimVolume('data')]);
    s.store.update(d);
    s.drain();
    const rs2 = s.store.list('ReplicaSet').find((r) => r.metadata.name !== `web-${hash1}`)!;
    const hash2 = rs2.metadata.labels!['pod-template-hash'];
    expect(hash2).not.toBe(hash1);
    expect(rs2.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(pods(s)).toHaveLength(2); // maxSurge 25% of 1 rounds up to 1; maxUnavailable rounds down to 0
    const newPod = pods(s).find((p) => p.metadata.name.startsWith(`web-${hash2}-`))!;
    expect(newPod.spec!.volumes).toEqual([claimVolume('data')]);
    kubeletRunsAll(s);
    expect(pods(s).map((p) => p.metadata.name)).toEqual([newPod.metadata.name]);
    expect(eventsFor(s, 'web').filter((e) => e.includes('ScalingReplicaSet'))).toEqual([
      `Normal ScalingReplicaSet Scaled up replica set web-${hash1} from 0 to 1`,
      `Normal ScalingReplicaSet Scaled up replica set web-${hash2} from 0 to 1`,
      `Normal ScalingReplicaSet Scaled down replica set web-${hash1} from 1 to 0`,
    ]);
    const st = s.store.get('Deployment', 'default', 'web')!.status as { conditions: { type: string; reason: string }[] };
    expect(st.conditions.map((c) => `${c.type}/${c.reason}`).sort()).toEqual(['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);
  });

  it('Recreate: the old pods go first, the new ReplicaSet comes up only when they are gone', () => {
    const s = makeSim([newReplicaSetController, newDeploymentController]);
    s.store.create({ ...deploy({ replicas: 2, strategy: { type: 'Recreate' }, template: template() }) });
    s.drain();
    expect(pods(s)).toHaveLength(2);
    const d = structuredClone(s.store.get('Deployment', 'default', 'web')!);
    (d.spec as { template: unknown }).template = template('nginx:1.28');
    s.store.update(d);
    s.drain();
    const names = s.store.list('ReplicaSet').map((r) => r.metadata.name);
    expect(names).toHaveLength(2);
    const ev = eventsFor(s, 'web').filter((e) => e.includes('ScalingReplicaSet'));
    expect(ev[1]).toMatch(/^Normal ScalingReplicaSet Scaled down replica set web-\w+ from 2 to 0$/);
    expect(ev[2]).toMatch(/^Normal ScalingReplicaSet Scaled up replica set web-\w+ from 0 to 2$/);
    expect(pods(s).every((p) => p.spec!.containers[0].image === 'nginx:1.28')).toBe(true);
  });
});

describe('Deployment rollback', () => {
  it('going back to an earlier template reuses its ReplicaSet, which takes the next revision (revision-history keeps the old one)', () => {
    const s = makeSim([newReplicaSetController, newDeploymentController]);
    s.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1') } });
    s.drain();
    const setImage = (image: string) => {
      const d = structuredClone(s.store.get('Deployment', 'default', 'web')!);
      (d.spec as { template: unknown }).template = template(image);
      s.store.update(d);
      s.drain();
    };
    setImage('nginx:2');
    setImage('nginx:1'); // kubectl rollout undo
    const rss = s.store.list('ReplicaSet');
    expect(rss).toHaveLength(2);
    const first = rss.find((r) => (r.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image === 'nginx:1')!;
    expect(first.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(s.store.get('Deployment', 'default', 'web')!.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });
});

describe('Deployment progress deadline', () => {
  it('no pod becomes ready: Progressing turns False/ProgressDeadlineExceeded after progressDeadlineSeconds (600 s default)', () => {
    const s = makeSim([newReplicaSetController, newDeploymentController]);
    s.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template() },
    });
    s.drain();
    const progressing = () => ((s.store.get('Deployment', 'default', 'web')!.status as { conditions: { type: string; status: string; reason: string; message: string }[] }).conditions.find((c) => c.type === 'Progressing'))!;
    expect(s.settle()).toBe(0); // the deadline check is periodic: it does not keep the simulation busy
    s.advance(590_000);
    expect(progressing().status).toBe('True');
    s.advance(20_000);
    const rs = s.store.list('ReplicaSet')[0].metadata.name;
    expect(progressing()).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs}" has timed out progressing.` });
  });
});

describe('StatefulSet', () => {
  const sts = (extra: Record<string, unknown> = {}): KObject => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      volumeClaimTemplates: [
        { metadata: { name: 'www', labels: { tier: 'storage' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
      ],
      ...extra,
    },
  });

  function setup(extra: Record<string, unknown> = {}) {
    const s = makeSim([newStatefulSetController, newGarbageCollector]);
    s.store.create(sts(extra));
    s.drain();
    return s;
  }

  /** TEST STAND-IN for scheduler + kubelet: place a pod and make it Running and Ready. */
  function run(s: ReturnType<typeof makeSim>, name: string) {
    const p = structuredClone(s.store.get('Pod', 'default', name)!);
    (p.spec as Record<string, unknown>).nodeName = 'node-1';
    s.store.update(p);
    markRunningReady(s, 'default', name);
  }

  it('OrderedReady: claim before pod, the next ordinal only after the previous is Running and Ready', () => {
    const s = setup();
    expect(pods(s).map((p) => p.metadata.name)).toEqual(['web-0']);
    const claim = s.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!;
    expect(claim.metadata.labels).toEqual({ tier: 'storage', app: 'nginx' });
    expect(claim.metadata.ownerReferences).toBeUndefined(); // retention policy Retain/Retain
    const web0 = pods(s)[0];
    expect(web0.spec!.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
    expect(web0.spec!.hostname).toBe('web-0');
    expect(web0.spec!.subdomain).toBe('nginx');
    expect(web0.metadata.labels).toMatchObject({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(eventsFor(s, 'web')).toEqual([
      'Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
    ]);
    run(s, 'web-0');
    expect(pods(s).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1']);
    run(s, 'web-1');
    run(s, 'web-2');
    expect(s.store.get('StatefulSet', 'default', 'web')!.status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3 });
  });

  it('Parallel creates every ordinal at once', () => {
    const s = setup({ podManagementPolicy: 'Parallel' });
    expect(pods(s).map((p) => p.metadata.name)).toEqual(['web-0', 'web-1', 'web-2']);
  });

  it('a deleted pod comes back with the same name and the same claim', () => {
    const s = setup({ replicas: 1 });
    run(s, 'web-0');
    const uid = s.store.get('Pod', 'default', 'web-0')!.metadata.uid;
    s.store.delete('Pod', 'default', 'web-0');
    s.drain();
    const again = s.store.get<Pod>('Pod', 'default', 'web-0')!;
    expect(again.metadata.uid).not.toBe(uid);
    expect(again.spec!.volumes![0].persistentVolumeClaim!.claimName).toBe('www-web-0');
    expect(s.store.list('PersistentVolumeClaim').map((c) => c.metadata.name)).toEqual(['www-web-0']);
  });

  it('an existing claim is reused as it is (not recreated, not validated against the template)', () => {
    const s = makeSim([newStatefulSetController]);
    s.store.create(pvc('www-web-0', { resources: { requests: { storage: '7Gi' } } }));
    s.store.create(sts({ replicas: 1 }));
    s.drain();
    expect((s.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!.spec as { resources: { requests: { storage: string } } }).resources.requests.storage).toBe('7Gi');
    expect(eventsFor(s, 'web')).toEqual(['Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful']);
  });

  it.each([
    { policy: undefined, afterScaleDown: ['www-web-0', 'www-web-1', 'www-web-2'], afterDelete: ['www-web-0', 'www-web-1', 'www-web-2'] },
    { policy: { whenScaled: 'Delete', whenDeleted: 'Retain' }, afterScaleDown: ['www-web-0'], afterDelete: ['www-web-0'] },
    { policy: { whenScaled: 'Retain', whenDeleted: 'Delete' }, afterScaleDown: ['www-web-0', 'www-web-1', 'www-web-2'], afterDelete: [] },
    { policy: { whenScaled: 'Delete', whenDeleted: 'Delete' }, afterScaleDown: ['www-web-0'], afterDelete: [] },
  ])('retention policy $policy: scale 3→1 from the highest ordinal, then delete the set', ({ policy, afterScaleDown, afterDelete }) => {
    const s = setup(policy ? { persistentVolumeClaimRetentionPolicy: policy } : {});
    for (const n of ['web-0', 'web-1', 'web-2']) run(s, n);
    const set = structuredClone(s.store.get('StatefulSet', 'default', 'web')!);
    (set.spec as Record<string, unknown>).replicas = 1;
    s.store.update(set);
    s.drain();
    expect(pods(s).map((p) => p.metadata.name)).toEqual(['web-0']);
    const deletes = eventsFor(s, 'web').filter((e) => e.includes('SuccessfulDelete'));
    expect(deletes).toEqual(['Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful', 'Normal SuccessfulDelete delete Pod web-1 in StatefulSet web successful']);
    expect(s.store.list('PersistentVolumeClaim').map((c) => c.metadata.name).sort()).toEqual(afterScaleDown);
    s.store.delete('StatefulSet', 'default', 'web');
    s.drain();
    expect(pods(s)).toEqual([]);
    expect(s.store.list('PersistentVolumeClaim').map((c) => c.metadata.name).sort()).toEqual(afterDelete);
  });

  it('whenDeleted=Delete: claims carry an ownerReference to the set (no controller flag)', () => {
    const s = setup({ replicas: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } });
    const set = s.store.get('StatefulSet', 'default', 'web')!;
    expect(s.store.get('PersistentVolumeClaim', 'default', 'www-web-0')!.metadata.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid },
    ]);
  });

  it('a Terminating pod blocks its ordinal: no second pod with the same identity', () => {
    const s = setup({ replicas: 1 });
    run(s, 'web-0');
    const p = structuredClone(s.store.get('Pod', 'default', 'web-0')!);
    p.metadata.finalizers = ['test/hold']; // stands in for a kubelet that never confirms the deletion
    s.store.update(p);
    s.store.delete('Pod', 'default', 'web-0');
    s.drain();
    expect(s.store.get('Pod', 'default', 'web-0')!.metadata.deletionTimestamp).toBeDefined();
    expect(pods(s)).toHaveLength(1);
  });
});
