// Port of binder_test.go TestSyncBlockVolume and TestMultiSync, and the spec.volumeName checks
// (checkVolumeSatisfyClaim). Shared table machinery: testing/sync-tests.ts.
import { describe, expect, it } from 'vitest';
import type { PV } from '../volume/pv-helpers';
import { newClaim, newVolume, normalize, runMultiSync } from './testing/harness';
import { checkVolumeSatisfyClaim } from './sync-claim';
import { classEmpty, classGold, classSilver, newClaimArray, newVolumeArray, noevents, withClaimVolumeMode, withVolumeVolumeMode } from './testing/helpers';
import { BBC, BC, runSyncTests } from './testing/sync-tests';
import type { ControllerTest } from './testing/sync-tests';

describe('TestSyncBlockVolume', () => {
  const B = 'Block';
  const F = 'Filesystem';
  const tests: ControllerTest[] = [
    {
      name: '14-1 - binding to volumeMode block',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-1', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-1', '10Gi', 'uid14-1', 'claim14-1', 'Bound', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-1', 'uid14-1', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-1', 'uid14-1', '10Gi', 'volume14-1', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-2 - binding to volumeMode filesystem',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-2', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-2', '10Gi', 'uid14-2', 'claim14-2', 'Bound', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-2', 'uid14-2', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-2', 'uid14-2', '10Gi', 'volume14-2', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-3 - do not bind pv volumeMode filesystem and pvc volumeMode block',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-3', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-3', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-3', 'uid14-3', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-3', 'uid14-3', '10Gi', '', 'Pending', undefined)),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '14-4 - do not bind pv volumeMode block and pvc volumeMode filesystem',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-4', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-4', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-4', 'uid14-4', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-4', 'uid14-4', '10Gi', '', 'Pending', undefined)),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '14-5 - do not bind when matching class but not volumeMode',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-5', '10Gi', '', '', 'Available', 'Retain', classGold)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-5', '10Gi', '', '', 'Available', 'Retain', classGold)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-5', 'uid14-5', '10Gi', '', 'Pending', classGold)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-5', 'uid14-5', '10Gi', '', 'Pending', classGold)),
      expectedEvents: ['Warning ProvisioningFailed'],
      test: 'claim',
    },
    {
      name: '14-5-1 - do not bind when matching volumeModes but class does not match',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-5-1', '10Gi', '', '', 'Available', 'Retain', classGold)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-5-1', '10Gi', '', '', 'Available', 'Retain', classGold)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-5-1', 'uid14-5-1', '10Gi', '', 'Pending', classSilver)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-5-1', 'uid14-5-1', '10Gi', '', 'Pending', classSilver)),
      expectedEvents: ['Warning ProvisioningFailed'],
      test: 'claim',
    },
    {
      name: '14-5-2 - do not bind when pvc is prebound to pv with matching volumeModes but class does not match',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-5-2', '10Gi', '', '', 'Available', 'Retain', classGold)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-5-2', '10Gi', '', '', 'Available', 'Retain', classGold)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-5-2', 'uid14-5-2', '10Gi', 'volume14-5-2', 'Pending', classSilver)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-5-2', 'uid14-5-2', '10Gi', 'volume14-5-2', 'Pending', classSilver)),
      expectedEvents: ['Warning VolumeMismatch'],
      test: 'claim',
    },
    {
      name: '14-7 - bind when pv volume is prebound and volumeModes match',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-7', '10Gi', '', 'claim14-7', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-7', '10Gi', 'uid14-7', 'claim14-7', 'Bound', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-7', 'uid14-7', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-7', 'uid14-7', '10Gi', 'volume14-7', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-8 - do not bind when pvc is prebound to pv with mismatching volumeModes',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-8', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-8', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-8', 'uid14-8', '10Gi', 'volume14-8', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-8', 'uid14-8', '10Gi', 'volume14-8', 'Pending', undefined)),
      expectedEvents: ['Warning VolumeMismatch'],
      test: 'claim',
    },
    {
      name: '14-8-1 - do not bind when pvc is prebound to pv with mismatching volumeModes',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-8-1', '10Gi', '', 'claim14-8-1', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-8-1', '10Gi', '', 'claim14-8-1', 'Available', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-8-1', 'uid14-8-1', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-8-1', 'uid14-8-1', '10Gi', '', 'Pending', undefined)),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '14-9 - bind when pvc is prebound to pv with matching volumeModes block',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-9', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-9', '10Gi', 'uid14-9', 'claim14-9', 'Bound', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-9', 'uid14-9', '10Gi', 'volume14-9', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-9', 'uid14-9', '10Gi', 'volume14-9', 'Bound', undefined, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-10 - bind when pv is prebound to pvc with matching volumeModes block',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-10', '10Gi', '', 'claim14-10', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-10', '10Gi', 'uid14-10', 'claim14-10', 'Bound', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-10', 'uid14-10', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-10', 'uid14-10', '10Gi', 'volume14-10', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-11 - bind when pvc is prebound to pv with matching volumeModes filesystem',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-11', '10Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-11', '10Gi', 'uid14-11', 'claim14-11', 'Bound', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-11', 'uid14-11', '10Gi', 'volume14-11', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-11', 'uid14-11', '10Gi', 'volume14-11', 'Bound', undefined, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-12 - bind when pv is prebound to pvc with matching volumeModes filesystem',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-12', '10Gi', '', 'claim14-12', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-12', '10Gi', 'uid14-12', 'claim14-12', 'Bound', 'Retain', classEmpty)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-12', 'uid14-12', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-12', 'uid14-12', '10Gi', 'volume14-12', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '14-13 - output warning when pv is prebound to pvc with different volumeModes',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-13', '10Gi', 'uid14-13', 'claim14-13', 'Available', 'Retain', classEmpty, BBC)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-13', '10Gi', 'uid14-13', 'claim14-13', 'Available', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-13', 'uid14-13', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-13', 'uid14-13', '10Gi', '', 'Pending', undefined)),
      // upstream checks the first; the second one goes to the claim
      expectedEvents: ['Warning VolumeMismatch', 'Warning VolumeMismatch'],
      test: 'volume',
    },
    {
      name: '14-13-1 - output warning when pv is prebound to pvc with different volumeModes',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-13-1', '10Gi', 'uid14-13-1', 'claim14-13-1', 'Available', 'Retain', classEmpty, BBC)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-13-1', '10Gi', 'uid14-13-1', 'claim14-13-1', 'Available', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-13-1', 'uid14-13-1', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-13-1', 'uid14-13-1', '10Gi', '', 'Pending', undefined)),
      expectedEvents: ['Warning VolumeMismatch', 'Warning VolumeMismatch'],
      test: 'volume',
    },
    {
      name: '14-14 - wait for synClaim without warning when pv is prebound to pvc with matching volumeModes block',
      initialVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-14', '10Gi', 'uid14-14', 'claim14-14', 'Available', 'Retain', classEmpty, BBC)),
      expectedVolumes: withVolumeVolumeMode(B, newVolumeArray('volume14-14', '10Gi', 'uid14-14', 'claim14-14', 'Available', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(B, newClaimArray('claim14-14', 'uid14-14', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(B, newClaimArray('claim14-14', 'uid14-14', '10Gi', '', 'Pending', undefined)),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '14-14-1 - wait for synClaim without warning when pv is prebound to pvc with matching volumeModes file',
      initialVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-14-1', '10Gi', 'uid14-14-1', 'claim14-14-1', 'Available', 'Retain', classEmpty, BBC)),
      expectedVolumes: withVolumeVolumeMode(F, newVolumeArray('volume14-14-1', '10Gi', 'uid14-14-1', 'claim14-14-1', 'Available', 'Retain', classEmpty, BBC)),
      initialClaims: withClaimVolumeMode(F, newClaimArray('claim14-14-1', 'uid14-14-1', '10Gi', '', 'Pending', undefined)),
      expectedClaims: withClaimVolumeMode(F, newClaimArray('claim14-14-1', 'uid14-14-1', '10Gi', '', 'Pending', undefined)),
      expectedEvents: noevents,
      test: 'volume',
    },
  ];
  runSyncTests(tests, []);
});

describe('TestMultiSync', () => {
  it('10-1 - successful bind', () => {
    const r = runMultiSync(
      {
        volumes: newVolumeArray('volume10-1', '1Gi', '', '', 'Pending', 'Retain', classEmpty),
        claims: newClaimArray('claim10-1', 'uid10-1', '1Gi', '', 'Pending', undefined),
      },
      'claim',
    );
    expect(r.volumes().map(normalize)).toEqual(newVolumeArray('volume10-1', '1Gi', 'uid10-1', 'claim10-1', 'Bound', 'Retain', classEmpty, BBC).map(normalize));
    expect(r.claims().map(normalize)).toEqual(newClaimArray('claim10-1', 'uid10-1', '1Gi', 'volume10-1', 'Bound', undefined, BBC, BC).map(normalize));
  });

  it('10-2 - bind PV race', () => {
    const r = runMultiSync(
      {
        volumes: [
          newVolume('volume10-2-1', '1Gi', 'uid10-2', 'claim10-2', 'Bound', 'Retain', classEmpty, BBC),
          newVolume('volume10-2-2', '1Gi', 'uid10-2', 'claim10-2', 'Bound', 'Retain', classEmpty, BBC),
        ],
        claims: newClaimArray('claim10-2', 'uid10-2', '1Gi', 'volume10-2-1', 'Bound', undefined, BBC, BC),
      },
      'claim',
    );
    expect(r.volumes().map(normalize)).toEqual(
      [
        newVolume('volume10-2-1', '1Gi', 'uid10-2', 'claim10-2', 'Bound', 'Retain', classEmpty, BBC),
        newVolume('volume10-2-2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ].map(normalize),
    );
    expect(r.claims().map(normalize)).toEqual(newClaimArray('claim10-2', 'uid10-2', '1Gi', 'volume10-2-1', 'Bound', undefined, BBC, BC).map(normalize));
  });
});

describe('checkVolumeSatisfyClaim (claim.spec.volumeName path)', () => {
  const base = () => newVolume('v', '1Gi', '', '', 'Available', 'Retain', classEmpty);
  const claim = () => newClaim('c', 'u', '1Gi', 'v', 'Pending', undefined);
  it.each([
    ['deletion first', (v: PV): void => { v.metadata.deletionTimestamp = 'x'; v.spec!.capacity = { storage: '1Mi' }; }, 'the volume is marked for deletion "v"'],
    ['size before class', (v: PV): void => { v.spec!.capacity = { storage: '1Mi' }; v.spec!.storageClassName = 'gold'; }, 'requested PV is too small'],
    ['class before volumeMode', (v: PV): void => { v.spec!.storageClassName = 'gold'; v.spec!.volumeMode = 'Block'; }, 'storageClassName does not match'],
    ['volumeMode before access modes', (v: PV): void => { v.spec!.volumeMode = 'Block'; v.spec!.accessModes = ['ReadWriteMany']; }, 'incompatible volumeMode'],
    ['access modes', (v: PV): void => { v.spec!.accessModes = ['ReadWriteMany']; }, 'incompatible accessMode'],
    ['satisfied', (): void => undefined, undefined],
  ] as const)('%s', (_n, mod, reason) => {
    const v = base();
    mod(v);
    expect(checkVolumeSatisfyClaim(v, claim(), false)).toBe(reason);
  });
  it('sizes compare as Value(), whole units rounded up', () => {
    const v = base();
    v.spec!.capacity = { storage: '1500m' };
    const c = claim();
    c.spec!.resources = { requests: { storage: '2' } };
    expect(checkVolumeSatisfyClaim(v, c, false)).toBeUndefined();
  });
});

