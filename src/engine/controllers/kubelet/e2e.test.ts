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
