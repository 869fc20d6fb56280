// Legacy (aggregated-less) discovery, as kube-apiserver 1.32 serves it to a client that does not ask
// for apidiscovery.k8s.io/v2: /version, /api (APIVersions), /apis (APIGroupList), /api/v1 and
// /apis/<group>/<version> (APIResourceList). kubectl falls back to these when the answer is plain JSON.
import { KINDS, apiVersionOf, type KindInfo } from '../../engine/model/kinds';

export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.0',
  gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53',
  gitTreeState: 'clean',
  buildDate: '2024-12-11T17:59:15Z',
  goVersion: 'go1.23.3',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

/** Kinds with a status subresource on a real 1.32 server. */
const HAS_STATUS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Pod',
  'Service',
  'VolumeAttachment',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'VolumeSnapshot',
  'VolumeSnapshotContent',
]);

/** Kinds whose writes kube-apiserver does not offer (Namespaces have no deletecollection). */
function verbsFor(k: KindInfo): string[] {
  if (k.kind === 'Namespace') return VERBS.filter((v) => v !== 'deletecollection');
  return VERBS;
}

export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const k of KINDS) seen.set(apiVersionOf(k), { group: k.group, version: k.version });
  return [...seen.values()];
}

export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

export function apiGroupList(): unknown {
  const groups = new Map<string, string[]>();
  for (const { group, version } of groupVersions()) if (group) groups.set(group, [...(groups.get(group) ?? []), version]);
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

export function apiGroup(group: string): unknown | undefined {
  const list = apiGroupList() as { groups: { name: string }[] };
  const g = list.groups.find((x) => x.name === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...g } : undefined;
}

/** APIResourceList for one group/version, or undefined when we serve nothing there. */
export function apiResourceList(group: string, version: string): unknown | undefined {
  const kinds = KINDS.filter((k) => k.group === group && k.version === version);
  if (!kinds.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const k of kinds) {
    resources.push({
      name: k.plural,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: verbsFor(k),
      ...(k.shortNames.length ? { shortNames: [...k.shortNames] } : {}),
      ...(k.inAll ? { categories: ['all'] } : {}),
    });
    // kubectl scale finds the Scale's group/version here (the scale client's discovery resolver)
    if (k.kind === 'Deployment' || k.kind === 'ReplicaSet' || k.kind === 'StatefulSet')
      resources.push({ name: `${k.plural}/scale`, singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: STATUS_VERBS });
    if (HAS_STATUS.has(k.kind))
      resources.push({ name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind, verbs: STATUS_VERBS });
    if (k.kind === 'Pod') {
      resources.push({ name: 'pods/binding', singularName: '', namespaced: true, kind: 'Binding', verbs: ['create'] });
      resources.push({ name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] });
      resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}
