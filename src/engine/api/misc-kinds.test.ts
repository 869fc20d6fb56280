// The smaller kinds: CSIDriver, CSINode, VolumeAttachment, the snapshot CRDs, Namespace, Secret, Service.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { errorOf, newStore, objOf, tryCreate, tryUpdate } from './test-support';

const k = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown>, namespaced = false): KObject =>
  ({ apiVersion, kind, metadata: { name, ...(namespaced ? { namespace: 'default' } : {}) }, ...rest });

describe('storage.k8s.io kinds', () => {
  it('CSIDriver gets SetDefaults_CSIDriver', () => {
    const o = objOf(tryCreate(newStore(), k('storage.k8s.io/v1', 'CSIDriver', 'disk.csi.example.com', { spec: {} })));
    expect(o.spec).toEqual({
      attachRequired: true, podInfoOnMount: false, storageCapacity: false, fsGroupPolicy: 'ReadWriteOnceWithFSType',
      volumeLifecycleModes: ['Persistent'], requiresRepublish: false, seLinuxMount: false,
    });
  });

  it('CSIDriver attachRequired is immutable (upstream spells the path "attachedRequired")', () => {
    const s = newStore();
    const o = objOf(tryCreate(s, k('storage.k8s.io/v1', 'CSIDriver', 'disk.csi.example.com', { spec: {} })));
    const n = structuredClone(o);
    (n.spec as { attachRequired: boolean }).attachRequired = false;
    expect(errorOf(tryUpdate(s, n))).toBe('CSIDriver.storage.k8s.io "disk.csi.example.com" is invalid: spec.attachedRequired: Invalid value: false: field is immutable');
  });

  it('CSINode rejects a driver without nodeID', () => {
    const o = k('storage.k8s.io/v1', 'CSINode', 'node-a', { spec: { drivers: [{ name: 'disk.csi.example.com' }] } });
    expect(errorOf(tryCreate(newStore(), o))).toBe('CSINode.storage.k8s.io "node-a" is invalid: spec.drivers[0].nodeID: Required value');
  });

  it('VolumeAttachment needs exactly one source and its spec is immutable', () => {
    const s = newStore();
    expect(errorOf(tryCreate(s, k('storage.k8s.io/v1', 'VolumeAttachment', 'csi-1', { spec: { attacher: 'disk.csi.example.com', nodeName: 'node-a', source: {} } })))).toBe(
      'VolumeAttachment.storage.k8s.io "csi-1" is invalid: spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName',
    );
    const va = objOf(tryCreate(s, k('storage.k8s.io/v1', 'VolumeAttachment', 'csi-1', { spec: { attacher: 'disk.csi.example.com', nodeName: 'node-a', source: { persistentVolumeName: 'pv1' } } })));
    const n = structuredClone(va);
    (n.spec as { nodeName: string }).nodeName = 'node-b';
    expect(errorOf(tryUpdate(s, n))).toMatch(/^VolumeAttachment\.storage\.k8s\.io "csi-1" is invalid: spec: Invalid value: .*: field is immutable$/);
  });
});

describe('snapshot.storage.k8s.io CRDs', () => {
  it('a VolumeSnapshot names exactly one source', () => {
    const o = k('snapshot.storage.k8s.io/v1', 'VolumeSnapshot', 'snap', { spec: { source: {} } }, true);
    expect(errorOf(tryCreate(newStore(), o))).toBe(
      'VolumeSnapshot.snapshot.storage.k8s.io "snap" is invalid: spec.source: Invalid value: "object": exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set',
    );
  });

  it('a VolumeSnapshotClass needs a driver and a known deletionPolicy', () => {
    const o = k('snapshot.storage.k8s.io/v1', 'VolumeSnapshotClass', 'csi-snap', { driver: 'disk.csi.example.com', deletionPolicy: 'Keep' });
    expect(errorOf(tryCreate(newStore(), o))).toBe(
      'VolumeSnapshotClass.snapshot.storage.k8s.io "csi-snap" is invalid: deletionPolicy: Unsupported value: "Keep": supported values: "Delete", "Retain"',
    );
  });
});

describe('core kinds', () => {
  it('a Namespace gets phase Active, the kubernetes finalizer and its name label', () => {
    const o = objOf(tryCreate(newStore(), k('v1', 'Namespace', 'team-a', {})));
    expect(o).toMatchObject({ spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    expect(o.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
  });

  it('a Secret defaults to Opaque and stores stringData base64-encoded in data', () => {
    const o = objOf(tryCreate(newStore(), k('v1', 'Secret', 'db', { stringData: { password: 'pa55' } }, true)));
    expect(o).toMatchObject({ type: 'Opaque', data: { password: 'cGE1NQ==' } });
    expect(o).not.toHaveProperty('stringData');
  });

  it('a ConfigMap key must be a valid config key', () => {
    expect(errorOf(tryCreate(newStore(), k('v1', 'ConfigMap', 'cfg', { data: { 'a b': 'x' } }, true)))).toBe(
      "ConfigMap \"cfg\" is invalid: data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  });

  it.each([
    ['a pod event in its namespace', 'default', { kind: 'Pod', namespace: 'default', name: 'p' }, true],
    ['a PV event in default', 'default', { kind: 'PersistentVolume', name: 'pv1' }, true],
    ['a PV event in another namespace', 'kube-system', { kind: 'PersistentVolume', name: 'pv1' }, false],
    ['a pod event in the wrong namespace', 'kube-system', { kind: 'Pod', namespace: 'default', name: 'p' }, false],
  ])('Event namespaces: %s', (_n, ns, involvedObject, ok) => {
    const ev: KObject = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e1', namespace: ns }, involvedObject, reason: 'Test', message: 'm' };
    const r = tryCreate(newStore(), ev);
    expect(r.ok ? 'accepted' : r.message).toBe(
      ok ? 'accepted' : `Event "e1" is invalid: involvedObject.namespace: Invalid value: ${JSON.stringify((involvedObject as { namespace?: string }).namespace ?? '')}: does not match event.namespace`,
    );
  });

  it('a Service name must be a DNS-1035 label', () => {
    expect(errorOf(tryCreate(newStore(), k('v1', 'Service', '1web', { spec: { ports: [{ port: 80 }] } }, true)))).toBe(
      "Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    );
  });

  it('a Service gets a ClusterIP that an update without one keeps', () => {
    const s = newStore();
    const o = objOf(tryCreate(s, k('v1', 'Service', 'web', { spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }, true)));
    expect(o.spec).toMatchObject({ type: 'ClusterIP', sessionAffinity: 'None', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    const ip = (o.spec as { clusterIP: string }).clusterIP;
    expect(ip).toMatch(/^10\.96\.\d+\.\d+$/);
    const n = structuredClone(o);
    delete (n.spec as { clusterIP?: string }).clusterIP;
    delete (n.spec as { clusterIPs?: string[] }).clusterIPs;
    expect((objOf(tryUpdate(s, n)).spec as { clusterIP: string }).clusterIP).toBe(ip);
  });
});
