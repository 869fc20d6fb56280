// Port of component-helpers storage/volume pv_helpers_test.go (TestDelayBindingMode,
// TestFindMatchVolumeWithNode) plus the helper semantics FindMatchingVolume relies on.
import { describe, expect, it } from 'vitest';
import {
  findMatchingVolume,
  getBindVolumeToClaim,
  getPersistentVolumeClaimClass,
  getPersistentVolumeClass,
  isDelayBindingMode,
  isVolumeBoundToClaim,
  persistentVolumeClaimHasClass,
  type PV,
  type PVC,
  type SC,
} from './pv-helpers';
import { getAccessModesAsString, getAccessModesFromString } from './access-modes';
import { labelSelectorMatches } from './label-selector';
import { checkNodeAffinity, matchNodeSelectorTerms } from './node-affinity';
import { ANN_BOUND_BY_CONTROLLER } from './constants';

const makePVCClass = (scName: string | undefined): PVC => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'c', annotations: {} },
  spec: scName === undefined ? {} : { storageClassName: scName },
});

const makeStorageClass = (name: string, mode?: string): SC =>
  ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name }, provisioner: 'p', ...(mode ? { volumeBindingMode: mode } : {}) }) as SC;

describe('TestDelayBindingMode', () => {
  const classes = new Map([
    ['no-mode', makeStorageClass('no-mode')],
    ['immediate-mode', makeStorageClass('immediate-mode', 'Immediate')],
    ['wait-mode', makeStorageClass('wait-mode', 'WaitForFirstConsumer')],
  ]);
  const get = (n: string) => classes.get(n);
  it.each([
    ['nil-class', undefined, false, false],
    ['class-not-found', 'not-here', false, false],
    ['no-mode-class', 'no-mode', false, true],
    ['immediate-mode-class', 'immediate-mode', false, false],
    ['wait-mode-class', 'wait-mode', true, false],
  ] as const)('%s', (_n, cls, shouldDelay, shouldFail) => {
    const pvc = makePVCClass(cls);
    if (shouldFail) expect(() => isDelayBindingMode(pvc, get)).toThrow('VolumeBindingMode not set for StorageClass "no-mode"');
    else expect(isDelayBindingMode(pvc, get)).toBe(shouldDelay);
  });
});

function makeTestVolume(uid: string, name: string, capacity: string, available: boolean, modfn?: (pv: PV) => void): PV {
  const pv: PV = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { uid, name },
    spec: { capacity: { storage: capacity }, local: { path: '' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], volumeMode: 'Filesystem' },
    status: available ? { phase: 'Available' } : {},
  };
  modfn?.(pv);
  return pv;
}

const affinity = (key: string, value: string) => ({
  required: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values: [value] }] }] },
});

function makeTestPersistentVolumeClaim(name: string, size: string, modes: string[]): PVC {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'myns' },
    spec: { accessModes: modes, resources: { requests: { storage: size } }, storageClassName: 'wait', volumeMode: 'Filesystem' },
  };
}

