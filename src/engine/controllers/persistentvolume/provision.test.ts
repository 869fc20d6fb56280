// Port of provision_test.go (TestProvisionSync), the cases that do not need the mock in-tree
// provisioner: kube-controller-manager 1.30–1.32 has no working in-tree provisioner, so
// "successful provision" cases (11-1, 11-3, 11-4, 11-7 … 11-13, 11-19, 11-23) are covered by the
// external provisioner instead. The mock plugin name is kept, so it is "not found" here as in 11-2.
import { describe, expect, it } from 'vitest';
import { ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER } from '../volume/constants';
import type { PV, PVC, SC } from '../volume/pv-helpers';
import { MOCK_PLUGIN_NAME, newStorageClass, normalize, runSync } from './testing/harness';
import { claimWithAnnotation, newClaimArray, newVolumeArray, noevents, novolumes } from './testing/helpers';

const classes: SC[] = [
  newStorageClass('gold', MOCK_PLUGIN_NAME, { parameters: { param1: 'value1' } }),
  newStorageClass('silver', MOCK_PLUGIN_NAME, { parameters: { param2: 'value2' } }),
  newStorageClass('copper', MOCK_PLUGIN_NAME, { volumeBindingMode: 'WaitForFirstConsumer' }),
  newStorageClass('external', 'vendor.com/my-volume'),
  newStorageClass('external-wait', 'vendor.com/my-volume-wait', { volumeBindingMode: 'WaitForFirstConsumer' }),
  newStorageClass('unknown-internal', 'kubernetes.io/unknown'),
  // upstream: the mock plugin with mount options; here the one in-tree plugin that gets that far
  newStorageClass('unsupported-mountoptions', 'kubernetes.io/host-path', { mountOptions: ['foo'] }),
  newStorageClass('csi', 'mydriver.csi.k8s.io'),
];


function withDataSource(claims: PVC[]): PVC[] {
  claims[0].spec!.dataSource = { name: 'test-snap', kind: 'VolumeSnapshot', apiGroup: 'snapshot.storage.k8s.io' };
  return claims;
}

interface ProvisionTest {
  name: string;
  initialVolumes: PV[];
  expectedVolumes: PV[];
  initialClaims: PVC[];
  expectedClaims: PVC[];
  expectedEvents: string[];
}

