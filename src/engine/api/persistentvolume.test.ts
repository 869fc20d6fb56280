// PersistentVolume create/update through the store: defaults, the apiserver's exact error text, warnings.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { errorOf, newStore, objOf, tryCreate, tryUpdate } from './test-support';

const pv = (spec: Record<string, unknown>, name = 'pv1'): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec });
const base = { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/mnt/data' } };
const HOST_PATH_TYPES = '"", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"';

describe('PersistentVolume create', () => {
  it('a hostPath PV is stored with the apiserver defaults, a Pending status and the pv-protection finalizer', () => {
    const o = objOf(tryCreate(newStore(), pv(base)));
    expect(o.spec).toEqual({ ...base, hostPath: { path: '/mnt/data', type: '' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(o.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2025-01-01T00:00:00Z' });
    expect(o.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('capacity is stored in canonical form (1.5Gi → 1536Mi)', () => {
    const o = objOf(tryCreate(newStore(), pv({ ...base, capacity: { storage: '1.5Gi' } })));
    expect(o.spec).toMatchObject({ capacity: { storage: '1536Mi' } });
  });

  const rejected: [string, Record<string, unknown>, string][] = [
    ['no access modes', { capacity: { storage: '1Gi' }, hostPath: { path: '/d' } }, 'spec.accessModes: Required value'],
    ['an abbreviated access mode', { ...base, accessModes: ['RWO'] },
      'spec.accessModes: Unsupported value: "RWO": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ['ReadWriteOncePod mixed with another mode', { ...base, accessModes: ['ReadWriteOncePod', 'ReadWriteOnce'] },
      'spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
    ['no capacity', { accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } },
      '[spec.capacity: Required value, spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage"]'],
    ['a zero capacity', { ...base, capacity: { storage: '0' } }, 'spec.capacity[storage]: Invalid value: "0": must be greater than zero'],
    ['no volume source', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] }, 'spec: Required value: must specify a volume type'],
    ['two volume sources', { ...base, nfs: { server: 'nfs.example', path: '/exports' } }, 'spec.nfs: Forbidden: may not specify more than 1 volume type'],
    ['a local volume without node affinity', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disks/ssd1' } },
      'spec.nodeAffinity: Required value: Local volume requires node affinity'],
    ['a local volume whose nodeAffinity lacks required', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disks/ssd1' }, nodeAffinity: {} },
      'spec.nodeAffinity.required: Required value: must specify required node constraints'],
    ['a node affinity term with In and no values', { ...base, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In' }] }] } } },
      "spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    ['an unknown reclaim policy', { ...base, persistentVolumeReclaimPolicy: 'Keep' },
      'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"'],
    ['Recycle on a hostPath of /', { ...base, hostPath: { path: '/' }, persistentVolumeReclaimPolicy: 'Recycle' },
      "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'"],
    ['a relative NFS path', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany'], nfs: { server: 'nfs.example', path: 'exports' } },
      'spec.nfs.path: Invalid value: "exports": must be an absolute path'],
    ['a CSI source without a volume handle', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'disk.csi.example.com' } },
      'spec.csi.volumeHandle: Required value'],
    ['an unknown hostPath type', { ...base, hostPath: { path: '/d', type: 'Dir' } },
      `spec.hostPath.type: Unsupported value: "Dir": supported values: ${HOST_PATH_TYPES}`],
    ['a hostPath with ..', { ...base, hostPath: { path: '/mnt/../etc' } }, `spec.hostPath.path: Invalid value: "/mnt/../etc": must not contain '..'`],
    ['an unknown volume mode', { ...base, volumeMode: 'Raw' }, 'spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"'],
  ];
  it.each(rejected)('rejects %s', (_name, spec, message) => {
    expect(errorOf(tryCreate(newStore(), pv(spec)))).toBe(`PersistentVolume "pv1" is invalid: ${message}`);
  });

  it('warns about the deprecated Recycle policy and the beta class annotation, but accepts', () => {
    const o = pv({ ...base, persistentVolumeReclaimPolicy: 'Recycle' });
    o.metadata.annotations = { 'volume.beta.kubernetes.io/storage-class': 'slow' };
    const r = tryCreate(newStore(), o);
    expect(r.ok && r.warnings).toEqual([
      'metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead',
      'spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.',
    ]);
  });

  it('warns about deprecated node labels in node affinity', () => {
    const na = { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'failure-domain.beta.kubernetes.io/zone', operator: 'In', values: ['a'] }] }] } };
    const r = tryCreate(newStore(), pv({ ...base, nodeAffinity: na }));
    expect(r.ok && r.warnings).toEqual([
      'spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
    ]);
  });
});

describe('PersistentVolume update', () => {
  const created = () => {
    const s = newStore();
    return { s, o: objOf(tryCreate(s, pv(base))) };
  };

  it('capacity, access modes, reclaim policy and class may change', () => {
    const { s, o } = created();
    const next = structuredClone(o);
    Object.assign(next.spec as object, { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteMany'], persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'slow' });
    expect(objOf(tryUpdate(s, next)).spec).toMatchObject({ capacity: { storage: '2Gi' }, persistentVolumeReclaimPolicy: 'Delete' });
  });

  it('the volume source is immutable (with a diff of the source)', () => {
    const { s, o } = created();
    const next = structuredClone(o);
    (next.spec as { hostPath: { path: string } }).hostPath.path = '/mnt/other';
    const msg = errorOf(tryUpdate(s, next));
    expect(msg.startsWith('PersistentVolume "pv1" is invalid: spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation\n')).toBe(true);
    expect(msg).toContain('core.PersistentVolumeSource{');
  });

  it('the volume mode is immutable', () => {
    const { s, o } = created();
    const next = structuredClone(o);
    (next.spec as { volumeMode: string }).volumeMode = 'Block';
    expect(errorOf(tryUpdate(s, next))).toBe('PersistentVolume "pv1" is invalid: volumeMode: Invalid value: "Block": field is immutable');
  });

  it('a spec update keeps the status; a status write keeps the spec', () => {
    const { s, o } = created();
    const withStatus = structuredClone(o);
    withStatus.status = { phase: 'Available' };
    (withStatus.spec as { capacity: unknown }).capacity = { storage: '9Gi' };
    s.clock.set(s.clock.now() + 90_000);
    const st = s.updateStatus(withStatus).obj;
    // a phase change stamps lastPhaseTransitionTime (persistentvolumeStatusStrategy.PrepareForUpdate)
    expect(st.status).toEqual({ phase: 'Available', lastPhaseTransitionTime: '2025-01-01T00:01:30Z' });
    expect(st.spec).toMatchObject({ capacity: { storage: '1Gi' } });
    const next = structuredClone(st);
    next.status = { phase: 'Failed' };
    expect(objOf(tryUpdate(s, next)).status).toEqual({ phase: 'Available', lastPhaseTransitionTime: '2025-01-01T00:01:30Z' });
  });
});
