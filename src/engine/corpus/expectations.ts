// The shapes of the corpus expectations and the fragments several manifest sets share (cases-*.ts use them).
// Event texts are upstream's: PV controller (pkg/controller/volume/persistentvolume), scheduler
// (VolumeBinding / framework FitError), sig-storage-lib-external-provisioner, kubelet volume plugins.
import type { CorpusCluster } from "./clusters";

export interface Common {
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

export const PV_DIR =
  "https://kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/";
export const DISK_ZONE = "topology.diskplugin.csi.alibabacloud.com/zone";

/** The docs' task-pv-volume (10Gi RWO hostPath, class manual) and task-pv-claim (3Gi RWO, class manual):
 * the claim's class matches the PV's by name (no StorageClass object is needed for static binding), the
 * size and mode fit, so the PV controller binds them; the claim reports the PV's 10Gi. */
export const taskPvBound: readonly Expectation[] = [
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
export const taskPvPod: readonly Expectation[] = [
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
export const csiDiskDeployment: readonly Expectation[] = [
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
export const topologyDiskPod: readonly Expectation[] = [
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
export const projectedMissing = (
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
export const statefulSetWeb: readonly Expectation[] = [
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
export const expandablePod: readonly Expectation[] = [
  {
    type: "pvc",
    name: "expandable-pvc",
    phase: "Bound",
    volume: /^pvc-/,
    storageClassName: "default",
  },
  { type: "pod", name: "expandable-pvc-pod", phase: "Running", ready: true },
];
