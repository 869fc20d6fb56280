// PersistentVolumeClaim create/update: defaults, validation text, immutability, resize rules (1.32).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import type { Store } from '../store/store';
import { errorOf, newStore, objOf, tryCreate, tryUpdate } from './test-support';

const pvc = (spec: Record<string, unknown>, extra: Partial<KObject> = {}): KObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec, ...extra,
});
const base = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
const sc = (name: string, extra: Record<string, unknown> = {}): KObject => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'disk.csi.example.com', ...extra });

describe('PersistentVolumeClaim create', () => {
  it('is stored with volumeMode Filesystem, phase Pending and the pvc-protection finalizer', () => {
    const o = objOf(tryCreate(newStore(), pvc(base)));
    expect(o.spec).toEqual({ ...base, volumeMode: 'Filesystem' });
    expect(o.status).toEqual({ phase: 'Pending' });
    expect(o.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });

  it('a dataSource of a claim is mirrored into dataSourceRef', () => {
    const o = objOf(tryCreate(newStore(), pvc({ ...base, dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } })));
    expect(o.spec).toMatchObject({ dataSourceRef: { kind: 'PersistentVolumeClaim', name: 'src' } });
  });

  it('a dataSource of an unsupported kind is silently dropped (EnforceDataSourceBackwardsCompatibility)', () => {
    const o = objOf(tryCreate(newStore(), pvc({ ...base, dataSource: { apiGroup: 'example.com', kind: 'Thing', name: 'x' } })));
    expect(o.spec).not.toHaveProperty('dataSource');
  });

  const rejected: [string, Record<string, unknown>, string][] = [
    ['no access modes', { resources: { requests: { storage: '1Gi' } } }, 'spec.accessModes: Required value: at least 1 access mode is required'],
    ['no storage request', { accessModes: ['ReadWriteOnce'], resources: { requests: {} } }, 'spec.resources[storage]: Required value'],
    ['a zero request', { ...base, resources: { requests: { storage: '0Gi' } } }, 'spec.resources[storage]: Invalid value: "0": must be greater than zero'],
    ['an unknown volume mode', { ...base, volumeMode: 'Raw' }, 'spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"'],
    // NormalizeDataSources copies dataSourceRef into dataSource before validation, so both fields are reported
    ['a dataSourceRef kind without apiGroup', { ...base, dataSourceRef: { kind: 'VolumeSnapshot', name: 'snap' } },
      "[spec.dataSource: Invalid value: \"VolumeSnapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup, spec.dataSourceRef: Invalid value: \"VolumeSnapshot\": must be 'PersistentVolumeClaim' when referencing the default apiGroup]"],
    ['a class name that is not a DNS subdomain', { ...base, storageClassName: 'Fast_SSD' },
      `spec.storageClassName: Invalid value: "Fast_SSD": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`],
  ];
  it.each(rejected)('rejects %s', (_n, spec, message) => {
    expect(errorOf(tryCreate(newStore(), pvc(spec)))).toBe(`PersistentVolumeClaim "data" is invalid: ${message}`);
  });

  it('warns about a fractional byte request', () => {
    const r = tryCreate(newStore(), pvc({ ...base, resources: { requests: { storage: '1500m' } } }));
    expect(r.ok && r.warnings).toEqual(['spec.resources.requests[storage]: fractional byte value "1500m" is invalid, must be an integer']);
  });
});

