// The kinds the simulated API server serves, with the names kubectl resolves them by
// (kind, plural resource, singular, short names) exactly as a 1.32 cluster's discovery lists them.

export type KindName =
  | 'Namespace'
  | 'Node'
  | 'PersistentVolume'
  | 'PersistentVolumeClaim'
  | 'StorageClass'
  | 'CSIDriver'
  | 'CSINode'
  | 'VolumeAttachment'
  | 'Event'
  | 'ConfigMap'
  | 'Secret'
  | 'ServiceAccount'
  | 'Service'
  | 'Pod'
  | 'Deployment'
  | 'ReplicaSet'
  | 'StatefulSet'
  | 'VolumeSnapshot'
  | 'VolumeSnapshotContent'
  | 'VolumeSnapshotClass';

export interface KindInfo {
  readonly kind: KindName;
  readonly group: string; // '' for the core group
  readonly version: string;
  readonly plural: string;
  readonly singular: string;
  readonly shortNames: readonly string[];
  readonly namespaced: boolean;
  /** kubectl's category 'all' membership (kubectl get all) */
  readonly inAll?: boolean;
}

const K = (
  kind: KindName,
  group: string,
  version: string,
  plural: string,
  shortNames: string[],
  namespaced: boolean,
  inAll = false,
): KindInfo => ({ kind, group, version, plural, singular: kind.toLowerCase(), shortNames, namespaced, inAll });

export const KINDS: readonly KindInfo[] = [
  K('Namespace', '', 'v1', 'namespaces', ['ns'], false),
  K('Node', '', 'v1', 'nodes', ['no'], false),
  K('PersistentVolume', '', 'v1', 'persistentvolumes', ['pv'], false),
  K('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', ['pvc'], true),
  K('Event', '', 'v1', 'events', ['ev'], true),
  K('ConfigMap', '', 'v1', 'configmaps', ['cm'], true),
  K('Secret', '', 'v1', 'secrets', [], true),
  K('ServiceAccount', '', 'v1', 'serviceaccounts', ['sa'], true),
  K('Service', '', 'v1', 'services', ['svc'], true, true),
  K('Pod', '', 'v1', 'pods', ['po'], true, true),
  K('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', ['sc'], false),
  K('CSIDriver', 'storage.k8s.io', 'v1', 'csidrivers', [], false),
  K('CSINode', 'storage.k8s.io', 'v1', 'csinodes', [], false),
  K('VolumeAttachment', 'storage.k8s.io', 'v1', 'volumeattachments', [], false),
  K('Deployment', 'apps', 'v1', 'deployments', ['deploy'], true, true),
  K('ReplicaSet', 'apps', 'v1', 'replicasets', ['rs'], true, true),
  K('StatefulSet', 'apps', 'v1', 'statefulsets', ['sts'], true, true),
  K('VolumeSnapshot', 'snapshot.storage.k8s.io', 'v1', 'volumesnapshots', ['vs'], true),
  K('VolumeSnapshotContent', 'snapshot.storage.k8s.io', 'v1', 'volumesnapshotcontents', ['vsc', 'vscs'], false),
  K('VolumeSnapshotClass', 'snapshot.storage.k8s.io', 'v1', 'volumesnapshotclasses', ['vsclass', 'vsclasses'], false),
];

const byKind = new Map<string, KindInfo>(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: KindName): KindInfo {
  const k = byKind.get(kind);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return k;
}

export function apiVersionOf(k: KindInfo): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** Finds a kind by apiVersion + kind as written in a manifest; undefined means "no matches for kind". */
export function lookupKind(apiVersion: string, kind: string): KindInfo | undefined {
  const k = byKind.get(kind);
  if (!k || apiVersionOf(k) !== apiVersion) return undefined;
  return k;
}

/**
 * Resolves what a user typed after `kubectl get` (pv, pvc, persistentvolumeclaims, storageclass.storage.k8s.io,
 * PersistentVolume, deploy.apps) to a kind, the way kubectl's RESTMapper does.
 */
export function resolveResource(arg: string): KindInfo | undefined {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : undefined;
  for (const k of KINDS) {
    if (group !== undefined && k.group !== group && `${k.version}.${k.group}` !== group) continue;
    if (k.plural === name || k.singular === name || k.shortNames.includes(name) || k.kind.toLowerCase() === name)
      return k;
  }
  return undefined;
}

export function objectKey(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}//${name}`;
}
