// Port of recycle_test.go (TestRecycleSync) and delete_test.go (TestDeleteSync). Upstream injects a
// mock volume plugin that recycles/deletes anything; here the real plugin set of
// kube-controller-manager decides, so the "successful" cases use a hostPath volume (the hostPath
// recycler, and the hostPath deleter for paths under /tmp/). Cases that inject a race between the
// sync and its asynchronous operation (6-6, 6-7, 6-8, 8-6, 8-7) or a failing mock plugin (6-4, 8-4)
// have no counterpart: operations here run inline and the real plugins do not fail that way.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../model/types';
import { ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, ANN_MIGRATED_TO, PV_DELETION_IN_TREE_PROTECTION_FINALIZER } from '../volume/constants';
import type { PV, PVC } from '../volume/pv-helpers';
import { TEST_NAMESPACE, newVolume, normalize, runSync } from './testing/harness';
import {
  classEmpty,
  newClaimArray,
  newVolumeArray,
  noclaims,
  noevents,
  novolumes,
  volumesWithFinalizers,
  withMessage,
  withVolumeDeletionTimestamp,
} from './testing/helpers';

const BBC = ANN_BOUND_BY_CONTROLLER;

function hostPath(path: string, volumes: PV[]): PV[] {
  for (const v of volumes) {
    delete v.spec!.gcePersistentDisk;
    v.spec!.hostPath = { path };
  }
  return volumes;
}

function externalProvisioned(name: string, uid: string, claim: string, phase: string, driver: string, ...annotations: string[]): PV {
  const pv = newVolume(name, '1Gi', uid, claim, phase, 'Delete', classEmpty, ...annotations);
  delete pv.spec!.gcePersistentDisk;
  pv.spec!.csi = { driver, volumeHandle: '527b55dc-c7db-4574-9226-2e33318b06a3', readOnly: false, fsType: 'ext4', volumeAttributes: { 'Test-Key': 'Test-Value' } };
  if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED]) pv.metadata.annotations[ANN_DYNAMICALLY_PROVISIONED] = driver;
  return pv;
}

function pod(name: string, claimName: string, phase: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: TEST_NAMESPACE },
    spec: { volumes: [{ name: 'vol1', persistentVolumeClaim: { claimName } }], containers: [] },
    status: { phase },
  };
}

interface ReclaimTest {
  name: string;
  initialVolumes: PV[];
  expectedVolumes: PV[];
  initialClaims: PVC[];
  expectedClaims: PVC[];
  expectedEvents: string[];
}

function run(tests: ReclaimTest[], pods: KObject[] = []) {
  for (const t of tests) {
    it(t.name, () => {
      const r = runSync({ volumes: t.initialVolumes, claims: t.initialClaims, pods }, 'volume');
      expect(r.volumes().map(normalize)).toEqual(t.expectedVolumes.map(normalize));
      expect(r.claims().map(normalize)).toEqual(t.expectedClaims.map(normalize));
      expect(r.events.map((e) => `${e.type} ${e.reason}`)).toEqual(t.expectedEvents);
      expect(r.error).toBeUndefined();
    });
  }
}

