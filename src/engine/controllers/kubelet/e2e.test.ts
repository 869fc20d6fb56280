// The whole cluster (createSimulation with every controller) on the lesson's Alibaba Cloud profile: a claim
// of class csi-disk is provisioned, the scheduler places the pod, the disk is attached and mounted, and data
// written through `kubectl exec` outlives the pod.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../sim/create';
import { loadClusterProfile } from '../../storage/profiles';
import { BUILTIN_PROFILES } from '../../storage/builtin-profiles';
import { createExecHandler } from '../../shell/exec';
import type { KObject } from '../../model/types';

function pod(name: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'disk-pvc' } }],
    },
  };
}

describe('alicloud profile, all controllers', () => {
  it('provision → schedule → attach → mount → run; data outlives the pod', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud), { seed: 3 });
    const exec = createExecHandler(sim);
    sim.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'disk-pvc', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'csi-disk', resources: { requests: { storage: '20Gi' } } },
    });
    sim.store.create(pod('writer'));
    sim.settle();
    const p = sim.store.get('Pod', 'default', 'writer') as KObject & { spec: { nodeName: string }; status: { phase: string } };
    expect(p.status.phase).toBe('Running');
    // csi-disk creates disks in cn-hangzhou-b, where only one node lives
    expect(p.spec.nodeName).toBe('cn-hangzhou.192.168.1.10');
    // the kubelet reports the node's address from its ACK name; the pod's hostIP is that address
    expect((p.status as { hostIP?: string }).hostIP).toBe('192.168.1.10');
    expect((sim.store.get('Node', undefined, 'cn-hangzhou.192.168.0.11')!.status as { addresses: unknown }).addresses).toEqual([
      { type: 'InternalIP', address: '192.168.0.11' },
      { type: 'Hostname', address: 'cn-hangzhou.192.168.0.11' },
    ]);
    const reasons = sim.eventLog.filter((e) => e.involved.name === 'writer').map((e) => e.reason);
    // the scheduler first waits for the Immediate claim to be bound ("pod has unbound immediate PersistentVolumeClaims")
    expect(reasons.filter((r) => r !== 'FailedScheduling')).toEqual(['Scheduled', 'SuccessfulAttachVolume', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(exec({ namespace: 'default', pod: 'writer', argv: ['sh', '-c', 'echo hello > /data/msg'] }).code).toBe(0);
    // the service-account token volume is there too
    expect(exec({ namespace: 'default', pod: 'writer', argv: ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'] }).stdout).toBe('default');

    sim.store.delete('Pod', 'default', 'writer');
    sim.settle();
    expect(sim.store.list('VolumeAttachment')).toHaveLength(0);
    sim.store.create(pod('reader'));
    sim.settle();
    expect(exec({ namespace: 'default', pod: 'reader', argv: ['cat', '/data/msg'] }).stdout).toBe('hello\n');
    expect(exec({ namespace: 'default', pod: 'reader', argv: ['df', '-h', '/data'] }).stdout.split('\n')[1]).toMatch(/^\/dev\/vdb +20\.0G/);
    expect(sim.errors).toEqual([]);
  });
});

describe('the lesson’s NAS demo (static provisioning, section 4.3)', () => {
  it('two replicas on two nodes share the NAS export; findmnt shows the same remote path', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud), { seed: 11 });
    const exec = createExecHandler(sim);
    sim.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'nas-csi-pv' },
      spec: {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteMany'],
        persistentVolumeReclaimPolicy: 'Retain',
        csi: { driver: 'nasplugin.csi.alibabacloud.com', volumeHandle: 'nas-csi-pv', volumeAttributes: { server: '2564f49129-ysu87.cn-shenzhen.nas.aliyuncs.com', path: '/csi', vers: '3' } },
      },
    });
    sim.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'nas-pvc', namespace: 'default' }, spec: { accessModes: ['ReadWriteMany'], storageClassName: '', resources: { requests: { storage: '5Gi' } } } });
    sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nas-static', namespace: 'default', labels: { app: 'nginx' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'nginx' } }, topologyKey: 'kubernetes.io/hostname' }] } },
            containers: [{ name: 'nas-container', image: 'nginx', volumeMounts: [{ name: 'pvc-nas', mountPath: '/data' }] }],
            volumes: [{ name: 'pvc-nas', persistentVolumeClaim: { claimName: 'nas-pvc' } }],
          },
        },
      },
    });
    sim.settle();
    const pods = sim.store.list('Pod', 'default') as (KObject & { spec: { nodeName: string }; status: { phase: string } })[];
    expect(pods.map((p) => p.status.phase)).toEqual(['Running', 'Running']);
    expect(new Set(pods.map((p) => p.spec.nodeName)).size).toBe(2);
    const [a, b] = pods.map((p) => p.metadata.name);
    const run = (pod: string, script: string) => exec({ namespace: 'default', pod, argv: ['sh', '-c', script] });
    const fa = run(a, 'findmnt /data').stdout;
    expect(fa).toBe(run(b, 'findmnt /data').stdout);
    expect(fa.split('\n')[1]).toMatch(/^\/data +2564f49129-ysu87\.cn-shenzhen\.nas\.aliyuncs\.com:\/csi +nfs +rw,relatime,vers=3,/);
    run(a, 'touch /data/test.test.test');
    expect(run(b, 'ls /data').stdout).toBe('test.test.test\n');
    expect(sim.store.list('VolumeAttachment')).toEqual([]);
    expect(sim.errors).toEqual([]);
  });
});

