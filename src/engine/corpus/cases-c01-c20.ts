// What a real 1.32 cluster reaches for the manifest sets c01–c20, and why. Clusters: see clusters.ts.
import { PV_DIR, csiDiskDeployment, expandablePod, taskPvBound, taskPvPod, topologyDiskPod } from './expectations';
import type { Case } from './expectations';

export const CASES_C01_C20: readonly Case[] = [
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
];