describe('PersistentVolumeClaim update', () => {
  const IMMUTABLE = 'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n';
  function setup(opts: { bound?: boolean; capacity?: string; cls?: string; expandable?: boolean } = {}): { s: Store; o: KObject } {
    const s = newStore();
    if (opts.cls) tryCreate(s, sc(opts.cls, opts.expandable ? { allowVolumeExpansion: true } : {}));
    let o = objOf(tryCreate(s, pvc({ ...base, ...(opts.cls ? { storageClassName: opts.cls } : {}) })));
    if (opts.bound) {
      const st = structuredClone(o);
      st.status = { phase: 'Bound', capacity: { storage: opts.capacity ?? '1Gi' } };
      o = s.updateStatus(st).obj;
    }
    return { s, o };
  }
  const withSize = (o: KObject, size: string) => {
    const n = structuredClone(o);
    (n.spec as { resources: { requests: { storage: string } } }).resources.requests.storage = size;
    return n;
  };

  it('spec.volumeName may be set once, from empty', () => {
    const { s, o } = setup();
    const n = structuredClone(o);
    (n.spec as { volumeName: string }).volumeName = 'pv1';
    const stored = objOf(tryUpdate(s, n));
    const again = structuredClone(stored);
    (again.spec as { volumeName: string }).volumeName = 'pv2';
    expect(errorOf(tryUpdate(s, again)).startsWith(IMMUTABLE)).toBe(true);
  });

  it('storageClassName may go from unset to a value (retroactive default class), not between values', () => {
    const { s, o } = setup();
    const n = structuredClone(o);
    (n.spec as { storageClassName: string }).storageClassName = 'standard';
    const stored = objOf(tryUpdate(s, n));
    const again = structuredClone(stored);
    (again.spec as { storageClassName: string }).storageClassName = 'fast';
    const msg = errorOf(tryUpdate(s, again));
    expect(msg.startsWith(IMMUTABLE)).toBe(true);
    expect(msg).toContain('- \tStorageClassName: &"standard",\n+ \tStorageClassName: &"fast",');
  });

  it('changing access modes is forbidden', () => {
    const { s, o } = setup({ bound: true });
    const n = structuredClone(o);
    (n.spec as { accessModes: string[] }).accessModes = ['ReadWriteMany'];
    expect(errorOf(tryUpdate(s, n)).startsWith(IMMUTABLE)).toBe(true);
  });

  it('an unbound claim cannot change its request (the generic immutability error)', () => {
    const { s, o } = setup({ cls: 'fast', expandable: true });
    expect(errorOf(tryUpdate(s, withSize(o, '2Gi'))).startsWith(IMMUTABLE)).toBe(true);
  });

  it('a bound claim of an expandable class may grow', () => {
    const { s, o } = setup({ bound: true, cls: 'fast', expandable: true });
    expect(objOf(tryUpdate(s, withSize(o, '2Gi'))).spec).toMatchObject({ resources: { requests: { storage: '2Gi' } } });
  });

  it('a bound claim whose class does not allow expansion is refused by PersistentVolumeClaimResize', () => {
    const { s, o } = setup({ bound: true, cls: 'fast' });
    const r = tryUpdate(s, withSize(o, '2Gi'));
    expect(r.ok ? '' : `${r.reason} ${r.message}`).toBe(
      'Forbidden persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });

  it('a bound claim without a class cannot grow either', () => {
    const { s, o } = setup({ bound: true });
    expect(errorOf(tryUpdate(s, withSize(o, '2Gi')))).toBe(
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });

  it('1.32 (RecoverVolumeExpansionFailure): a request may shrink back to just above status.capacity', () => {
    const { s, o } = setup({ bound: true, cls: 'fast', expandable: true, capacity: '1Gi' });
    const grown = objOf(tryUpdate(s, withSize(o, '10Gi')));
    expect(objOf(tryUpdate(s, withSize(grown, '5Gi'))).spec).toMatchObject({ resources: { requests: { storage: '5Gi' } } });
  });

  it('1.32: a request may not shrink to status.capacity or below', () => {
    const { s, o } = setup({ bound: true, cls: 'fast', expandable: true, capacity: '1Gi' });
    const grown = objOf(tryUpdate(s, withSize(o, '10Gi')));
    expect(errorOf(tryUpdate(s, withSize(grown, '1Gi')))).toBe(
      'PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
    );
  });
});