describe('a node dies (lesson 2.2)', () => {
  it('a StatefulSet pod moves to another node of the zone with its disk after the out-of-service taint', async () => {
    const { failNode, setOutOfService } = await import('../nodelifecycle/commands');
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud), { seed: 21 });
    const exec = createExecHandler(sim);
    sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        serviceName: 'web',
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            nodeSelector: { 'topology.kubernetes.io/zone': 'cn-hangzhou-a' },
            containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } } }],
      },
    });
    sim.settle();
    const first = sim.store.get('Pod', 'default', 'web-0') as KObject & { spec: { nodeName: string }; status: { phase: string } };
    expect(first.status.phase).toBe('Running');
    const dead = first.spec.nodeName;
    expect(exec({ namespace: 'default', pod: 'web-0', argv: ['sh', '-c', 'echo hello > /usr/share/nginx/html/index.html'] }).code).toBe(0);

    failNode(sim, dead);
    expect(exec({ namespace: 'default', pod: 'web-0', argv: ['ls'] }).stderr).toMatch(/^Error from server: error dialing backend: dial tcp 192\.168\.0\.1[01]:10250: i\/o timeout\n$/);
    sim.advance(10 * 60_000);
    // the pod is stuck Terminating on the dead node and its disk stays attached there
    expect((sim.store.get('Pod', 'default', 'web-0') as KObject).metadata.deletionTimestamp).toBeDefined();
    expect(sim.store.list('VolumeAttachment').map((v) => (v.spec as { nodeName: string }).nodeName)).toEqual([dead]);

    setOutOfService(sim, dead);
    sim.settle();
    const moved = sim.store.get('Pod', 'default', 'web-0') as KObject & { spec: { nodeName: string }; status: { phase: string } };
    expect(moved.status.phase).toBe('Running');
    expect(moved.spec.nodeName).not.toBe(dead);
    expect(sim.store.list('VolumeAttachment').map((v) => (v.spec as { nodeName: string }).nodeName)).toEqual([moved.spec.nodeName]);
    expect(exec({ namespace: 'default', pod: 'web-0', argv: ['cat', '/usr/share/nginx/html/index.html'] }).stdout).toBe('hello\n');
  });
});

describe('generic ephemeral volumes', () => {
  it('get a claim <pod>-<volume> owned by the pod, provisioned, mounted, and gone with the pod', () => {
    const sim = createSimulation(loadClusterProfile(BUILTIN_PROFILES.alicloud), { seed: 4 });
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: {
        containers: [{ name: 'app', image: 'nginx:1.27', volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
        volumes: [{ name: 'work', ephemeral: { volumeClaimTemplate: { metadata: { labels: { type: 'scratch' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'csi-disk', resources: { requests: { storage: '20Gi' } } } } } }],
      },
    });
    sim.settle();
    const pvc = sim.store.get('PersistentVolumeClaim', 'default', 'scratch-work') as KObject & { status: { phase: string } };
    expect(pvc.status.phase).toBe('Bound');
    expect(pvc.metadata.labels).toEqual({ type: 'scratch' });
    expect(pvc.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Pod', name: 'scratch', controller: true, blockOwnerDeletion: true })]);
    expect((sim.store.get('Pod', 'default', 'scratch')!.status as { phase: string }).phase).toBe('Running');
    sim.store.delete('Pod', 'default', 'scratch');
    sim.settle();
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'scratch-work')).toBeUndefined();
    expect(sim.store.list('PersistentVolume')).toEqual([]);
    expect(sim.errors).toEqual([]);
  });
});
