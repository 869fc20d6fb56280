// Port of binder_test.go TestSync / TestSyncBlockVolume / TestMultiSync: one syncClaim or
// syncVolume on the given objects, then the objects and events are compared. Upstream's
// checkEvents reads only as many events as a case expects, so its "noevents" does not assert
// silence; where the current pv_controller.go emits an event there, this port lists it (marked
// "(emitted, not checked upstream)").
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../model/types';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE } from '../volume/constants';
import type { PV, PVC, SC } from '../volume/pv-helpers';
import { newClaim, newStorageClass, newVolume, normalize, runMultiSync, runSync } from './testing/harness';
import { checkVolumeSatisfyClaim } from './sync-claim';
import {
  classEmpty,
  classGold,
  classSilver,
  classWait,
  claimWithAccessMode,
  claimWithAnnotation,
  newClaimArray,
  newVolumeArray,
  noclaims,
  noevents,
  novolumes,
  withClaimVolumeMode,
  withExpectedCapacity,
  withLabels,
  withLabelSelector,
  withMessage,
  withVolumeVolumeMode,
} from './testing/helpers';

interface ControllerTest {
  readonly name: string;
  readonly initialVolumes: PV[];
  readonly expectedVolumes: PV[];
  readonly initialClaims: PVC[];
  readonly expectedClaims: PVC[];
  readonly expectedEvents: string[];
  readonly test: 'claim' | 'claimError' | 'volume';
}

