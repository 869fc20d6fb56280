// kubectl describe: field order, indentation and the Events table of pkg/describe/describe.go (v1.32),
// aligned by describe's tabwriter (padding 2) with DescribeEvents flushing before its table.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { bareSim, kubectl, put } from './testing';
import { smartLabelFor } from './describe/generic';

function claim(): KObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name: 'task-pv-claim',
      namespace: 'default',
      finalizers: ['kubernetes.io/pvc-protection'],
      annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' },
    },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, storageClassName: 'manual', volumeName: 'task-pv-volume', volumeMode: 'Filesystem' },
    status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
  } as KObject;
}

describe('kubectl describe pvc', () => {
  it('prints the fields in upstream order, hides last-applied-configuration, lists Used By and the Events table', () => {
    const sim = bareSim();
    const pvc = put(sim, claim());
    put(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'task-pv-pod', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'task-pv-claim' } }] },
    } as KObject);
    sim.recordEvent(pvc, 'Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "manual" not found', 'persistentvolume-controller');
    sim.advance(15_000);
    sim.recordEvent(pvc, 'Warning', 'ProvisioningFailed', 'storageclass.storage.k8s.io "manual" not found', 'persistentvolume-controller');
    sim.advance(22_000);
    expect(kubectl(sim, 'describe pvc task-pv-claim').stdout).toBe(
      [
        'Name:          task-pv-claim',
        'Namespace:     default',
        'StorageClass:  manual',
        'Status:        Bound',
        'Volume:        task-pv-volume',
        'Labels:        <none>',
        'Annotations:   pv.kubernetes.io/bind-completed: yes',
        'Finalizers:    [kubernetes.io/pvc-protection]',
        'Capacity:      10Gi',
        'Access Modes:  RWO',
        'VolumeMode:    Filesystem',
        'Used By:       task-pv-pod',
        'Events:',
        '  Type     Reason              Age                From                         Message',
        '  ----     ------              ----               ----                         -------',
        '  Warning  ProvisioningFailed  22s (x2 over 37s)  persistentvolume-controller  storageclass.storage.k8s.io "manual" not found',
        '',
      ].join('\n'),
    );
  });

  it('a deleted claim shows Terminating (lasts …); no pods and no events print <none>', () => {
    const sim = bareSim();
    put(sim, claim());
    sim.store.delete('PersistentVolumeClaim', 'default', 'task-pv-claim');
    sim.advance(90_000);
    const out = kubectl(sim, 'describe pvc task-pv-claim').stdout;
    expect(out).toContain('Status:        Terminating (lasts 90s)\n');
    expect(out).toContain('Used By:       <none>\nEvents:        <none>\n');
  });
});

describe('kubectl describe pv', () => {
  it('CSI source with VolumeAttributes and a required node affinity term', () => {
    const sim = bareSim();
    put(sim, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pvc-1', annotations: { 'pv.kubernetes.io/provisioned-by': 'disk.csi.example.com' }, finalizers: ['kubernetes.io/pv-protection'] },
      spec: {
        capacity: { storage: '20Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: { namespace: 'default', name: 'data' },
        csi: { driver: 'disk.csi.example.com', volumeHandle: 'd-123', fsType: 'ext4', volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': '1-disk' } },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['zone-a'] }] }] } },
      },
      status: { phase: 'Bound' },
    } as KObject);
    expect(kubectl(sim, 'describe pv pvc-1').stdout).toBe(
      [
        'Name:              pvc-1',
        'Labels:            <none>',
        'Annotations:       pv.kubernetes.io/provisioned-by: disk.csi.example.com',
        'Finalizers:        [kubernetes.io/pv-protection]',
        'StorageClass:      standard',
        'Status:            Bound',
        'Claim:             default/data',
        'Reclaim Policy:    Delete',
        'Access Modes:      RWO',
        'VolumeMode:        Filesystem',
        'Capacity:          20Gi',
        'Node Affinity:     ',
        '  Required Terms:  ',
        '    Term 0:        topology.kubernetes.io/zone in [zone-a]',
        'Message:           ',
        'Source:',
        '    Type:              CSI (a Container Storage Interface (CSI) volume source)',
        '    Driver:            disk.csi.example.com',
        '    FSType:            ext4',
        '    VolumeHandle:      d-123',
        '    ReadOnly:          false',
        '    VolumeAttributes:      storage.kubernetes.io/csiProvisionerIdentity=1-disk',
        'Events:                <none>',
        '',
      ].join('\n'),
    );
  });
});

describe('kubectl describe errors and fallbacks', () => {
  it.each([
    ['not found', 'describe pvc nope', 'Error from server (NotFound): persistentvolumeclaims "nope" not found\n'],
    [
      'no type',
      'describe',
      'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n',
    ],
  ])('%s', (_n, line, stderr) => {
    const r = kubectl(bareSim(), line);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(1);
  });

  it('a name prefix describes every object whose name starts with it, separated by two blank lines', () => {
    const sim = bareSim();
    const out = kubectl(sim, 'describe node node').stdout;
    expect(out.match(/^Name: {15}node-\d$/gm)).toEqual(['Name:               node-1', 'Name:               node-2']);
    expect(out).toContain('Events:              <none>\n\n\nName:');
  });

  it.each([
    ['apiVersion', 'API Version'],
    ['persistentVolumeName', 'Persistent Volume Name'],
    ['nodeID', 'Node ID'],
    ['uid', 'UID'],
    ['csi.alpha.kubernetes.io/node-id', 'csi.alpha.kubernetes.io/node-id'],
  ])('generic describer labels %s as %s', (field, label) => {
    expect(smartLabelFor(field)).toBe(label);
  });
});
