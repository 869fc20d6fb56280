// A simulated cluster as data: nodes (with zone labels), CSI drivers and the storage behind them,
// and the objects an administrator installed first (StorageClasses, a default class).
// Profiles live in clusters/*.yaml; see src/engine/storage/profiles.ts for loading and validation.
import type { KObject } from '../model/types';

export type BackendKind = 'zonal-disk' | 'shared-fs' | 'node-local';

/** [min, max] virtual milliseconds; each operation draws its latency from the seeded RNG. */
export type LatencyRange = readonly [number, number];

export interface DriverLatency {
  readonly createVolume: LatencyRange;
  readonly deleteVolume: LatencyRange;
  readonly attach: LatencyRange;
  readonly detach: LatencyRange;
  readonly stage: LatencyRange;
  readonly publish: LatencyRange;
  readonly expand: LatencyRange;
  readonly snapshot: LatencyRange;
}

/** How the driver names the volumes it creates: random id after the prefix (`d-2ze4tf94z3fkeg6ttv52`), or the
 * CreateVolume request name itself (`pvc-<uid>`, as the NAS driver's subpath mode does). */
export type VolumeHandleStyle = 'random-alnum' | 'random-hex' | 'request-name';

export interface DriverSpec {
  /** CSI driver name, e.g. diskplugin.csi.alibabacloud.com (or the provisioner name of a non-CSI provisioner) */
  readonly name: string;
  /** false for a provisioner that is not a CSI driver (minikube's k8s.io/minikube-hostpath): no CSIDriver
   * object, no CSINode entry, PVs with a hostPath source. Default true. */
  readonly csi?: boolean;
  readonly backend: BackendKind;
  /** CSIDriver.spec.attachRequired */
  readonly attachRequired: boolean;
  /** has a controller service with CREATE_DELETE_VOLUME and a csi-provisioner sidecar */
  readonly provisions: boolean;
  /** prefix of the volume handle the driver returns (`d-` for disks, `nas-` …) */
  readonly volumeHandlePrefix: string;
  readonly accessModes: readonly string[];
  /** topology keys the driver reports (e.g. topology.kubernetes.io/zone) */
  readonly topologyKeys: readonly string[];
  readonly expansion: boolean;
  readonly stageUnstage: boolean;
  /** smallest volume the backend creates; smaller requests are rounded up (bytes) */
  readonly minSizeBytes: number;
  /** sizes are rounded up to a multiple of this (bytes) */
  readonly sizeStepBytes: number;
  /** total bytes the backend may allocate (quota); undefined = unlimited */
  readonly capacityBytes?: number;
  readonly defaultFsType?: string;
  /** identity of the provisioner's event source without its random part: `<driver>_<pod>`; the running
   * provisioner appends `_<uuid>` drawn from the seeded RNG (sig-storage-lib-external-provisioner's id) */
  readonly provisionerIdentity: string;
  readonly latency: DriverLatency;
  /** how volume handles look (default random-alnum) and how many random characters follow the prefix */
  readonly volumeHandleStyle?: VolumeHandleStyle;
  readonly volumeHandleLength?: number;
  /** StorageClass parameter naming the zone(s) to create in (`zoneId` for Alibaba Cloud disks); wins over
   * the accessibility requirements, as the Alibaba disk driver's getZone does */
  readonly zoneParameter?: string;
  /** CreateVolume rejects other values of these parameters with InvalidArgument (comma lists checked item by item) */
  readonly allowedParameterValues?: Readonly<Record<string, readonly string[]>>;
  /** CreateVolume rejects a fsType outside this list with InvalidArgument */
  readonly supportedFsTypes?: readonly string[];
  /** InvalidArgument text; `{name}` = request name, `{error}` = what was wrong */
  readonly invalidArgumentMessage?: string;
  /** ResourceExhausted text when the quota (capacityBytes) is used up; `{name}`, `{requested}`, `{available}` */
  readonly quotaExceededMessage?: string;
  /** CreateVolume returns the request parameters as volume context (Alibaba drivers do; EBS does not) */
  readonly volumeContextFromParameters?: boolean;
  /** non-CSI host-path provisioner: directory under which each claim gets `<namespace>/<claim>` */
  readonly hostPathDir?: string;
  /** non-CSI host-path provisioner: the node whose file system holds the volumes (default: the first node) */
  readonly hostPathNode?: string;
}

export function isCsiDriver(d: DriverSpec): boolean {
  return d.csi !== false;
}

export interface NodeSpec {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly unschedulable?: boolean;
  readonly taints?: readonly { key: string; value?: string; effect: string }[];
  /** node capacity as strings (cpu, memory, pods, ephemeral-storage) */
  readonly capacity?: Readonly<Record<string, string>>;
}

export interface ClusterConfig {
  readonly name: string;
  readonly description?: { readonly en: string; readonly zh: string };
  readonly region?: string;
  readonly nodes: readonly NodeSpec[];
  readonly drivers: readonly DriverSpec[];
  /** objects created at start (StorageClasses, ConfigMaps …) */
  readonly objects: readonly KObject[];
}

/** The zone label of a node spec, if any (topology.kubernetes.io/zone, then the legacy beta label). */
export function nodeZone(n: NodeSpec): string | undefined {
  return n.labels['topology.kubernetes.io/zone'] ?? n.labels['failure-domain.beta.kubernetes.io/zone'];
}

export function driverByName(cluster: ClusterConfig, name: string): DriverSpec | undefined {
  return cluster.drivers.find((d) => d.name === name);
}