const BBC = ANN_BOUND_BY_CONTROLLER;
const BC = ANN_BIND_COMPLETED;
const labels = { foo: 'true', bar: 'false' };
const waitClass: SC = newStorageClass(classWait, 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' });

export function runSyncTests(tests: readonly ControllerTest[], classes: readonly SC[], pods: readonly KObject[] = []): void {
  for (const t of tests) {
    it(t.name, () => {
      const r = runSync(
        { volumes: t.initialVolumes, claims: t.initialClaims, classes, pods },
        t.test === 'volume' ? 'volume' : 'claim',
      );
      expect(r.volumes().map(normalize)).toEqual(t.expectedVolumes.map(normalize));
      expect(r.claims().map(normalize)).toEqual(t.expectedClaims.map(normalize));
      expect(r.events.map((e) => `${e.type} ${e.reason}`)).toEqual(t.expectedEvents);
      if (t.test === 'claimError') expect(r.error).toBeDefined();
      else expect(r.error).toBeUndefined();
    });
  }
}

describe('TestSync', () => {
  const tests: ControllerTest[] = [
    // [Unit test set 1] User did not care which PV they get.
    {
      name: '1-1 - successful bind',
      initialVolumes: newVolumeArray('volume1-1', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume1-1', '1Gi', 'uid1-1', 'claim1-1', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim1-1', 'uid1-1', '1Gi', 'volume1-1', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-2 - noop',
      initialVolumes: newVolumeArray('volume1-2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume1-2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim1-2', 'uid1-2', '10Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim1-2', 'uid1-2', '10Gi', '', 'Pending', undefined),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '1-3 - reset to Pending',
      initialVolumes: newVolumeArray('volume1-3', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume1-3', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim1-3', 'uid1-3', '10Gi', '', 'Bound', undefined),
      expectedClaims: newClaimArray('claim1-3', 'uid1-3', '10Gi', '', 'Pending', undefined),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '1-4 - smallest volume',
      initialVolumes: [
        newVolume('volume1-4_1', '10Gi', '', '', 'Available', 'Retain', classEmpty),
        newVolume('volume1-4_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      expectedVolumes: [
        newVolume('volume1-4_1', '10Gi', '', '', 'Available', 'Retain', classEmpty),
        newVolume('volume1-4_2', '1Gi', 'uid1-4', 'claim1-4', 'Bound', 'Retain', classEmpty, BBC),
      ],
      initialClaims: newClaimArray('claim1-4', 'uid1-4', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim1-4', 'uid1-4', '1Gi', 'volume1-4_2', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-5 - prebound volume by name - success',
      initialVolumes: [
        newVolume('volume1-5_1', '10Gi', '', 'claim1-5', 'Available', 'Retain', classEmpty),
        newVolume('volume1-5_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      expectedVolumes: [
        newVolume('volume1-5_1', '10Gi', 'uid1-5', 'claim1-5', 'Bound', 'Retain', classEmpty),
        newVolume('volume1-5_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      initialClaims: newClaimArray('claim1-5', 'uid1-5', '1Gi', '', 'Pending', undefined),
      expectedClaims: withExpectedCapacity('10Gi', newClaimArray('claim1-5', 'uid1-5', '1Gi', 'volume1-5_1', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-6 - prebound volume by UID - success',
      initialVolumes: [
        newVolume('volume1-6_1', '10Gi', 'uid1-6', 'claim1-6', 'Available', 'Retain', classEmpty),
        newVolume('volume1-6_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      expectedVolumes: [
        newVolume('volume1-6_1', '10Gi', 'uid1-6', 'claim1-6', 'Bound', 'Retain', classEmpty),
        newVolume('volume1-6_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      initialClaims: newClaimArray('claim1-6', 'uid1-6', '1Gi', '', 'Pending', undefined),
      expectedClaims: withExpectedCapacity('10Gi', newClaimArray('claim1-6', 'uid1-6', '1Gi', 'volume1-6_1', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-7 - prebound volume to different claim',
      initialVolumes: newVolumeArray('volume1-7', '10Gi', 'uid1-777', 'claim1-7', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume1-7', '10Gi', 'uid1-777', 'claim1-7', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim1-7', 'uid1-7', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim1-7', 'uid1-7', '1Gi', '', 'Pending', undefined),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '1-8 - complete bind after crash - PV bound',
      initialVolumes: newVolumeArray('volume1-8', '1Gi', 'uid1-8', 'claim1-8', 'Available', 'Retain', classEmpty, BBC),
      expectedVolumes: newVolumeArray('volume1-8', '1Gi', 'uid1-8', 'claim1-8', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim1-8', 'uid1-8', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim1-8', 'uid1-8', '1Gi', 'volume1-8', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-9 - complete bind after crash - PV status saved',
      initialVolumes: newVolumeArray('volume1-9', '1Gi', 'uid1-9', 'claim1-9', 'Bound', 'Retain', classEmpty, BBC),
      expectedVolumes: newVolumeArray('volume1-9', '1Gi', 'uid1-9', 'claim1-9', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim1-9', 'uid1-9', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim1-9', 'uid1-9', '1Gi', 'volume1-9', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-10 - complete bind after crash - PVC bound',
      initialVolumes: newVolumeArray('volume1-10', '1Gi', 'uid1-10', 'claim1-10', 'Bound', 'Retain', classEmpty, BBC),
      expectedVolumes: newVolumeArray('volume1-10', '1Gi', 'uid1-10', 'claim1-10', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim1-10', 'uid1-10', '1Gi', 'volume1-10', 'Pending', undefined, BBC, BC),
      expectedClaims: newClaimArray('claim1-10', 'uid1-10', '1Gi', 'volume1-10', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-11 - bind when selector matches',
      initialVolumes: withLabels(labels, newVolumeArray('volume1-1', '1Gi', '', '', 'Available', 'Retain', classEmpty)),
      expectedVolumes: withLabels(labels, newVolumeArray('volume1-1', '1Gi', 'uid1-1', 'claim1-1', 'Bound', 'Retain', classEmpty, BBC)),
      initialClaims: withLabelSelector(labels, newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', undefined)),
      expectedClaims: withLabelSelector(labels, newClaimArray('claim1-1', 'uid1-1', '1Gi', 'volume1-1', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-12 - do not bind when selector does not match',
      initialVolumes: newVolumeArray('volume1-1', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume1-1', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: withLabelSelector(labels, newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', undefined)),
      expectedClaims: withLabelSelector(labels, newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', undefined)),
      expectedEvents: ['Normal FailedBinding'],
      test: 'claim',
    },
    {
      name: '1-13 - delayed binding',
      initialVolumes: newVolumeArray('volume1-1', '1Gi', '', '', 'Available', 'Retain', classWait),
      expectedVolumes: newVolumeArray('volume1-1', '1Gi', '', '', 'Available', 'Retain', classWait),
      initialClaims: newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', classWait),
      expectedClaims: newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', classWait),
      expectedEvents: ['Normal WaitForFirstConsumer'],
      test: 'claim',
    },
    {
      name: '1-14 - successful prebound PV',
      initialVolumes: newVolumeArray('volume1-1', '1Gi', '', 'claim1-1', 'Available', 'Retain', classWait),
      expectedVolumes: newVolumeArray('volume1-1', '1Gi', 'uid1-1', 'claim1-1', 'Bound', 'Retain', classWait),
      initialClaims: newClaimArray('claim1-1', 'uid1-1', '1Gi', '', 'Pending', classWait),
      expectedClaims: newClaimArray('claim1-1', 'uid1-1', '1Gi', 'volume1-1', 'Bound', classWait, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '1-15 - successful prebound PVC',
      initialVolumes: [
        newVolume('volume1-15_1', '10Gi', '', '', 'Available', 'Retain', classEmpty),
        newVolume('volume1-15_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      expectedVolumes: [
        newVolume('volume1-15_1', '10Gi', 'uid1-15', 'claim1-15', 'Bound', 'Retain', classEmpty, BBC),
        newVolume('volume1-15_2', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      initialClaims: newClaimArray('claim1-15', 'uid1-15', '1Gi', 'volume1-15_1', 'Pending', undefined),
      expectedClaims: withExpectedCapacity('10Gi', newClaimArray('claim1-15', 'uid1-15', '1Gi', 'volume1-15_1', 'Bound', undefined, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      // PV has ReadWriteOnce+ReadOnlyMany, the claim asks ReadWriteMany.
      name: '1-16 - successful prebound PVC',
      initialVolumes: newVolumeArray('volume1-16', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume1-16', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: claimWithAccessMode(['ReadWriteMany'], newClaimArray('claim1-16', 'uid1-16', '1Gi', 'volume1-16', 'Pending', undefined)),
      expectedClaims: claimWithAccessMode(['ReadWriteMany'], newClaimArray('claim1-16', 'uid1-16', '1Gi', 'volume1-16', 'Pending', undefined)),
      expectedEvents: ['Warning VolumeMismatch'], // (emitted, not checked upstream)
      test: 'claim',
    },
    {
      name: "1-17 - skip non-available PV if it's not pre-bind",
      initialVolumes: [
        newVolume('volume1-17-pending', '1Gi', '', '', 'Pending', 'Retain', classEmpty),
        newVolume('volume1-17-failed', '1Gi', '', '', 'Failed', 'Retain', classEmpty),
        newVolume('volume1-17-released', '1Gi', '', '', 'Released', 'Retain', classEmpty),
        newVolume('volume1-17-empty', '1Gi', '', '', '', 'Retain', classEmpty),
      ],
      expectedVolumes: [
        newVolume('volume1-17-empty', '1Gi', '', '', '', 'Retain', classEmpty),
        newVolume('volume1-17-failed', '1Gi', '', '', 'Failed', 'Retain', classEmpty),
        newVolume('volume1-17-pending', '1Gi', '', '', 'Pending', 'Retain', classEmpty),
        newVolume('volume1-17-released', '1Gi', '', '', 'Released', 'Retain', classEmpty),
      ],
      initialClaims: [newClaim('claim1-17', 'uid1-17', '1Gi', '', 'Pending', undefined)],
      expectedClaims: [newClaim('claim1-17', 'uid1-17', '1Gi', '', 'Pending', undefined)],
      expectedEvents: ['Normal FailedBinding'], // (emitted, not checked upstream)
      test: 'claim',
    },
    {
      name: '1-18 - successful pre-bound PV to PVC provisioning',
      initialVolumes: newVolumeArray('volume1-18', '1Gi', 'uid1-18', 'claim1-18', 'Available', 'Retain', classWait),
      expectedVolumes: newVolumeArray('volume1-18', '1Gi', 'uid1-18', 'claim1-18', 'Bound', 'Retain', classWait),
      initialClaims: claimWithAnnotation(ANN_SELECTED_NODE, 'node1', newClaimArray('claim1-18', 'uid1-18', '1Gi', '', 'Pending', classWait)),
      expectedClaims: claimWithAnnotation(ANN_SELECTED_NODE, 'node1', newClaimArray('claim1-18', 'uid1-18', '1Gi', 'volume1-18', 'Bound', classWait, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },

    // [Unit test set 2] User asked for a specific PV.
    {
      name: '2-1 - claim prebound to non-existing volume - noop',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim2-1', 'uid2-1', '10Gi', 'volume2-1', 'Pending', undefined),
      expectedClaims: newClaimArray('claim2-1', 'uid2-1', '10Gi', 'volume2-1', 'Pending', undefined),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '2-2 - claim prebound to non-existing volume - reset status',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim2-2', 'uid2-2', '10Gi', 'volume2-2', 'Bound', undefined),
      expectedClaims: newClaimArray('claim2-2', 'uid2-2', '10Gi', 'volume2-2', 'Pending', undefined),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '2-3 - claim prebound to unbound volume',
      initialVolumes: newVolumeArray('volume2-3', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-3', '1Gi', 'uid2-3', 'claim2-3', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim2-3', 'uid2-3', '1Gi', 'volume2-3', 'Pending', undefined),
      expectedClaims: newClaimArray('claim2-3', 'uid2-3', '1Gi', 'volume2-3', 'Bound', undefined, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '2-4 - claim prebound to prebound volume by name',
      initialVolumes: newVolumeArray('volume2-4', '1Gi', '', 'claim2-4', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-4', '1Gi', 'uid2-4', 'claim2-4', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim2-4', 'uid2-4', '1Gi', 'volume2-4', 'Pending', undefined),
      expectedClaims: newClaimArray('claim2-4', 'uid2-4', '1Gi', 'volume2-4', 'Bound', undefined, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '2-5 - claim prebound to prebound volume by UID',
      initialVolumes: newVolumeArray('volume2-5', '1Gi', 'uid2-5', 'claim2-5', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-5', '1Gi', 'uid2-5', 'claim2-5', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim2-5', 'uid2-5', '1Gi', 'volume2-5', 'Pending', undefined),
      expectedClaims: newClaimArray('claim2-5', 'uid2-5', '1Gi', 'volume2-5', 'Bound', undefined, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '2-6 - claim prebound to already bound volume',
      initialVolumes: newVolumeArray('volume2-6', '1Gi', 'uid2-6_1', 'claim2-6_1', 'Bound', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-6', '1Gi', 'uid2-6_1', 'claim2-6_1', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim2-6', 'uid2-6', '1Gi', 'volume2-6', 'Bound', undefined),
      expectedClaims: newClaimArray('claim2-6', 'uid2-6', '1Gi', 'volume2-6', 'Pending', undefined),
      expectedEvents: ['Warning FailedBinding'], // (emitted, not checked upstream)
      test: 'claim',
    },
    {
      name: '2-7 - claim bound by controller to already bound volume',
      initialVolumes: newVolumeArray('volume2-7', '1Gi', 'uid2-7_1', 'claim2-7_1', 'Bound', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-7', '1Gi', 'uid2-7_1', 'claim2-7_1', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim2-7', 'uid2-7', '1Gi', 'volume2-7', 'Bound', undefined, BBC),
      expectedClaims: newClaimArray('claim2-7', 'uid2-7', '1Gi', 'volume2-7', 'Bound', undefined, BBC),
      expectedEvents: ['Warning FailedBinding'], // (emitted, not checked upstream)
      test: 'claimError',
    },
    {
      name: '2-8 - claim prebound to unbound volume that does not match the selector',
      initialVolumes: newVolumeArray('volume2-8', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-8', '1Gi', 'uid2-8', 'claim2-8', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: withLabelSelector(labels, newClaimArray('claim2-8', 'uid2-8', '1Gi', 'volume2-8', 'Pending', undefined)),
      expectedClaims: withLabelSelector(labels, newClaimArray('claim2-8', 'uid2-8', '1Gi', 'volume2-8', 'Bound', undefined, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '2-9 - claim prebound to unbound volume that size is smaller than requested',
      initialVolumes: newVolumeArray('volume2-9', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume2-9', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim2-9', 'uid2-9', '2Gi', 'volume2-9', 'Bound', undefined),
      expectedClaims: newClaimArray('claim2-9', 'uid2-9', '2Gi', 'volume2-9', 'Pending', undefined),
      expectedEvents: ['Warning VolumeMismatch'],
      test: 'claim',
    },
    {
      name: '2-10 - claim prebound to unbound volume that class is different',
      initialVolumes: newVolumeArray('volume2-10', '1Gi', '1', '', 'Available', 'Retain', classGold),
      expectedVolumes: newVolumeArray('volume2-10', '1Gi', '', '', 'Available', 'Retain', classGold),
      initialClaims: newClaimArray('claim2-10', 'uid2-10', '1Gi', 'volume2-10', 'Bound', undefined),
      expectedClaims: newClaimArray('claim2-10', 'uid2-10', '1Gi', 'volume2-10', 'Pending', undefined),
      expectedEvents: ['Warning VolumeMismatch'],
      test: 'claim',
    },

    // [Unit test set 3] Syncing bound claim
    {
      name: '3-1 - bound claim with missing VolumeName',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim3-1', 'uid3-1', '10Gi', '', 'Bound', undefined, BBC, BC),
      expectedClaims: newClaimArray('claim3-1', 'uid3-1', '10Gi', '', 'Lost', undefined, BBC, BC),
      expectedEvents: ['Warning ClaimLost'],
      test: 'claim',
    },
    {
      name: '3-2 - bound claim with missing volume',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim3-2', 'uid3-2', '10Gi', 'volume3-2', 'Bound', undefined, BBC, BC),
      expectedClaims: newClaimArray('claim3-2', 'uid3-2', '10Gi', 'volume3-2', 'Lost', undefined, BBC, BC),
      expectedEvents: ['Warning ClaimLost'],
      test: 'claim',
    },
    {
      name: '3-3 - bound claim with unbound volume',
      initialVolumes: newVolumeArray('volume3-3', '10Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume3-3', '10Gi', 'uid3-3', 'claim3-3', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim3-3', 'uid3-3', '10Gi', 'volume3-3', 'Pending', undefined, BBC, BC),
      expectedClaims: newClaimArray('claim3-3', 'uid3-3', '10Gi', 'volume3-3', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '3-4 - bound claim with prebound volume',
      initialVolumes: newVolumeArray('volume3-4', '10Gi', 'claim3-4-x', 'claim3-4', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume3-4', '10Gi', 'claim3-4-x', 'claim3-4', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim3-4', 'uid3-4', '10Gi', 'volume3-4', 'Pending', undefined, BBC, BC),
      expectedClaims: newClaimArray('claim3-4', 'uid3-4', '10Gi', 'volume3-4', 'Lost', undefined, BBC, BC),
      expectedEvents: ['Warning ClaimMisbound'],
      test: 'claim',
    },
    {
      name: '3-5 - bound claim with bound volume',
      initialVolumes: newVolumeArray('volume3-5', '10Gi', 'uid3-5', 'claim3-5', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume3-5', '10Gi', 'uid3-5', 'claim3-5', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim3-5', 'uid3-5', '10Gi', 'volume3-5', 'Pending', undefined, BC),
      expectedClaims: newClaimArray('claim3-5', 'uid3-5', '10Gi', 'volume3-5', 'Bound', undefined, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '3-6 - bound claim with bound volume',
      initialVolumes: newVolumeArray('volume3-6', '10Gi', 'uid3-6-x', 'claim3-6-x', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume3-6', '10Gi', 'uid3-6-x', 'claim3-6-x', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim3-6', 'uid3-6', '10Gi', 'volume3-6', 'Pending', undefined, BC),
      expectedClaims: newClaimArray('claim3-6', 'uid3-6', '10Gi', 'volume3-6', 'Lost', undefined, BC),
      expectedEvents: ['Warning ClaimMisbound'],
      test: 'claim',
    },
    {
      name: "3-7 - bound claim with unbound volume where selector doesn't match",
      initialVolumes: newVolumeArray('volume3-3', '10Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume3-3', '10Gi', 'uid3-3', 'claim3-3', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: withLabelSelector(labels, newClaimArray('claim3-3', 'uid3-3', '10Gi', 'volume3-3', 'Pending', undefined, BBC, BC)),
      expectedClaims: withLabelSelector(labels, newClaimArray('claim3-3', 'uid3-3', '10Gi', 'volume3-3', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },

    // [Unit test set 4] All syncVolume tests.
    {
      name: '4-1 - pending volume',
      initialVolumes: newVolumeArray('volume4-1', '10Gi', '', '', 'Pending', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-1', '10Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-2 - pending prebound volume',
      initialVolumes: newVolumeArray('volume4-2', '10Gi', '', 'claim4-2', 'Pending', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-2', '10Gi', '', 'claim4-2', 'Available', 'Retain', classEmpty),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-3 - bound volume with missing claim',
      initialVolumes: newVolumeArray('volume4-3', '10Gi', 'uid4-3', 'claim4-3', 'Bound', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-3', '10Gi', 'uid4-3', 'claim4-3', 'Released', 'Retain', classEmpty),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-4 - volume bound to claim with different UID',
      initialVolumes: newVolumeArray('volume4-4', '10Gi', 'uid4-4', 'claim4-4', 'Bound', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-4', '10Gi', 'uid4-4', 'claim4-4', 'Released', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim4-4', 'uid4-4-x', '10Gi', 'volume4-4', 'Bound', undefined, BC),
      expectedClaims: newClaimArray('claim4-4', 'uid4-4-x', '10Gi', 'volume4-4', 'Bound', undefined, BC),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-5 - volume bound by controller to unbound claim',
      initialVolumes: newVolumeArray('volume4-5', '10Gi', 'uid4-5', 'claim4-5', 'Bound', 'Retain', classEmpty, BBC),
      expectedVolumes: newVolumeArray('volume4-5', '10Gi', 'uid4-5', 'claim4-5', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim4-5', 'uid4-5', '10Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim4-5', 'uid4-5', '10Gi', '', 'Pending', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-5 - volume bound by user to bound claim',
      initialVolumes: newVolumeArray('volume4-5', '10Gi', 'uid4-5', 'claim4-5', 'Bound', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-5', '10Gi', 'uid4-5', 'claim4-5', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim4-5', 'uid4-5', '10Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim4-5', 'uid4-5', '10Gi', '', 'Pending', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-6 - volume bound by to bound claim',
      initialVolumes: newVolumeArray('volume4-6', '10Gi', 'uid4-6', 'claim4-6', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-6', '10Gi', 'uid4-6', 'claim4-6', 'Bound', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim4-6', 'uid4-6', '10Gi', 'volume4-6', 'Bound', undefined),
      expectedClaims: newClaimArray('claim4-6', 'uid4-6', '10Gi', 'volume4-6', 'Bound', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-7 - volume bound by controller to claim bound somewhere else',
      initialVolumes: newVolumeArray('volume4-7', '10Gi', 'uid4-7', 'claim4-7', 'Bound', 'Retain', classEmpty, BBC),
      expectedVolumes: newVolumeArray('volume4-7', '10Gi', '', '', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim4-7', 'uid4-7', '10Gi', 'volume4-7-x', 'Bound', undefined),
      expectedClaims: newClaimArray('claim4-7', 'uid4-7', '10Gi', 'volume4-7-x', 'Bound', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-8 - volume bound by user to claim bound somewhere else',
      initialVolumes: newVolumeArray('volume4-8', '10Gi', 'uid4-8', 'claim4-8', 'Bound', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume4-8', '10Gi', '', 'claim4-8', 'Available', 'Retain', classEmpty),
      initialClaims: newClaimArray('claim4-8', 'uid4-8', '10Gi', 'volume4-8-x', 'Bound', undefined),
      expectedClaims: newClaimArray('claim4-8', 'uid4-8', '10Gi', 'volume4-8-x', 'Bound', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-9 - volume bound to bound claim, with PersistentVolumeReclaimDelete',
      initialVolumes: newVolumeArray('volume4-9', '10Gi', 'uid4-9', 'claim4-9', 'Available', 'Delete', classEmpty),
      expectedVolumes: newVolumeArray('volume4-9', '10Gi', 'uid4-9', 'claim4-9', 'Bound', 'Delete', classEmpty),
      initialClaims: newClaimArray('claim4-9', 'uid4-9', '10Gi', 'volume4-9', 'Bound', undefined),
      expectedClaims: newClaimArray('claim4-9', 'uid4-9', '10Gi', 'volume4-9', 'Bound', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-10 - volume bound to missing claim',
      initialVolumes: newVolumeArray('volume4-10', '10Gi', 'uid4-10', 'claim4-10', 'Available', 'Delete', classEmpty),
      expectedVolumes: withMessage(
        'error getting deleter volume plugin for volume "volume4-10": no volume plugin matched',
        newVolumeArray('volume4-10', '10Gi', 'uid4-10', 'claim4-10', 'Failed', 'Delete', classEmpty),
      ),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: ['Warning VolumeFailedDelete'], // (emitted, not checked upstream)
      test: 'volume',
    },
    {
      // 4-11/4-12 distinguish the controller's claim cache from the informer and the API server;
      // the simulator has one store, so the claim is simply found.
      name: '4-11 - volume bound to unknown claim',
      initialVolumes: newVolumeArray('volume4-11', '10Gi', 'uid4-11', 'claim4-11', 'Available', 'Delete', classEmpty),
      expectedVolumes: newVolumeArray('volume4-11', '10Gi', 'uid4-11', 'claim4-11', 'Bound', 'Delete', classEmpty),
      initialClaims: newClaimArray('claim4-11', 'uid4-11', '10Gi', 'volume4-11', 'Bound', undefined),
      expectedClaims: newClaimArray('claim4-11', 'uid4-11', '10Gi', 'volume4-11', 'Bound', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },
    {
      name: '4-12 - volume bound to newest claim but not updated to local cache',
      initialVolumes: newVolumeArray('volume4-12', '10Gi', 'uid4-12-new', 'claim4-12', 'Available', 'Delete', classEmpty),
      expectedVolumes: newVolumeArray('volume4-12', '10Gi', 'uid4-12-new', 'claim4-12', 'Bound', 'Delete', classEmpty),
      initialClaims: newClaimArray('claim4-12', 'uid4-12-new', '10Gi', 'volume4-12', 'Bound', undefined),
      expectedClaims: newClaimArray('claim4-12', 'uid4-12-new', '10Gi', 'volume4-12', 'Bound', undefined),
      expectedEvents: noevents,
      test: 'volume',
    },

    // PVC with class
    {
      name: '13-1 - binding to class',
      initialVolumes: [
        newVolume('volume13-1-1', '1Gi', '', '', 'Available', 'Retain', classEmpty),
        newVolume('volume13-1-2', '10Gi', '', '', 'Available', 'Retain', classGold),
      ],
      expectedVolumes: [
        newVolume('volume13-1-1', '1Gi', '', '', 'Available', 'Retain', classEmpty),
        newVolume('volume13-1-2', '10Gi', 'uid13-1', 'claim13-1', 'Bound', 'Retain', classGold, BBC),
      ],
      initialClaims: newClaimArray('claim13-1', 'uid13-1', '1Gi', '', 'Pending', classGold),
      expectedClaims: withExpectedCapacity('10Gi', newClaimArray('claim13-1', 'uid13-1', '1Gi', 'volume13-1-2', 'Bound', classGold, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '13-2 - binding without a class',
      initialVolumes: [
        newVolume('volume13-2-1', '1Gi', '', '', 'Available', 'Retain', classGold),
        newVolume('volume13-2-2', '10Gi', '', '', 'Available', 'Retain', classEmpty),
      ],
      expectedVolumes: [
        newVolume('volume13-2-1', '1Gi', '', '', 'Available', 'Retain', classGold),
        newVolume('volume13-2-2', '10Gi', 'uid13-2', 'claim13-2', 'Bound', 'Retain', classEmpty, BBC),
      ],
      initialClaims: newClaimArray('claim13-2', 'uid13-2', '1Gi', '', 'Pending', undefined),
      expectedClaims: withExpectedCapacity('10Gi', newClaimArray('claim13-2', 'uid13-2', '1Gi', 'volume13-2-2', 'Bound', undefined, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '13-3 - binding to specific a class',
      initialVolumes: [
        newVolume('volume13-3-1', '1Gi', '', '', 'Available', 'Retain', classSilver),
        newVolume('volume13-3-2', '10Gi', '', '', 'Available', 'Retain', classGold),
      ],
      expectedVolumes: [
        newVolume('volume13-3-1', '1Gi', '', '', 'Available', 'Retain', classSilver),
        newVolume('volume13-3-2', '10Gi', 'uid13-3', 'claim13-3', 'Bound', 'Retain', classGold, BBC),
      ],
      initialClaims: newClaimArray('claim13-3', 'uid13-3', '1Gi', '', 'Pending', classGold),
      expectedClaims: withExpectedCapacity('10Gi', newClaimArray('claim13-3', 'uid13-3', '1Gi', 'volume13-3-2', 'Bound', classGold, BBC, BC)),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '13-4 - empty class',
      initialVolumes: newVolumeArray('volume13-4', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume13-4', '1Gi', 'uid13-4', 'claim13-4', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim13-4', 'uid13-4', '1Gi', '', 'Pending', classEmpty),
      expectedClaims: newClaimArray('claim13-4', 'uid13-4', '1Gi', 'volume13-4', 'Bound', classEmpty, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
    {
      name: '13-5 - nil class',
      initialVolumes: newVolumeArray('volume13-5', '1Gi', '', '', 'Available', 'Retain', classEmpty),
      expectedVolumes: newVolumeArray('volume13-5', '1Gi', 'uid13-5', 'claim13-5', 'Bound', 'Retain', classEmpty, BBC),
      initialClaims: newClaimArray('claim13-5', 'uid13-5', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim13-5', 'uid13-5', '1Gi', 'volume13-5', 'Bound', undefined, BBC, BC),
      expectedEvents: noevents,
      test: 'claim',
    },
  ];
  runSyncTests(tests, [waitClass]);
});

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