describe('TestFindMatchVolumeWithNode', () => {
  const volumes = [
    makeTestVolume('local-small', 'local001', '5G', true),
    makeTestVolume('local-pd-very-large', 'local002', '200E', true, (pv) => void (pv.spec!.storageClassName = 'large')),
    makeTestVolume('affinity-pv', 'affinity001', '100G', true, (pv) => {
      pv.spec!.storageClassName = 'wait';
      pv.spec!.nodeAffinity = affinity('key1', 'value1');
    }),
    makeTestVolume('affinity-pv2', 'affinity002', '150G', true, (pv) => {
      pv.spec!.storageClassName = 'wait';
      pv.spec!.nodeAffinity = affinity('key1', 'value1');
    }),
    makeTestVolume('affinity-prebound', 'affinity003', '100G', true, (pv) => {
      pv.spec!.storageClassName = 'wait';
      pv.spec!.claimRef = { name: 'claim02', namespace: 'myns' };
      pv.spec!.nodeAffinity = affinity('key1', 'value1');
    }),
    makeTestVolume('affinity-pv3', 'affinity003', '200G', true, (pv) => {
      pv.spec!.storageClassName = 'wait';
      pv.spec!.nodeAffinity = affinity('key1', 'value3');
    }),
    makeTestVolume('affinity-pv4', 'affinity004', '200G', false, (pv) => {
      pv.spec!.storageClassName = 'wait';
      pv.spec!.nodeAffinity = affinity('key1', 'value4');
    }),
  ];
  const node = (v: string) => ({ metadata: { labels: { key1: v } } });
  const RWO = ['ReadWriteOnce'];
  it.each([
    ['success-match', 'affinity-pv', makeTestPersistentVolumeClaim('claim01', '100G', RWO), node('value1'), undefined],
    ['success-prebound', 'affinity-prebound', makeTestPersistentVolumeClaim('claim02', '100G', RWO), node('value1'), undefined],
    ['success-exclusion', 'affinity-pv2', makeTestPersistentVolumeClaim('claim01', '100G', RWO), node('value1'), new Set(['affinity001'])],
    ['fail-exclusion', '', makeTestPersistentVolumeClaim('claim01', '100G', RWO), node('value1'), new Set(['affinity001', 'affinity002'])],
    ['fail-accessmode', '', makeTestPersistentVolumeClaim('claim01', '100G', ['ReadWriteMany']), node('value1'), undefined],
    ['fail-nodeaffinity', '', makeTestPersistentVolumeClaim('claim01', '100G', RWO), node('value2'), undefined],
    ['fail-prebound-node-affinity', '', makeTestPersistentVolumeClaim('claim02', '100G', RWO), node('value3'), undefined],
    ['fail-nonavaliable', '', makeTestPersistentVolumeClaim('claim04', '100G', RWO), node('value4'), undefined],
    ['success-bad-and-good-node-affinity', 'affinity-pv3', makeTestPersistentVolumeClaim('claim03', '100G', RWO), node('value3'), undefined],
  ] as const)('%s', (_n, expected, claim, n, excluded) => {
    expect(findMatchingVolume(claim, volumes, n, excluded, true, false)?.metadata.uid ?? '').toBe(expected);
  });

  it('a claim with a VolumeAttributesClass is an error while the gate is off', () => {
    const claim = makeTestPersistentVolumeClaim('claim01', '1G', RWO);
    claim.spec!.volumeAttributesClassName = 'gold';
    expect(() => findMatchingVolume(claim, volumes, undefined, undefined, false, false)).toThrow(
      'unsupported volumeAttributesClassName is set on claim myns/claim01 when the feature-gate VolumeAttributesClass is disabled',
    );
  });
});

describe('class helpers', () => {
  it('the beta annotation wins over storageClassName; nil and "" differ only for HasClass', () => {
    const claim = makePVCClass('gold');
    expect(getPersistentVolumeClaimClass(claim)).toBe('gold');
    claim.metadata.annotations = { 'volume.beta.kubernetes.io/storage-class': 'silver' };
    expect(getPersistentVolumeClaimClass(claim)).toBe('silver');
    expect(persistentVolumeClaimHasClass(makePVCClass(undefined))).toBe(false);
    expect(persistentVolumeClaimHasClass(makePVCClass(''))).toBe(true);
    expect(getPersistentVolumeClaimClass(makePVCClass(undefined))).toBe('');
    const pv = makeTestVolume('u', 'n', '1G', true, (v) => void (v.spec!.storageClassName = 'gold'));
    expect(getPersistentVolumeClass(pv)).toBe('gold');
    pv.metadata.annotations = { 'volume.beta.kubernetes.io/storage-class': '' };
    expect(getPersistentVolumeClass(pv)).toBe('');
  });

  it('isVolumeBoundToClaim: namespace+name, and uid only when the claimRef has one', () => {
    const claim = { ...makeTestPersistentVolumeClaim('c', '1G', []), metadata: { name: 'c', namespace: 'ns', uid: 'u1' } } as PVC;
    const pv = makeTestVolume('x', 'x', '1G', true);
    expect(isVolumeBoundToClaim(pv, claim)).toBe(false);
    pv.spec!.claimRef = { name: 'c', namespace: 'ns' };
    expect(isVolumeBoundToClaim(pv, claim)).toBe(true);
    pv.spec!.claimRef = { name: 'c', namespace: 'ns', uid: 'u1' };
    expect(isVolumeBoundToClaim(pv, claim)).toBe(true);
    pv.spec!.claimRef = { name: 'c', namespace: 'ns', uid: 'old' };
    expect(isVolumeBoundToClaim(pv, claim)).toBe(false);
    pv.spec!.claimRef = { name: 'c', namespace: 'other' };
    expect(isVolumeBoundToClaim(pv, claim)).toBe(false);
  });

  it('getBindVolumeToClaim: bound-by-controller only when not pre-bound; nothing dirty when already bound', () => {
    const claim = { ...makeTestPersistentVolumeClaim('c', '1G', []), metadata: { name: 'c', namespace: 'ns', uid: 'u1', resourceVersion: '7' } } as PVC;
    const free = makeTestVolume('x', 'x', '1G', true);
    const r1 = getBindVolumeToClaim(free, claim);
    expect(r1.dirty).toBe(true);
    expect(r1.volume.spec!.claimRef).toEqual({ kind: 'PersistentVolumeClaim', namespace: 'ns', name: 'c', uid: 'u1', apiVersion: 'v1', resourceVersion: '7' });
    expect(r1.volume.metadata.annotations).toEqual({ [ANN_BOUND_BY_CONTROLLER]: 'yes' });
    const prebound = makeTestVolume('x', 'x', '1G', true, (v) => void (v.spec!.claimRef = { name: 'c', namespace: 'ns' }));
    const r2 = getBindVolumeToClaim(prebound, claim);
    expect(r2.dirty).toBe(true);
    expect(r2.volume.metadata.annotations).toBeUndefined();
    expect(getBindVolumeToClaim(r1.volume, claim).dirty).toBe(false);
  });
});

