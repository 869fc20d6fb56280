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

export interface DriverSpec {
  /** CSI driver name, e.g. diskplugin.csi.alibabacloud.com */
  readonly name: string;
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
  /** identity of the csi-provisioner sidecar, used as the event source */
  readonly provisionerIdentity: string;
  readonly latency: DriverLatency;
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

export function driverByName(cluster: ClusterConfig, name: string): DriverSpec | undefined {
  return cluster.drivers.find((d) => d.name === name);
}