describe('TestProvisionSync', () => {
  const tests: ProvisionTest[] = [
    {
      name: '11-2 - plugin not found',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-2', 'uid11-2', '1Gi', '', 'Pending', 'gold'),
      expectedClaims: newClaimArray('claim11-2', 'uid11-2', '1Gi', '', 'Pending', 'gold'),
      expectedEvents: [`Warning ProvisioningFailed no volume plugin matched name: ${MOCK_PLUGIN_NAME}`],
    },
    {
      name: '11-6 - provisioning when there is a volume available',
      initialVolumes: newVolumeArray('volume11-6', '1Gi', '', '', 'Available', 'Retain', 'gold'),
      expectedVolumes: newVolumeArray('volume11-6', '1Gi', 'uid11-6', 'claim11-6', 'Bound', 'Retain', 'gold', ANN_BOUND_BY_CONTROLLER),
      initialClaims: newClaimArray('claim11-6', 'uid11-6', '1Gi', '', 'Pending', 'gold'),
      expectedClaims: newClaimArray('claim11-6', 'uid11-6', '1Gi', 'volume11-6', 'Bound', 'gold', ANN_BOUND_BY_CONTROLLER, ANN_BIND_COMPLETED),
      expectedEvents: noevents,
    },
    {
      name: '11-14 - fail due to non-existing class',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-14', 'uid11-14', '1Gi', '', 'Pending', 'non-existing'),
      expectedClaims: newClaimArray('claim11-14', 'uid11-14', '1Gi', '', 'Pending', 'non-existing'),
      // (emitted, not checked upstream)
      expectedEvents: ['Warning ProvisioningFailed storageclass.storage.k8s.io "non-existing" not found'],
    },
    {
      name: "11-15 - no provisioning with class=''",
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-15', 'uid11-15', '1Gi', '', 'Pending', ''),
      expectedClaims: newClaimArray('claim11-15', 'uid11-15', '1Gi', '', 'Pending', ''),
      expectedEvents: ['Normal FailedBinding no persistent volumes available for this claim and no storage class is set'],
    },
    {
      name: '11-16 - no provisioning with class=nil',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-15', 'uid11-15', '1Gi', '', 'Pending', undefined),
      expectedClaims: newClaimArray('claim11-15', 'uid11-15', '1Gi', '', 'Pending', undefined),
      expectedEvents: ['Normal FailedBinding no persistent volumes available for this claim and no storage class is set'],
    },
    {
      name: '11-17 - external provisioner',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-17', 'uid11-17', '1Gi', '', 'Pending', 'external'),
      expectedClaims: claimWithAnnotation(
        ANN_BETA_STORAGE_PROVISIONER,
        'vendor.com/my-volume',
        claimWithAnnotation(ANN_STORAGE_PROVISIONER, 'vendor.com/my-volume', newClaimArray('claim11-17', 'uid11-17', '1Gi', '', 'Pending', 'external')),
      ),
      expectedEvents: [
        "Normal ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'vendor.com/my-volume' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      ],
    },
    {
      name: '11-18 - unknown internal provisioner',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-18', 'uid11-18', '1Gi', '', 'Pending', 'unknown-internal'),
      expectedClaims: newClaimArray('claim11-18', 'uid11-18', '1Gi', '', 'Pending', 'unknown-internal'),
      expectedEvents: ['Warning ProvisioningFailed no volume plugin matched name: kubernetes.io/unknown'],
    },
    {
      name: '11-20 - unsupported storageClass.mountOptions',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: newClaimArray('claim11-20', 'uid11-20', '1Gi', '', 'Pending', 'unsupported-mountoptions'),
      expectedClaims: claimWithAnnotation(
        ANN_BETA_STORAGE_PROVISIONER,
        'kubernetes.io/host-path',
        claimWithAnnotation(ANN_STORAGE_PROVISIONER, 'kubernetes.io/host-path', newClaimArray('claim11-20', 'uid11-20', '1Gi', '', 'Pending', 'unsupported-mountoptions')),
      ),
      expectedEvents: ['Warning ProvisioningFailed Mount options are not supported by the provisioner but StorageClass "unsupported-mountoptions" has mount options [foo]'],
    },
    {
      name: '11-22 - external provisioner with volume available',
      initialVolumes: newVolumeArray('volume11-22', '1Gi', '', '', 'Available', 'Retain', 'external'),
      expectedVolumes: newVolumeArray('volume11-22', '1Gi', 'uid11-22', 'claim11-22', 'Bound', 'Retain', 'external', ANN_BOUND_BY_CONTROLLER),
      initialClaims: newClaimArray('claim11-22', 'uid11-22', '1Gi', '', 'Pending', 'external'),
      expectedClaims: newClaimArray('claim11-22', 'uid11-22', '1Gi', 'volume11-22', 'Bound', 'external', ANN_BOUND_BY_CONTROLLER, ANN_BIND_COMPLETED),
      expectedEvents: noevents,
    },
    {
      name: '11-24 - skip finding PV and wait external provisioner for PVC annotated with AnnSelectedNode',
      initialVolumes: newVolumeArray('volume11-24', '1Gi', '', '', 'Available', 'Delete', 'external-wait'),
      expectedVolumes: newVolumeArray('volume11-24', '1Gi', '', '', 'Available', 'Delete', 'external-wait'),
      initialClaims: claimWithAnnotation(ANN_SELECTED_NODE, 'node1', newClaimArray('claim11-24', 'uid11-24', '1Gi', '', 'Pending', 'external-wait')),
      expectedClaims: claimWithAnnotation(
        ANN_BETA_STORAGE_PROVISIONER,
        'vendor.com/my-volume-wait',
        claimWithAnnotation(
          ANN_STORAGE_PROVISIONER,
          'vendor.com/my-volume-wait',
          claimWithAnnotation(ANN_SELECTED_NODE, 'node1', newClaimArray('claim11-24', 'uid11-24', '1Gi', '', 'Pending', 'external-wait')),
        ),
      ),
      expectedEvents: ['Normal ExternalProvisioning'],
    },
    {
      name: '11-25 - failed in-tree provision with data source',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: withDataSource(newClaimArray('claim11-25', 'uid11-25', '1Gi', '', 'Pending', 'gold')),
      expectedClaims: withDataSource(newClaimArray('claim11-25', 'uid11-25', '1Gi', '', 'Pending', 'gold')),
      expectedEvents: ['Warning ProvisioningFailed'],
    },
    {
      name: '11-26 - csi with data source',
      initialVolumes: novolumes,
      expectedVolumes: novolumes,
      initialClaims: claimWithAnnotation(ANN_STORAGE_PROVISIONER, 'mydriver.csi.k8s.io', withDataSource(newClaimArray('claim11-26', 'uid11-26', '1Gi', '', 'Pending', 'csi'))),
      expectedClaims: claimWithAnnotation(ANN_STORAGE_PROVISIONER, 'mydriver.csi.k8s.io', withDataSource(newClaimArray('claim11-26', 'uid11-26', '1Gi', '', 'Pending', 'csi'))),
      expectedEvents: ['Normal ExternalProvisioning'],
    },
  ];
  for (const t of tests) {
    it(t.name, () => {
      const r = runSync({ volumes: t.initialVolumes, claims: t.initialClaims, classes }, 'claim');
      expect(r.volumes().map(normalize)).toEqual(t.expectedVolumes.map(normalize));
      expect(r.claims().map(normalize)).toEqual(t.expectedClaims.map(normalize));
      // upstream compares "type reason" prefixes; a full message is checked where this port knows it
      const got = r.events.map((e) => `${e.type} ${e.reason} ${e.message}`);
      expect(got.length).toBe(t.expectedEvents.length);
      t.expectedEvents.forEach((exp, i) => expect(got[i].startsWith(exp)).toBe(true));
    });
  }

  it('12-2 - external provisioner with volume provisioned success (multi-sync)', () => {
    // The external provisioner creates pvc-<uid> pre-bound with the claim's uid; the PV controller
    // binds it without bound-by-controller on the PV.
    const pv = newVolumeArray('pvc-uid12-2', '1Gi', 'uid12-2', 'claim12-2', 'Pending', 'Retain', 'external');
    const r = runSync({ volumes: pv, claims: newClaimArray('claim12-2', 'uid12-2', '1Gi', '', 'Pending', 'external'), classes }, 'claim');
    expect(r.volumes().map(normalize)).toEqual(newVolumeArray('pvc-uid12-2', '1Gi', 'uid12-2', 'claim12-2', 'Bound', 'Retain', 'external').map(normalize));
    expect(r.claims()[0].spec?.volumeName).toBe('pvc-uid12-2');
    expect(r.claims()[0].metadata.annotations).toEqual({ [ANN_BOUND_BY_CONTROLLER]: 'yes', [ANN_BIND_COMPLETED]: 'yes' });
  });
});