describe('TestRecycleSync', () => {
  const pods = [pod('runningPod', 'runningClaim', 'Running'), pod('pendingPod', 'pendingClaim', 'Pending'), pod('completedPod', 'completedClaim', 'Succeeded')];
  const hp = (v: PV[]) => hostPath('/mnt/recycle', v);
  run(
    [
      {
        name: '6-1 - successful recycle',
        initialVolumes: hp(newVolumeArray('volume6-1', '1Gi', 'uid6-1', 'claim6-1', 'Bound', 'Recycle', classEmpty, BBC)),
        expectedVolumes: hp(newVolumeArray('volume6-1', '1Gi', '', '', 'Available', 'Recycle', classEmpty)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Normal VolumeRecycled'], // (emitted, not checked upstream)
      },
      {
        name: '6-2 - successful recycle with prebound volume',
        initialVolumes: hp(newVolumeArray('volume6-2', '1Gi', 'uid6-2', 'claim6-2', 'Bound', 'Recycle', classEmpty)),
        expectedVolumes: hp(newVolumeArray('volume6-2', '1Gi', '', 'claim6-2', 'Available', 'Recycle', classEmpty)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Normal VolumeRecycled'],
      },
      {
        name: '6-3 - plugin not found',
        initialVolumes: newVolumeArray('volume6-3', '1Gi', 'uid6-3', 'claim6-3', 'Bound', 'Recycle', classEmpty),
        expectedVolumes: withMessage('No recycler plugin found for the volume!', newVolumeArray('volume6-3', '1Gi', 'uid6-3', 'claim6-3', 'Failed', 'Recycle', classEmpty)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Warning VolumeFailedRecycle'],
      },
      {
        name: '6-9 - prebound volume is recycled while the claim exists',
        initialVolumes: hp(newVolumeArray('volume6-9', '1Gi', 'uid6-9', 'claim6-9', 'Bound', 'Recycle', classEmpty)),
        expectedVolumes: hp(newVolumeArray('volume6-9', '1Gi', '', 'claim6-9', 'Available', 'Recycle', classEmpty)),
        initialClaims: newClaimArray('claim6-9', 'uid6-9-x', '10Gi', '', 'Pending', undefined),
        expectedClaims: newClaimArray('claim6-9', 'uid6-9-x', '10Gi', '', 'Pending', undefined),
        expectedEvents: ['Normal VolumeRecycled'],
      },
      {
        name: '6-10 - unknown reclaim policy',
        initialVolumes: newVolumeArray('volume6-10', '1Gi', 'uid6-10', 'claim6-10', 'Bound', 'Unknown', classEmpty),
        expectedVolumes: withMessage('Volume has unrecognized PersistentVolumeReclaimPolicy', newVolumeArray('volume6-10', '1Gi', 'uid6-10', 'claim6-10', 'Failed', 'Unknown', classEmpty)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Warning VolumeUnknownReclaimPolicy'],
      },
      {
        name: '6-11 - used by running pod',
        initialVolumes: hp(newVolumeArray('volume6-11', '1Gi', 'uid6-11', 'runningClaim', 'Bound', 'Recycle', classEmpty, BBC)),
        expectedVolumes: hp(newVolumeArray('volume6-11', '1Gi', 'uid6-11', 'runningClaim', 'Released', 'Recycle', classEmpty, BBC)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Normal VolumeFailedRecycle'],
      },
      {
        name: '6-12 - used by pending pod',
        initialVolumes: hp(newVolumeArray('volume6-12', '1Gi', 'uid6-12', 'pendingClaim', 'Bound', 'Recycle', classEmpty, BBC)),
        expectedVolumes: hp(newVolumeArray('volume6-12', '1Gi', 'uid6-12', 'pendingClaim', 'Released', 'Recycle', classEmpty, BBC)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Normal VolumeFailedRecycle'],
      },
      {
        name: '6-13 - used by completed pod',
        initialVolumes: hp(newVolumeArray('volume6-13', '1Gi', 'uid6-13', 'completedClaim', 'Bound', 'Recycle', classEmpty, BBC)),
        expectedVolumes: hp(newVolumeArray('volume6-13', '1Gi', '', '', 'Available', 'Recycle', classEmpty)),
        initialClaims: noclaims,
        expectedClaims: noclaims,
        expectedEvents: ['Normal VolumeRecycled'],
      },
      {
        name: '6-14 - seemingly used by running pod',
        initialVolumes: hp(newVolumeArray('volume6-14', '1Gi', 'uid6-14', 'completedClaim', 'Bound', 'Recycle', classEmpty, BBC)),
        expectedVolumes: hp(newVolumeArray('volume6-14', '1Gi', '', '', 'Available', 'Recycle', classEmpty)),
        initialClaims: newClaimArray('completedClaim', 'uid6-14-x', '10Gi', '', 'Bound', undefined),
        expectedClaims: newClaimArray('completedClaim', 'uid6-14-x', '10Gi', '', 'Bound', undefined),
        expectedEvents: ['Normal VolumeRecycled'],
      },
    ],
    pods,
  );

  it('6-11 message names the pods', () => {
    const r = runSync({ volumes: hp(newVolumeArray('volume6-11', '1Gi', 'uid6-11', 'runningClaim', 'Bound', 'Recycle', classEmpty, BBC)), claims: [], pods }, 'volume');
    expect(r.events.map((e) => e.message)).toEqual([`Volume is used by pods: ${TEST_NAMESPACE}/runningPod`]);
  });
});

describe('TestDeleteSync', () => {
  const tmp = (name: string, v: PV[]) => hostPath(`/tmp/${name}`, v);
  const gceDriver = 'pd.csi.storage.gke.io';
  run([
    {
      name: '8-1 - successful delete',
      initialVolumes: tmp('8-1', newVolumeArray('volume8-1', '1Gi', 'uid8-1', 'claim8-1', 'Bound', 'Delete', classEmpty, BBC)),
      expectedVolumes: novolumes,
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
    },
    {
      name: '8-2 - successful delete with prebound volume',
      initialVolumes: tmp('8-2', newVolumeArray('volume8-2', '1Gi', 'uid8-2', 'claim8-2', 'Bound', 'Delete', classEmpty)),
      expectedVolumes: novolumes,
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
    },
    {
      name: '8-3 - plugin not found',
      initialVolumes: newVolumeArray('volume8-3', '1Gi', 'uid8-3', 'claim8-3', 'Bound', 'Delete', classEmpty),
      expectedVolumes: withMessage('error getting deleter volume plugin for volume "volume8-3": no volume plugin matched', newVolumeArray('volume8-3', '1Gi', 'uid8-3', 'claim8-3', 'Failed', 'Delete', classEmpty)),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: ['Warning VolumeFailedDelete'],
    },
    {
      // The real hostPath deleter's error stands in for the mock's "Mock delete error".
      name: '8-5 - delete returns error',
      initialVolumes: hostPath('/data/8-5', newVolumeArray('volume8-5', '1Gi', 'uid8-5', 'claim8-5', 'Bound', 'Delete', classEmpty)),
      expectedVolumes: hostPath(
        '/data/8-5',
        withMessage('host_path deleter only supports /tmp/.+ but received provided /data/8-5', newVolumeArray('volume8-5', '1Gi', 'uid8-5', 'claim8-5', 'Failed', 'Delete', classEmpty)),
      ),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: ['Warning VolumeFailedDelete'],
    },
    {
      name: '8-9 - prebound volume is deleted while the claim exists',
      initialVolumes: tmp('8-9', newVolumeArray('volume8-9', '1Gi', 'uid8-9', 'claim8-9', 'Bound', 'Delete', classEmpty)),
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim8-9', 'uid8-9-x', '10Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim8-9', 'uid8-9-x', '10Gi', '', 'Pending', undefined),
      expectedEvents: noevents,
    },
    {
      name: '8-10-1 - external deleter when volume is dynamic provisioning',
      initialVolumes: [externalProvisioned('volume8-10-1', 'uid10-1-1', 'claim10-1-1', 'Bound', 'external.io/test', BBC, ANN_DYNAMICALLY_PROVISIONED)],
      expectedVolumes: [externalProvisioned('volume8-10-1', 'uid10-1-1', 'claim10-1-1', 'Released', 'external.io/test', BBC, ANN_DYNAMICALLY_PROVISIONED)],
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
    },
    {
      name: '8-10-2 - external deleter when volume is static provisioning',
      initialVolumes: [externalProvisioned('volume8-10-2', 'uid10-1-2', 'claim10-1-2', 'Bound', gceDriver, BBC)],
      expectedVolumes: [externalProvisioned('volume8-10-2', 'uid10-1-2', 'claim10-1-2', 'Released', gceDriver, BBC)],
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
    },
    {
      name: '8-10-3 - external deleter when volume is migrated',
      initialVolumes: migrated(newVolumeArray('volume8-10-3', '1Gi', 'uid10-1-3', 'claim10-1-3', 'Bound', 'Delete', classEmpty, ANN_DYNAMICALLY_PROVISIONED)),
      expectedVolumes: migrated(newVolumeArray('volume8-10-3', '1Gi', 'uid10-1-3', 'claim10-1-3', 'Released', 'Delete', classEmpty, ANN_DYNAMICALLY_PROVISIONED)),
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
    },
    {
      name: '8-11 - two PVs provisioned for a single claim',
      initialVolumes: [
        ...inTree(tmp('8-11-1', [newVolume('volume8-11-1', '1Gi', 'uid8-11', 'claim8-11', 'Bound', 'Delete', classEmpty, ANN_DYNAMICALLY_PROVISIONED)])),
        ...inTree(tmp('8-11-2', [newVolume('volume8-11-2', '1Gi', 'uid8-11', 'claim8-11', 'Bound', 'Delete', classEmpty, ANN_DYNAMICALLY_PROVISIONED)]), true),
      ],
      expectedVolumes: inTree(tmp('8-11-2', [newVolume('volume8-11-2', '1Gi', 'uid8-11', 'claim8-11', 'Bound', 'Delete', classEmpty, ANN_DYNAMICALLY_PROVISIONED)]), true),
      initialClaims: newClaimArray('claim8-11', 'uid8-11', '10Gi', 'volume8-11-2', 'Bound', undefined),
      expectedClaims: newClaimArray('claim8-11', 'uid8-11', '10Gi', 'volume8-11-2', 'Bound', undefined),
      expectedEvents: noevents,
    },
    {
      name: '8-12 - two PVs externally provisioned for a single claim',
      initialVolumes: [
        externalProvisioned('volume8-12-1', 'uid8-12', 'claim8-12', 'Bound', 'external.io/test', ANN_DYNAMICALLY_PROVISIONED),
        externalProvisioned('volume8-12-2', 'uid8-12', 'claim8-12', 'Bound', gceDriver, ANN_DYNAMICALLY_PROVISIONED),
      ],
      expectedVolumes: [
        externalProvisioned('volume8-12-1', 'uid8-12', 'claim8-12', 'Released', 'external.io/test', ANN_DYNAMICALLY_PROVISIONED),
        externalProvisioned('volume8-12-2', 'uid8-12', 'claim8-12', 'Bound', gceDriver, ANN_DYNAMICALLY_PROVISIONED),
      ],
      initialClaims: newClaimArray('claim8-12', 'uid8-12', '10Gi', 'volume8-12-2', 'Bound', undefined),
      expectedClaims: newClaimArray('claim8-12', 'uid8-12', '10Gi', 'volume8-12-2', 'Bound', undefined),
      expectedEvents: noevents,
    },
    {
      name: '8-13 - volume has deletion timestamp and processed',
      initialVolumes: tmp(
        '8-13',
        volumesWithFinalizers(withVolumeDeletionTimestamp(newVolumeArray('volume8-13', '1Gi', 'uid8-13', 'claim8-13', 'Bound', 'Delete', classEmpty, BBC)), [PV_DELETION_IN_TREE_PROTECTION_FINALIZER]),
      ),
      expectedVolumes: novolumes,
      initialClaims: noclaims,
      expectedClaims: noclaims,
      expectedEvents: noevents,
    },
  ]);

  function migrated(volumes: PV[]): PV[] {
    for (const v of volumes) v.metadata.annotations = { ...v.metadata.annotations, [ANN_DYNAMICALLY_PROVISIONED]: 'kubernetes.io/gce-pd', [ANN_MIGRATED_TO]: gceDriver };
    return volumes;
  }

  /** provisioned by the in-tree hostPath plugin; the PV controller keeps kubernetes.io/pv-controller on such volumes */
  function inTree(volumes: PV[], finalizer = false): PV[] {
    for (const v of volumes) {
      v.metadata.annotations = { ...v.metadata.annotations, [ANN_DYNAMICALLY_PROVISIONED]: 'kubernetes.io/host-path' };
      if (finalizer) v.metadata.finalizers = [PV_DELETION_IN_TREE_PROTECTION_FINALIZER];
    }
    return volumes;
  }
});
