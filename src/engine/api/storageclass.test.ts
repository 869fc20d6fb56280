// StorageClass validation and update rules, and the DefaultStorageClass admission plugin.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { errorOf, newStore, objOf, tryCreate, tryUpdate } from './test-support';

const sc = (extra: Record<string, unknown>, name = 'fast', annotations?: Record<string, string>): KObject => ({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name, ...(annotations ? { annotations } : {}) }, provisioner: 'disk.csi.example.com', ...extra,
});
const DEFAULT = { 'storageclass.kubernetes.io/is-default-class': 'true' };
const pvc = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

describe('StorageClass', () => {
  it('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const o = objOf(tryCreate(newStore(), sc({})));
    expect(o).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  const rejected: [string, KObject, string][] = [
    ['no provisioner', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' } }, 'provisioner: Required value'],
    ['Recycle', sc({ reclaimPolicy: 'Recycle' }), 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    ['an unknown binding mode', sc({ volumeBindingMode: 'Later' }), 'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"'],
    ['an allowedTopologies expression without values', sc({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: [] }] }] }),
      'allowedTopologies[0].matchLabelExpressions[0].values: Required value'],
  ];
  it.each(rejected)('rejects %s', (_n, o, message) => {
    expect(errorOf(tryCreate(newStore(), o))).toBe(`StorageClass.storage.k8s.io "fast" is invalid: ${message}`);
  });

  const updates: [string, Record<string, unknown>, string][] = [
    ['parameters', { parameters: { type: 'ssd' } }, 'parameters: Forbidden: updates to parameters are forbidden.'],
    ['the provisioner', { provisioner: 'other.csi.example.com' }, 'provisioner: Forbidden: updates to provisioner are forbidden.'],
    ['the reclaim policy', { reclaimPolicy: 'Retain' }, 'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.'],
    ['the binding mode', { volumeBindingMode: 'WaitForFirstConsumer' }, 'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable'],
  ];
  it.each(updates)('an update may not change %s', (_n, change, message) => {
    const s = newStore();
    const o = objOf(tryCreate(s, sc({})));
    expect(errorOf(tryUpdate(s, { ...structuredClone(o), ...change }))).toBe(`StorageClass.storage.k8s.io "fast" is invalid: ${message}`);
  });

  it('allowVolumeExpansion, mount options and the default-class annotation may change', () => {
    const s = newStore();
    const o = objOf(tryCreate(s, sc({})));
    const n = { ...structuredClone(o), allowVolumeExpansion: true, mountOptions: ['noatime'] };
    n.metadata.annotations = { ...DEFAULT };
    expect(objOf(tryUpdate(s, n))).toMatchObject({ allowVolumeExpansion: true, mountOptions: ['noatime'] });
  });
});

describe('DefaultStorageClass admission', () => {
  it('a claim without storageClassName gets the default class', () => {
    const s = newStore();
    tryCreate(s, sc({}, 'standard', DEFAULT));
    expect(objOf(tryCreate(s, pvc())).spec).toMatchObject({ storageClassName: 'standard' });
  });

  it('storageClassName "" opts out of the default', () => {
    const s = newStore();
    tryCreate(s, sc({}, 'standard', DEFAULT));
    expect(objOf(tryCreate(s, pvc({ storageClassName: '' }))).spec).toMatchObject({ storageClassName: '' });
  });

  it('the beta class annotation opts out of the default too', () => {
    const s = newStore();
    tryCreate(s, sc({}, 'standard', DEFAULT));
    expect(objOf(tryCreate(s, pvc({}, { 'volume.beta.kubernetes.io/storage-class': 'slow' }))).spec).not.toHaveProperty('storageClassName');
  });

  it('the beta default annotation counts; a value other than "true" does not', () => {
    const s = newStore();
    tryCreate(s, sc({}, 'a', { 'storageclass.kubernetes.io/is-default-class': 'True' }));
    expect(objOf(tryCreate(s, pvc())).spec).not.toHaveProperty('storageClassName');
    tryCreate(s, sc({}, 'b', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }));
    expect(objOf(tryCreate(s, { ...pvc(), metadata: { name: 'data2' } })).spec).toMatchObject({ storageClassName: 'b' });
  });

  it('of two defaults the newest wins; at the same instant the name decides', () => {
    const s = newStore();
    tryCreate(s, sc({}, 'zeta', DEFAULT));
    tryCreate(s, sc({}, 'alpha', DEFAULT));
    expect(objOf(tryCreate(s, pvc())).spec).toMatchObject({ storageClassName: 'alpha' });
    s.clock.set(s.clock.now() + 5_000);
    tryCreate(s, sc({}, 'newer', DEFAULT));
    expect(objOf(tryCreate(s, { ...pvc(), metadata: { name: 'data2' } })).spec).toMatchObject({ storageClassName: 'newer' });
  });
});
