// What a real 1.32 cluster reaches for each upstream manifest set, and why. Clusters: see clusters.ts.
// Event texts are upstream's: PV controller (pkg/controller/volume/persistentvolume), scheduler
// (VolumeBinding / framework FitError), sig-storage-lib-external-provisioner, kubelet volume plugins.
import type { CorpusCluster } from "./clusters";

interface Common {
  /** what this expectation shows (test name of a known engine bug) */
  readonly why?: string;
  /** the engine gets this wrong: named bug; the test is it.fails until it is fixed */
  readonly bug?: string;
}

export type Expectation = Common &
  (
    | {
        type: "pvc";
        name: string;
        phase: "Bound" | "Pending";
        volume?: string | RegExp;
        storageClassName?: string | null;
        capacity?: string;
      }
    | {
        type: "pv";
        name: string;
        phase: "Available" | "Bound" | "Released";
        claim?: string;
      }
    /** name: the pod, or a Deployment whose single pod it is */
    | {
        type: "pod";
        name: string;
        phase: "Pending" | "Running";
        node?: string | RegExp | null;
        ready?: boolean;
        waiting?: { reason: string; message?: string };
      }
    | {
        type: "event";
        on: string;
        eventType: "Normal" | "Warning";
        reason: string;
        message: string;
      }
    | { type: "no-event"; on: string; reason: string }
    | { type: "node-path"; node: string; path: string; kind: "dir" | "file" }
    | { type: "pv-zone-of-pod"; claim: string; pod: string; key: string }
  );

export interface Case {
  readonly dir: string;
  readonly cluster: CorpusCluster;
  readonly title: string;
  readonly expect: readonly Expectation[];
}

const PV_DIR =
  "https://kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/";
const DISK_ZONE = "topology.diskplugin.csi.alibabacloud.com/zone";

/** The docs' task-pv-volume (10Gi RWO hostPath, class manual) and task-pv-claim (3Gi RWO, class manual):
 * the claim's class matches the PV's by name (no StorageClass object is needed for static binding), the
 * size and mode fit, so the PV controller binds them; the claim reports the PV's 10Gi. */
const taskPvBound: readonly Expectation[] = [
  {
    type: "pvc",
    name: "task-pv-claim",
    phase: "Bound",
    volume: "task-pv-volume",
    storageClassName: "manual",
    capacity: "10Gi",
  },
  {
    type: "pv",
    name: "task-pv-volume",
    phase: "Bound",
    claim: "default/task-pv-claim",
  },
];

/** ... and task-pv-pod (nginx) mounting it: scheduled to the only node, hostPath /mnt/data mounted (no
 * type, so no check; the runtime creates a missing directory), Running. */
const taskPvPod: readonly Expectation[] = [
  ...taskPvBound,
  {
    type: "pod",
    name: "task-pv-pod",
    phase: "Running",
    node: "minikube",
    ready: true,
  },
];

/** An Alibaba Cloud example: class csi-disk (cn-beijing-b, Immediate) and a 25Gi claim used by a
 * one-replica nginx Deployment. CreateVolume makes the disk in cn-beijing-b at once; the pod can only
 * go where the disk's zone is (the PV's node affinity), gets the disk attached and runs. */
const csiDiskDeployment: readonly Expectation[] = [
  {
    type: "pvc",
    name: "disk-pvc",
    phase: "Bound",
    volume: /^pvc-/,
    storageClassName: "csi-disk",
    capacity: "25Gi",
  },
  {
    type: "pod",
    name: "deployment-disk",
    phase: "Running",
    node: "cn-beijing.192.168.1.10",
    ready: true,
  },
  {
    type: "event",
    on: "Pod/deployment-disk",
    eventType: "Normal",
    reason: "Scheduled",
    message: "Successfully assigned default/{pod} to cn-beijing.192.168.1.10",
  },
];

/** ACK's topology-aware class (WaitForFirstConsumer) with a 25Gi claim and a bare pod: the claim waits
 * for the pod, the scheduler picks a node and writes selected-node, the disk is made in that node's
 * zone, then bound, attached, mounted; the pod runs. */
