// What a real 1.32 cluster reaches for each upstream manifest set, and why. Clusters: see clusters.ts.
// Event texts are upstream's: PV controller (pkg/controller/volume/persistentvolume), scheduler
// (VolumeBinding / framework FitError), sig-storage-lib-external-provisioner, kubelet volume plugins.
// c01–c20 are in cases-c01-c20.ts; shared shapes and fragments in expectations.ts.
import { csiDiskDeployment, expandablePod, projectedMissing, statefulSetWeb, topologyDiskPod } from './expectations';
import type { Case, Expectation } from './expectations';

import { CASES_C01_C20 } from './cases-c01-c20';

export type { Expectation };

export const CASES: readonly Case[] = [
  ...CASES_C01_C20,
  {
    dir: "c21",
    cluster: "alicloud-beijing",
    title: "csi-disk in cn-beijing-b and a Deployment using it",
    expect: csiDiskDeployment,
  },
  {
    dir: "c22",
    cluster: "alicloud-beijing",
    title: "topology-aware disk class: the disk is made in the pod node’s zone",
    expect: topologyDiskPod,
  },
  {
    dir: "c23",
    cluster: "minikube",
    title: "redis with an emptyDir runs",
    expect: [{ type: "pod", name: "redis", phase: "Running", ready: true }],
  },
  {
    dir: "c24",
    cluster: "minikube",
    title: "redis with an emptyDir runs",
    expect: [{ type: "pod", name: "redis", phase: "Running", ready: true }],
  },
  {
    dir: "c25",
    cluster: "minikube",
    // DirectoryOrCreate makes /var/local/aaa (0755), FileOrCreate then makes /var/local/aaa/1.txt inside it
    // (host_path.go checkType: makeDir / makeFile); both mounts succeed and the pod runs.
    title:
      "hostPath DirectoryOrCreate and FileOrCreate are created on the node",
    expect: [
      {
        type: "pod",
        name: "test-webserver",
        phase: "Running",
        node: "minikube",
        ready: true,
      },
      {
        type: "node-path",
        node: "minikube",
        path: "/var/local/aaa",
        kind: "dir",
      },
      {
        type: "node-path",
        node: "minikube",
        path: "/var/local/aaa/1.txt",
        kind: "file",
      },
    ],
  },
  {
    dir: "c26",
    cluster: "minikube",
    // type: Directory requires /data/foo to be a directory; it does not exist on a fresh node, so SetUp fails
    // (1.32 host_path.go checkTypeInternal: "hostPath type check failed: <path> is not a directory"; the
    // "doesn't exist" wording is later), the pod stays ContainerCreating.
    title: "hostPath type Directory that does not exist: FailedMount",
    expect: [
      {
        type: "pod",
        name: "hostpath-example-linux",
        phase: "Pending",
        node: "minikube",
        waiting: { reason: "ContainerCreating" },
      },
      {
        type: "event",
        on: "Pod/hostpath-example-linux",
        eventType: "Warning",
        reason: "FailedMount",
        message:
          'MountVolume.SetUp failed for volume "example-volume" : hostPath type check failed: /data/foo is not a directory',
      },
    ],
  },
  {
    dir: "c27",
    cluster: "minikube",
    // subPathExpr $(POD_NAME) expands to pod1 from the container's env (downward API); the kubelet creates
    // /var/log/pods/pod1 inside the hostPath volume and mounts it at /logs. The loop never ends: Running.
    title:
      "subPathExpr expands the pod name and creates the sub-directory on the node",
    expect: [
      {
        type: "pod",
        name: "pod1",
        phase: "Running",
        node: "minikube",
        ready: true,
      },
      {
        type: "node-path",
        node: "minikube",
        path: "/var/log/pods/pod1",
        kind: "dir",
      },
    ],
  },
  {
    dir: "c28",
    cluster: "minikube",
    title: "projected Secrets that do not exist: FailedMount",
    expect: projectedMissing(
      "test-projected-volume",
      '[secret "user" not found, secret "pass" not found]',
    ),
  },
  {
    dir: "c29",
    cluster: "minikube",
    title:
      "projected Secret, downward API and ConfigMap: the missing Secret and ConfigMap fail the mount",
    expect: projectedMissing(
      "volume-test",
      '[secret "mysecret" not found, configmap "myconfigmap" not found]',
    ),
  },
  {
    dir: "c30",
    cluster: "minikube",
    title: "projected Secrets that do not exist: FailedMount",
    expect: projectedMissing(
      "test-projected-volume",
      '[secret "user" not found, secret "pass" not found]',
    ),
  },
  {
    dir: "c31",
    cluster: "minikube",
    // recursiveReadOnly: Enabled needs a runtime that reports recursive read-only mounts in
    // node.status.runtimeHandlers (containerd 2.0+); this node's containerd 1.7 does not, so the kubelet's
    // makeMounts refuses the container (test/e2e_node: CreateContainerConfigError, "failed to resolve
    // recursive read-only mode: volume \"mnt\" requested recursive read-only mode, but it is not supported
    // by the runtime").
    title:
      "recursiveReadOnly: Enabled on a runtime without support: CreateContainerConfigError",
    expect: [
      {
        type: "pod",
        name: "rro",
        phase: "Pending",
        node: "minikube",
        waiting: {
          reason: "CreateContainerConfigError",
          message:
            'failed to resolve recursive read-only mode: volume "mnt" requested recursive read-only mode, but it is not supported by the runtime',
        },
      },
      {
        type: "event",
        on: "Pod/rro",
        eventType: "Warning",
        reason: "Failed",
        message:
          'Error: failed to resolve recursive read-only mode: volume "mnt" requested recursive read-only mode, but it is not supported by the runtime',
      },
    ],
  },
  {
    dir: "c32",
    cluster: "alicloud-beijing",
    title: "csi-disk in cn-beijing-b and a Deployment using it",
    expect: csiDiskDeployment,
  },
  {
    dir: "c33",
    cluster: "alicloud-beijing",
    title: "csi-disk in cn-beijing-b and a Deployment using it",
    expect: csiDiskDeployment,
  },
  {
    dir: "c34",
    cluster: "alicloud-beijing",
    // nas-pvc-new binds nas-pv-new (same class name "nas", the selector, 512Gi RWX). The Deployment names
    // claimName nas-pvc, which is not among these files: its pod cannot be scheduled.
    title:
      "static NAS PV and claim bind; the Deployment names another claim and stays Pending",
    expect: [
      {
        type: "pvc",
        name: "nas-pvc-new",
        phase: "Bound",
        volume: "nas-pv-new",
        storageClassName: "nas",
        capacity: "512Gi",
      },
      {
        type: "pv",
        name: "nas-pv-new",
        phase: "Bound",
        claim: "default/nas-pvc-new",
      },
      { type: "pod", name: "deployment-nas", phase: "Pending", node: null },
      {
        type: "event",
        on: "Pod/deployment-nas",
        eventType: "Warning",
        reason: "FailedScheduling",
        message:
          '0/3 nodes are available: persistentvolumeclaim "nas-pvc" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
      },
    ],
  },
  {
    dir: "c35",
    cluster: "alicloud-beijing",
    // The static NAS PV (its server stands for the user's own NAS mount target) binds nas-pvc through the
    // selector; NAS needs no attach, the node mounts it over NFS and nginx runs.
    title: "static NAS PV, claim and a Deployment using it",
    expect: [
      { type: "pvc", name: "nas-pvc", phase: "Bound", volume: "nas-csi-pv" },
      { type: "pod", name: "deployment-nas", phase: "Running", ready: true },
      {
        type: "no-event",
        on: "Pod/deployment-nas",
        reason: "SuccessfulAttachVolume",
      },
    ],
  },
  {
    dir: "c36",
    cluster: "example-zones",
    title: "StatefulSet web: ordered pods with provisioned claims",
    expect: statefulSetWeb,
  },
  {
    dir: "c37",
    cluster: "example-zones",
    title: "StatefulSet web: ordered pods with provisioned claims",
    expect: statefulSetWeb,
  },
  {
    dir: "c38",
    cluster: "alicloud",
    // NAS subpath class with quota (its server stands for the user's NAS): the StatefulSet's claim
    // nas-pvc-nas-sts-0 is provisioned at once (Immediate), bound, and the busybox pod runs.
    title: "StatefulSet on a NAS subpath class",
    expect: [
      {
        type: "pvc",
        name: "nas-pvc-nas-sts-0",
        phase: "Bound",
        volume: /^pvc-/,
        storageClassName: "alicloud-nas-quota-sc",
        capacity: "20Gi",
      },
      { type: "pod", name: "nas-sts-0", phase: "Running", ready: true },
    ],
  },
  {
    dir: "c39",
    cluster: "example-zones",
    title: "expandable-pvc with the default class and its pod",
    expect: expandablePod,
  },
  {
    dir: "c40",
    cluster: "alicloud-beijing",
    title: "csi-disk in cn-beijing-b and a Deployment using it",
    expect: csiDiskDeployment,
  },
];

