// Warning texts the apiserver returns with an accepted write (pkg/api/persistentvolume/util.go,
// pkg/api/persistentvolumeclaim/util.go, pkg/api/pod/warnings.go).
import { tryParseQuantity } from '../model/quantity';
import { canonicalQuantity } from '../model/quantity';

export const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const DEPRECATED_CLASS_ANNOTATION_MSG = 'deprecated since v1.8; use "storageClassName" attribute instead';
export const MOUNT_OPTIONS_ANNOTATION = 'volume.beta.kubernetes.io/mount-options';
export const DEPRECATED_MOUNT_OPTIONS_MSG = 'deprecated since v1.31; use "mountOptions" attribute instead';

/** In-tree PV plugins whose use is flagged (GetWarningsForPersistentVolume). */
export const DEPRECATED_PV_PLUGINS: Readonly<Record<string, string>> = {
  cephfs: 'deprecated in v1.28, non-functional in v1.31+',
  photonPersistentDisk: 'deprecated in v1.11, non-functional in v1.16+',
  rbd: 'deprecated in v1.28, non-functional in v1.31+',
  scaleIO: 'deprecated in v1.16, non-functional in v1.22+',
  storageos: 'deprecated in v1.22, non-functional in v1.25+',
  glusterfs: 'deprecated in v1.25, non-functional in v1.26+',
};
/** The field name the warning prints (Go's JSON name differs from the path helper's for storageOS). */
export const DEPRECATED_PV_PLUGIN_PATH: Readonly<Record<string, string>> = { storageos: 'storageOS' };

/** Nodes labels deprecated in node selectors/affinity (pkg/api/node/util.go). */
export const DEPRECATED_NODE_LABELS: Readonly<Record<string, string>> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

/** `fractional byte value "1500m" is invalid, must be an integer` when MilliValue() % 1000 != 0. */
export function fractionalWarning(v: unknown, path: string): string[] {
  const q = tryParseQuantity(v);
  if (!q) return [];
  // nanos % 1e9 != 0 ⇔ not a whole number of bytes (MilliValue rounds up, so any sub-milli rest counts too)
  if (q.nanos % 1_000_000_000n === 0n) return [];
  return [`${path}: fractional byte value "${canonicalQuantity(String(v))}" is invalid, must be an integer`];
}