const topologyDiskPod: readonly Expectation[] = [
  {
    type: "event",
    on: "PersistentVolumeClaim/disk-pvc",
    eventType: "Normal",
    reason: "WaitForFirstConsumer",
    message: "waiting for first consumer to be created before binding",
  },
  {
    type: "pvc",
    name: "disk-pvc",
    phase: "Bound",
    volume: /^pvc-/,
    storageClassName: "alicloud-disk-topology-alltype",
    capacity: "25Gi",
  },
  { type: "pod", name: "test-disk", phase: "Running", ready: true },
  {
    type: "pv-zone-of-pod",
    claim: "disk-pvc",
    pod: "test-disk",
    key: DISK_ZONE,
  },
];

/** busybox pods that mount a projected volume of objects that do not exist: the kubelet's projected
 * plugin aggregates one NotFound per source (utilerrors.NewAggregate prints "[a, b]"), SetUp fails, the
 * pod stays ContainerCreating (phase Pending) and the kubelet retries with back-off. */
const projectedMissing = (
  pod: string,
  errors: string,
): readonly Expectation[] => [
  {
    type: "pod",
    name: pod,
    phase: "Pending",
    node: "minikube",
    waiting: { reason: "ContainerCreating" },
  },
  {
    type: "event",
    on: `Pod/${pod}`,
    eventType: "Warning",
    reason: "FailedMount",
    message: `MountVolume.SetUp failed for volume "all-in-one" : ${errors}`,
  },
  { type: "no-event", on: `Pod/${pod}`, reason: "Started" },
];

/** The docs' StatefulSet basics (web, 2 replicas, claims www-web-N without a class): the cluster's default
 * class is filled in by admission; web-0 is created, its claim provisioned for its node, and only when
 * web-0 is Running and Ready does web-1 follow (OrderedReady). */
const statefulSetWeb: readonly Expectation[] = [
  {
    type: "pvc",
    name: "www-web-0",
    phase: "Bound",
    volume: /^pvc-/,
    storageClassName: "default",
  },
  {
    type: "pvc",
    name: "www-web-1",
    phase: "Bound",
    volume: /^pvc-/,
    storageClassName: "default",
  },
  { type: "pod", name: "web-0", phase: "Running", ready: true },
  { type: "pod", name: "web-1", phase: "Running", ready: true },
];

/** The docs' expandable-pvc (1Gi, no class) and a busybox pod using it, on the example cluster: the
 * default class is filled in; WaitForFirstConsumer, then provisioned for the pod's node; Running. */
const expandablePod: readonly Expectation[] = [
  {
    type: "pvc",
    name: "expandable-pvc",
    phase: "Bound",
    volume: /^pvc-/,
    storageClassName: "default",
  },
  { type: "pod", name: "expandable-pvc-pod", phase: "Running", ready: true },
];