describe('access modes', () => {
  it.each([
    [['ReadWriteOnce'], 'RWO'],
    [['ReadOnlyMany', 'ReadWriteOnce'], 'RWO,ROX'],
    [['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], 'RWO,RWX'],
    [['ReadWriteOncePod'], 'RWOP'],
    [['ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce'], 'RWO,ROX,RWX,RWOP'],
    [['Bogus'], ''],
  ])('%j → %s', (modes, s) => {
    expect(getAccessModesAsString(modes)).toBe(s);
    expect(getAccessModesAsString(getAccessModesFromString(s))).toBe(s);
  });
});

describe('label selector (LabelSelectorAsSelector)', () => {
  const labels = { tier: 'fast', zone: 'a' };
  it.each([
    ['empty selector matches everything', {}, true],
    ['matchLabels equal', { matchLabels: { tier: 'fast' } }, true],
    ['matchLabels differ', { matchLabels: { tier: 'slow' } }, false],
    ['In', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }, true],
    ['In on a missing key', { matchExpressions: [{ key: 'rack', operator: 'In', values: ['1'] }] }, false],
    ['NotIn', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, false],
    ['NotIn on a missing key matches', { matchExpressions: [{ key: 'rack', operator: 'NotIn', values: ['1'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    ['labels and expressions are ANDed', { matchLabels: { tier: 'fast' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, false],
  ] as const)('%s', (_n, sel, ok) => {
    expect(labelSelectorMatches(sel, labels)).toBe(ok);
  });
  it('an unknown operator is an error', () => {
    expect(() => labelSelectorMatches({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, {})).toThrow('"Gt" is not a valid label selector operator');
  });
});

describe('node affinity (MatchNodeSelectorTerms)', () => {
  const node = { metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1', zone: 'a', disks: '4' } } };
  const term = (...exprs: { key: string; operator: string; values?: string[] }[]) => ({ nodeSelectorTerms: [{ matchExpressions: exprs }] });
  it.each([
    ['In', term({ key: 'zone', operator: 'In', values: ['a'] }), true],
    ['NotIn', term({ key: 'zone', operator: 'NotIn', values: ['a'] }), false],
    ['NotIn on a missing label', term({ key: 'rack', operator: 'NotIn', values: ['1'] }), true],
    ['Exists', term({ key: 'zone', operator: 'Exists' }), true],
    ['DoesNotExist', term({ key: 'rack', operator: 'DoesNotExist' }), true],
    ['Gt', term({ key: 'disks', operator: 'Gt', values: ['3'] }), true],
    ['Lt', term({ key: 'disks', operator: 'Lt', values: ['4'] }), false],
    ['Gt with a non-integer label never matches', term({ key: 'zone', operator: 'Gt', values: ['1'] }), false],
    ['Gt with two values is invalid: the term is skipped', term({ key: 'disks', operator: 'Gt', values: ['1', '2'] }), false],
    ['In without values is invalid', term({ key: 'zone', operator: 'In', values: [] }), false],
    ['an empty term matches nothing', { nodeSelectorTerms: [{}] }, false],
    ['terms are ORed', { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }, { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] }, true],
    ['matchFields metadata.name', { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-1'] }] }] }, true],
    ['matchFields other field', { nodeSelectorTerms: [{ matchFields: [{ key: 'spec.unschedulable', operator: 'In', values: ['false'] }] }] }, false],
  ] as const)('%s', (_n, sel, ok) => {
    expect(matchNodeSelectorTerms(node, sel)).toBe(ok);
  });
  it('CheckNodeAffinity: no affinity passes; a mismatch says "no matching NodeSelectorTerms"', () => {
    expect(checkNodeAffinity({ spec: {} }, { zone: 'a' })).toBeUndefined();
    expect(checkNodeAffinity({ spec: { nodeAffinity: { required: term({ key: 'zone', operator: 'In', values: ['b'] }) } } }, { zone: 'a' })).toBe(
      'no matching NodeSelectorTerms',
    );
  });
});
