// decodeObject: kubectl's client-side checks, the RESTMapper, and the apiserver's JSON decoding errors.
import { describe, expect, it } from 'vitest';
import { decodeObject } from './decode';

const HINT = 'if you choose to ignore these errors, turn validation off with --validate=false';
const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const pvc = (spec: unknown, metadata: unknown = { name: 'data' }) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec });
const deploy = (spec: unknown) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec });

function failure(v: unknown): { stage: string; message: string } {
  const r = decodeObject(v);
  if (r.ok) throw new Error('expected a decoding failure');
  return { stage: r.error.stage, message: r.error.message };
}

describe('decodeObject', () => {
  it('accepts a well-formed manifest and resolves its kind', () => {
    const r = decodeObject(pvc({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 5 } } }));
    expect(r.ok && r.kind.plural).toBe('persistentvolumeclaims');
  });

  const cases: [string, unknown, string, string][] = [
    ['apiVersion and kind missing', { metadata: { name: 'x' } }, 'client', `error validating data: [apiVersion not set, kind not set]; ${HINT}`],
    ['kind missing', { apiVersion: 'v1', metadata: { name: 'x' } }, 'client', `error validating data: kind not set; ${HINT}`],
    ['a non-string kind', { apiVersion: 'v1', kind: 7 }, 'client', `error validating data: kind isn't string type; ${HINT}`],
    ['a malformed apiVersion', { apiVersion: 'a/b/c', kind: 'Pod' }, 'client', `error validating data: unexpected GroupVersion string: a/b/c; ${HINT}`],
    ['an unknown kind', { apiVersion: 'apps/v1', kind: 'Deploymnet', metadata: { name: 'web' } }, 'mapping', 'no matches for kind "Deploymnet" in version "apps/v1"'],
    ['a kind in the wrong group', { apiVersion: 'v1', kind: 'StorageClass', metadata: { name: 'x' } }, 'mapping', 'no matches for kind "StorageClass" in version "v1"'],
    ['replicas as a string', deploy({ replicas: '2' }), 'server',
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a fractional replica count', deploy({ replicas: 1.5 }), 'server',
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['accessModes as a string', pvc({ accessModes: 'ReadWriteOnce' }), 'server',
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: json: cannot unmarshal string into Go struct field PersistentVolumeClaimSpec.spec.accessModes of type []v1.PersistentVolumeAccessMode'],
    ['resources as a list', pvc({ resources: [{ requests: { storage: '1Gi' } }] }), 'server',
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: json: cannot unmarshal array into Go struct field PersistentVolumeClaimSpec.spec.resources of type v1.VolumeResourceRequirements'],
    ['a number label value', pvc({}, { name: 'data', labels: { tier: 1 } }), 'server',
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a storage request that is not a quantity', pvc({ resources: { requests: { storage: '5 GB' } } }), 'server',
      `PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: ${QUANTITY}`],
    ['a mountPath given as a number', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountPath: 1 }] }] } }, 'server',
      'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field VolumeMount.spec.containers.volumeMounts.mountPath of type string'],
    ['misspelled fields (strict field validation)', pvc({ storageclassName: 'fast', accessModes: ['ReadWriteOnce'], resource: {} }), 'server',
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "spec.storageclassName", unknown field "spec.resource"'],
    ['a misspelled field inside a list', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x', volumeMounts: [{ name: 'v', mountpath: '/d' }] }] } }, 'server',
      'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].volumeMounts[0].mountpath"'],
    ['a misspelled CSI volume handle in a PV', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'disk.csi.example.com', volumeHandel: 'd-1' } } }, 'server',
      'PersistentVolume in version "v1" cannot be handled as a PersistentVolume: strict decoding error: unknown field "spec.csi.volumeHandel"'],
    ['a StatefulSet partition given as a string', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { updateStrategy: { rollingUpdate: { partition: '1' } } } }, 'server',
      'StatefulSet in version "v1" cannot be handled as a StatefulSet: json: cannot unmarshal string into Go struct field RollingUpdateStatefulSetStrategy.spec.updateStrategy.rollingUpdate.partition of type int32'],
  ];
  it.each(cases)('%s', (_n, value, stage, message) => {
    expect(failure(value)).toEqual({ stage, message });
  });

  it('a server-side failure carries a 400 BadRequest ApiError', () => {
    const r = decodeObject(deploy({ replicas: '2' }));
    expect(!r.ok && r.error.apiError?.code).toBe(400);
    expect(!r.ok && r.error.apiError?.reason).toBe('BadRequest');
  });
});