export const CASES: readonly Case[] = [
  {
    dir: "c01",
    cluster: "minikube",
    title: `static hostPath PV and claim bind (${PV_DIR})`,
    expect: taskPvBound,
  },
  {
    dir: "c02",
    cluster: "minikube",
    title: "static hostPath PV, claim and a pod using it",
    expect: taskPvPod,
  },
  {
    dir: "c03",
    cluster: "minikube",
    title: "static hostPath PV, claim and a pod using it",
    expect: taskPvPod,
  },
  {
    dir: "c04",
    cluster: "minikube",
    title: "static hostPath PV, claim and a pod using it",
    expect: taskPvPod,
  },
  {
    dir: "c05",
    cluster: "minikube",
    title: "static hostPath PV and claim bind",
    expect: taskPvBound,
  },
  {
    dir: "c06",
    cluster: "minikube",
    title: "static hostPath PV, claim and a pod using it",
    expect: taskPvPod,
  },
  {
    dir: "c07",
    cluster: "minikube",
    title: "static hostPath PV and claim bind",
    expect: taskPvBound,
  },
  {
    dir: "c08",
    cluster: "minikube",
    // Two manual PVs: 10Gi and 20Gi. The 20Gi claim cannot use the 10Gi one (capacity filter), so it binds
    // mysql-pv-volume; task-pv-volume stays Available (nothing claims it).
    title: "a 20Gi claim skips the 10Gi PV and binds the 20Gi one",
    expect: [
      {
        type: "pvc",
        name: "mysql-pv-claim",
        phase: "Bound",
        volume: "mysql-pv-volume",
        capacity: "20Gi",
      },
      {
        type: "pv",
        name: "mysql-pv-volume",
        phase: "Bound",
        claim: "default/mysql-pv-claim",
      },
      { type: "pv", name: "task-pv-volume", phase: "Available" },
    ],
  },
  {
    dir: "c09",
    cluster: "minikube",
    // minikube has a default class (standard). The DefaultStorageClass admission plugin fills it into every
    // claim without storageClassName, including one that names spec.volumeName (setdefault/admission.go
    // checks only PersistentVolumeClaimHasClass). my-model-pv has no class, so syncUnboundClaim's
    // checkVolumeSatisfyClaim refuses it: VolumeMismatch, claim Pending. expandable-pvc is provisioned.
    title:
      "a claim naming a class-less PV gets the default class and cannot bind it (VolumeMismatch)",
    expect: [
      {
        type: "pvc",
        name: "my-model-pvc",
        phase: "Pending",
        volume: "my-model-pv",
        storageClassName: "standard",
      },
      {
        type: "event",
        on: "PersistentVolumeClaim/my-model-pvc",
        eventType: "Warning",
        reason: "VolumeMismatch",
        message:
          'Cannot bind to requested volume "my-model-pv": storageClassName does not match',
      },
      { type: "pv", name: "my-model-pv", phase: "Available" },
      {
        type: "pvc",
        name: "expandable-pvc",
        phase: "Bound",
        volume: /^pvc-/,
        storageClassName: "standard",
        capacity: "1Gi",
      },
    ],
  },
  {
    dir: "c10",
    cluster: "minikube",
    // The claim (class manual) binds task-pv-volume; pv0003 (class slow, Recycle, NFS) has no claim.
    title:
      "the manual claim binds task-pv-volume, the Recycle NFS PV stays Available",
    expect: [
      ...taskPvBound,
      { type: "pv", name: "pv0003", phase: "Available" },
    ],
  },
  {
    dir: "c11",
    cluster: "alicloud-beijing",
    // No default class in this cluster: nas-pvc keeps no class, so do both PVs; its selector
    // (alicloud-pvname: nas-csi-pv) leaves only nas-csi-pv, 5Gi RWO fits. csi-pv stays Available.
    title:
      "static NAS claim with a label selector binds its PV; the static disk PV stays Available",
    expect: [
      {
        type: "pvc",
        name: "nas-pvc",
        phase: "Bound",
        volume: "nas-csi-pv",
        storageClassName: null,
        capacity: "5Gi",
      },
      {
        type: "pv",
        name: "nas-csi-pv",
        phase: "Bound",
        claim: "default/nas-pvc",
      },
      { type: "pv", name: "csi-pv", phase: "Available" },
    ],
  },
  {
    dir: "c12",
    cluster: "minikube",
    // Both claims get the default class standard; block-pv has none, so block-pvc cannot bind it and goes to
    // the provisioner, which cannot make block volumes (sig-storage-lib-external-provisioner canProvision:
    // "<name> does not support block volume provisioning"). expandable-pvc (Filesystem) is provisioned.
    title:
      "a Block claim gets the default class; the host-path provisioner refuses block volumes",
    expect: [
      {
        type: "pvc",
        name: "block-pvc",
        phase: "Pending",
        storageClassName: "standard",
      },
      {
        type: "event",
        on: "PersistentVolumeClaim/block-pvc",
        eventType: "Warning",
        reason: "ProvisioningFailed",
        message:
          "k8s.io/minikube-hostpath does not support block volume provisioning",
      },
      { type: "pv", name: "block-pv", phase: "Available" },
      {
        type: "pvc",
        name: "expandable-pvc",
        phase: "Bound",
        volume: /^pvc-/,
        storageClassName: "standard",
      },
    ],
  },
  {
    dir: "c13",
    cluster: "minikube",
    // The pod's claim test-nfs-claim does not exist: VolumeBinding PreFilter rejects the pod as
    // UnschedulableAndUnresolvable with the claim's NotFound text; FitError prints it once for all nodes.
    title: "a pod whose claim does not exist stays Pending",
    expect: [
      { type: "pod", name: "test", phase: "Pending", node: null },
      {
        type: "event",
        on: "Pod/test",
        eventType: "Warning",
        reason: "FailedScheduling",
        message:
          '0/1 nodes are available: persistentvolumeclaim "test-nfs-claim" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      },
    ],
  },
  {
    dir: "c14",
    cluster: "minikube",
    // The docs' single-instance MySQL: manual 20Gi PV and claim bind; the Deployment's pod mounts it and
    // runs (MYSQL_ROOT_PASSWORD is a literal value).
    title: "MySQL on a static hostPath PV",
    expect: [
      {
        type: "pvc",
        name: "mysql-pv-claim",
        phase: "Bound",
        volume: "mysql-pv-volume",
      },
      {
        type: "pod",
        name: "mysql",
        phase: "Running",
        node: "minikube",
        ready: true,
      },
    ],
  },
  {
    dir: "c15",
    cluster: "example-zones",
    // The docs' WordPress tutorial assumes a default class and a Secret mysql-pass (made by kustomize's
    // secretGenerator, not part of these files). Claims get the default class and are provisioned for the
    // pods' nodes; the containers then cannot start: the kubelet's makeEnvironmentVariables fails on the
    // missing Secret, the container waits in CreateContainerConfigError ("secret \"mysql-pass\" not found").
    title:
      "WordPress and MySQL: claims bound, containers blocked on the missing Secret mysql-pass",
    expect: [
      {
        type: "pvc",
        name: "mysql-pv-claim",
        phase: "Bound",
        volume: /^pvc-/,
        storageClassName: "default",
      },
      {
        type: "pvc",
        name: "wp-pv-claim",
        phase: "Bound",
        volume: /^pvc-/,
        storageClassName: "default",
      },
      {
        type: "pod",
        name: "wordpress-mysql",
        phase: "Pending",
        node: /^node-1/,
        waiting: {
          reason: "CreateContainerConfigError",
          message: 'secret "mysql-pass" not found',
        },
      },
      {
        type: "pod",
        name: "wordpress",
        phase: "Pending",
        node: /^node-1/,
        waiting: {
          reason: "CreateContainerConfigError",
          message: 'secret "mysql-pass" not found',
        },
      },
      {
        type: "event",
        on: "Pod/wordpress",
        eventType: "Warning",
        reason: "Failed",
        message: 'Error: secret "mysql-pass" not found',
      },
    ],
  },
  {
    dir: "c16",
    cluster: "example-zones",
    // Same as c09: the default class is filled into my-model-pvc, which then cannot bind the class-less
    // my-model-pv it names. The manifests' standard class is not default and plays no part.
    title:
      "a claim naming a class-less PV gets the default class (VolumeMismatch)",
    expect: [
      {
        type: "pvc",
        name: "my-model-pvc",
        phase: "Pending",
        volume: "my-model-pv",
        storageClassName: "default",
      },
      {
        type: "event",
        on: "PersistentVolumeClaim/my-model-pvc",
        eventType: "Warning",
        reason: "VolumeMismatch",
        message:
          'Cannot bind to requested volume "my-model-pv": storageClassName does not match',
      },
      { type: "pv", name: "my-model-pv", phase: "Available" },
    ],
  },
  {
    dir: "c17",
    cluster: "example-zones",
    // storageClassName: "" opts out of the default class, so the claim matches the class-less NFS PV it
    // names (1Mi RWX): Bound.
    title: 'storageClassName "" and volumeName bind the NFS PV',
    expect: [
      {
        type: "pvc",
        name: "nfs",
        phase: "Bound",
        volume: "nfs",
        storageClassName: "",
        capacity: "1Mi",
      },
      { type: "pv", name: "nfs", phase: "Bound", claim: "default/nfs" },
    ],
  },
  {
    dir: "c18",
    cluster: "example-zones",
    title: "expandable-pvc with the default class and its pod",
    expect: expandablePod,
  },
  {
    dir: "c19",
    cluster: "alicloud-beijing",
    title: "topology-aware disk class: the disk is made in the pod node’s zone",
    expect: topologyDiskPod,
  },
  {
    dir: "c20",
    cluster: "alicloud-beijing",
    title: "csi-disk in cn-beijing-b and a Deployment using it",
    expect: csiDiskDeployment,
  },
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
