import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROFILES } from './builtin-profiles';
import { loadClusterProfile, parseClusterProfile } from './profiles';

const GiB = 2 ** 30;
const clustersDir = join(__dirname, '../../../clusters');

describe('builtin profiles', () => {
  it('builtin-profiles.ts is generated from the current clusters/*.yaml (run node scripts/gen-profiles.mjs)', () => {
    const files = readdirSync(clustersDir).filter((f) => f.endsWith('.yaml')).sort();
    expect(Object.keys(BUILTIN_PROFILES).sort()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')));
    for (const f of files) expect(BUILTIN_PROFILES[f.replace(/\.yaml$/, '')], f).toBe(readFileSync(join(clustersDir, f), 'utf8'));
  });

  it.each(Object.keys(BUILTIN_PROFILES))('%s parses and validates', (name) => {
    const r = parseClusterProfile(BUILTIN_PROFILES[name]);
    expect(r.ok ? '' : `${r.error.line}:${r.error.col} ${r.error.path}: ${r.error.message}`).toBe('');
    if (r.ok) expect(r.cluster.name).toBe(name);
  });

  it('alicloud is the lesson cloud: cn-hangzhou, two zones, ACK-style node names, disk and NAS drivers', () => {
    const c = loadClusterProfile(BUILTIN_PROFILES.alicloud);
    expect(c.region).toBe('cn-hangzhou');
    expect(new Set(c.nodes.map((n) => n.labels['topology.kubernetes.io/zone']))).toEqual(new Set(['cn-hangzhou-a', 'cn-hangzhou-b']));
    expect(c.nodes.every((n) => /^cn-hangzhou\.192\.168\.\d+\.\d+$/.test(n.name))).toBe(true);
    const disk = c.drivers.find((d) => d.name === 'diskplugin.csi.alibabacloud.com')!;
    expect(disk).toMatchObject({ backend: 'zonal-disk', attachRequired: true, volumeHandlePrefix: 'd-bp1', accessModes: ['ReadWriteOnce'] });
    expect(disk.topologyKeys).toEqual(['topology.diskplugin.csi.alibabacloud.com/zone']);
    expect(disk.minSizeBytes).toBe(20 * GiB);
    const nas = c.drivers.find((d) => d.name === 'nasplugin.csi.alibabacloud.com')!;
    expect(nas).toMatchObject({ backend: 'shared-fs', attachRequired: false, topologyKeys: [] });
    expect(nas.accessModes).toEqual(['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany']);
    const classes = Object.fromEntries(c.objects.map((o) => [o.metadata.name, o]));
    expect(classes['csi-disk']).toMatchObject({ reclaimPolicy: 'Delete', parameters: { regionId: 'cn-hangzhou', fsType: 'ext4', type: 'cloud_ssd' } });
    expect(classes['alicloud-disk-topology-alltype']).toMatchObject({ volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true });
    expect(classes['alicloud-disk-topology-alltype'].metadata.annotations?.['storageclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('minikube: one node, the non-CSI hostpath provisioner behind the default class standard', () => {
    const c = loadClusterProfile(BUILTIN_PROFILES.minikube);
    expect(c.nodes.map((n) => n.name)).toEqual(['minikube']);
    expect(c.drivers[0]).toMatchObject({ name: 'k8s.io/minikube-hostpath', csi: false, hostPathDir: '/tmp/hostpath-provisioner' });
    expect(c.objects[0]).toMatchObject({ kind: 'StorageClass', metadata: { name: 'standard' }, provisioner: 'k8s.io/minikube-hostpath', volumeBindingMode: 'Immediate', reclaimPolicy: 'Delete' });
  });

  it('multizone: 3 zones × 2 nodes, a zonal block driver and a shared file driver', () => {
    const c = loadClusterProfile(BUILTIN_PROFILES.multizone);
    const zones = c.nodes.map((n) => n.labels['topology.kubernetes.io/zone']);
    expect(zones.sort()).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b', 'us-east-1c', 'us-east-1c']);
    expect(c.drivers.map((d) => d.backend)).toEqual(['zonal-disk', 'shared-fs']);
  });
});

const GOOD = `name: t
nodes:
  - name: n1
    labels: { topology.kubernetes.io/zone: z1 }
drivers:
  - name: d.csi.example.com
    backend: zonal-disk
    attachRequired: true
    provisions: true
    volumeHandlePrefix: vol-
    accessModes: [ReadWriteOnce]
    topologyKeys: [topology.kubernetes.io/zone]
    expansion: true
    stageUnstage: true
    minSize: 1Gi
    sizeStep: 1Gi
    provisionerPod: ctrl-0
    latency: { createVolume: [1, 2], deleteVolume: [1, 2], attach: [1, 2], detach: [1, 2], stage: [1, 2], publish: [1, 2], expand: [1, 2], snapshot: [1, 2] }
objects:
  - apiVersion: storage.k8s.io/v1
    kind: StorageClass
    metadata: { name: fast }
    provisioner: d.csi.example.com
`;

describe('parseClusterProfile errors point at the line', () => {
  const cases: [string, string, number, RegExp][] = [
    ['unknown driver field is reported at its key', GOOD.replace('    expansion: true\n', '    expansoin: true\n'), 13, /unknown field "expansoin"/],
    ['a missing required field is reported at its mapping', GOOD.replace('    stageUnstage: true\n', ''), 6, /missing required field "stageUnstage"/],
    ['a size that is not a quantity', GOOD.replace('minSize: 1Gi', 'minSize: 1GB'), 15, /"minSize"/],
    ['latency min above max', GOOD.replace('createVolume: [1, 2]', 'createVolume: [5, 2]'), 18, /min 5 is greater than max 2/],
    ['an unknown backend', GOOD.replace('backend: zonal-disk', 'backend: tape'), 7, /must be one of zonal-disk, shared-fs, node-local; got "tape"/],
    ['a topology key no node carries', GOOD.replace('labels: { topology.kubernetes.io/zone: z1 }', 'labels: {}'), 12, /node "n1" has no label topology.kubernetes.io\/zone/],
    ['a duplicate node name', GOOD.replace('drivers:', '  - name: n1\n    labels: { topology.kubernetes.io/zone: z1 }\ndrivers:'), 5, /duplicate node name "n1"/],
    ['an object without a name', GOOD.replace('metadata: { name: fast }', 'metadata: { labels: {} }'), 22, /missing required field "name"/],
    ['a YAML syntax error', GOOD.replace('  - name: n1\n', '  - name: [n1\n'), 4, /./],
    ['no nodes at all', GOOD.replace(/nodes:\n  - name: n1\n    labels: \{ topology.kubernetes.io\/zone: z1 \}\n/, 'nodes: []\n'), 2, /at least one node/],
  ];
  it.each(cases)('%s', (_name, text, line, message) => {
    const r = parseClusterProfile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toMatch(message);
    expect(r.error.line).toBe(line);
  });

  it('the unmodified fixture is valid (so each case above fails for its own reason)', () => {
    const r = parseClusterProfile(GOOD);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.cluster.drivers[0]).toMatchObject({ provisionerIdentity: 'd.csi.example.com_ctrl-0', minSizeBytes: GiB, sizeStepBytes: GiB });
  });

  it('loadClusterProfile throws line:col and the path', () => {
    expect(() => loadClusterProfile(GOOD.replace('minSize: 1Gi', 'minSize: lots'))).toThrow(/^15:\d+ drivers\[0\]\.minSize: /);
  });
});
