// The clusters the upstream corpus is run against: each manifest set goes to a cluster that has what it
// assumes (the drivers, zones and classes its authors had), built from the builtin profiles.
import type {
  ClusterConfig,
  DriverSpec,
  NodeSpec,
} from "../storage/cluster-config";
import { BUILTIN_PROFILES } from "../storage/builtin-profiles";
import { loadClusterProfile } from "../storage/profiles";

export type CorpusCluster =
  "minikube" | "alicloud" | "alicloud-beijing" | "example-zones";

const minikube = (): ClusterConfig =>
  loadClusterProfile(BUILTIN_PROFILES.minikube);
const alicloud = (): ClusterConfig =>
  loadClusterProfile(BUILTIN_PROFILES.alicloud);

/** The lesson's ACK cluster moved to cn-beijing (zones cn-beijing-a/b), without the profile's classes:
 * the Alibaba examples (csi-disk in cn-beijing-b, static NAS/disk PVs) bring their own class or none. */
function alicloudBeijing(): ClusterConfig {
  const base = alicloud();
  const rename = (v: string) => v.replace("cn-hangzhou", "cn-beijing");
  const nodes: NodeSpec[] = base.nodes.map((n) => ({
    ...n,
    name: rename(n.name),
    labels: Object.fromEntries(
      Object.entries(n.labels).map(([k, v]) => [k, rename(v)]),
    ),
  }));
  // Beijing disk ids start with 2ze (d-2ze4tf94z3fkeg6ttv52 in the driver's examples).
  const drivers: DriverSpec[] = base.drivers.map((d) =>
    d.volumeHandlePrefix === "d-bp1"
      ? { ...d, volumeHandlePrefix: "d-2ze" }
      : d,
  );
  return {
    ...base,
    name: "alicloud-beijing",
    region: "cn-beijing",
    nodes,
    drivers,
    objects: [],
  };
}

/** The cluster the Kubernetes docs' allowedTopologies example assumes: an external provisioner
 * example.com/example (not a CSI driver: a CSIDriver name must be a DNS subdomain, so a slash-named
 * provisioner is a sig-storage-lib one, here a host-path one like minikube's), one node in each of
 * us-central-1a/1b/1c, and a default StorageClass `default` backed by it. The docs' tutorials (WordPress,
 * StatefulSet basics, resizing) assume a default class, and the manifests' own `standard` is not one.
 * The default class waits for the first consumer, as host-path provisioners (kind's local-path) do. */
function exampleZones(): ClusterConfig {
  const hostpath = minikube().drivers[0];
  const driver: DriverSpec = {
    ...hostpath,
    name: "example.com/example",
    provisionerIdentity: "example.com/example_example-provisioner-0",
    hostPathDir: "/var/lib/example-provisioner",
    hostPathNode: "node-1a",
  };
  const nodes: NodeSpec[] = ["a", "b", "c"].map((z) => ({
    name: `node-1${z}`,
    labels: {
      "topology.kubernetes.io/region": "us-central-1",
      "topology.kubernetes.io/zone": `us-central-1${z}`,
    },
    capacity: {
      cpu: "4",
      memory: "16Gi",
      pods: "110",
      "ephemeral-storage": "100Gi",
    },
  }));
  const defaultClass = {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: {
      name: "default",
      annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
    },
    provisioner: "example.com/example",
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
  };
  return {
    name: "example-zones",
    region: "us-central-1",
    nodes,
    drivers: [driver],
    objects: [defaultClass],
  };
}

export function corpusCluster(name: CorpusCluster): ClusterConfig {
  switch (name) {
    case "minikube":
      return minikube();
    case "alicloud":
      return alicloud();
    case "alicloud-beijing":
      return alicloudBeijing();
    case "example-zones":
      return exampleZones();
  }
}
