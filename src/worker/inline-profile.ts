// A small cluster used until the builtin profiles (clusters/*.yaml) are available: three nodes in two
// zones, an Alibaba Cloud disk driver (zonal, attach required) and a NAS driver (shared, no attach),
// which are the two plugins the lesson's demos use, and the `csi-disk` StorageClass.
import type { ClusterConfig, DriverSpec } from '../engine/storage/cluster-config';

const GI = 1024 ** 3;
const ZONE = 'topology.kubernetes.io/zone';

const latency = (scale: number): DriverSpec['latency'] => ({
  createVolume: [1500 * scale, 3000 * scale],
  deleteVolume: [800, 1500],
  attach: [1500 * scale, 3000 * scale],
  detach: [800, 1500],
  stage: [400, 900],
  publish: [200, 500],
  expand: [1000, 2000],
  snapshot: [2000, 4000],
});

export const INLINE_PROFILE: ClusterConfig = {
  name: 'playground',
  description: { en: 'Three nodes in two zones, cloud disks and NAS', zh: '两个可用区的三个节点,云盘与 NAS' },
  region: 'cn-hangzhou',
  nodes: [
    { name: 'node-1', labels: { [ZONE]: 'cn-hangzhou-a', 'topology.kubernetes.io/region': 'cn-hangzhou' } },
    { name: 'node-2', labels: { [ZONE]: 'cn-hangzhou-a', 'topology.kubernetes.io/region': 'cn-hangzhou' } },
    { name: 'node-3', labels: { [ZONE]: 'cn-hangzhou-b', 'topology.kubernetes.io/region': 'cn-hangzhou' } },
  ],
  drivers: [
    {
      name: 'diskplugin.csi.alibabacloud.com',
      backend: 'zonal-disk',
      attachRequired: true,
      provisions: true,
      volumeHandlePrefix: 'd-',
      accessModes: ['ReadWriteOnce', 'ReadWriteOncePod'],
      topologyKeys: [ZONE],
      expansion: true,
      stageUnstage: true,
      minSizeBytes: 20 * GI,
      sizeStepBytes: GI,
      defaultFsType: 'ext4',
      provisionerIdentity: 'diskplugin.csi.alibabacloud.com',
      latency: latency(1),
    },
    {
      name: 'nasplugin.csi.alibabacloud.com',
      backend: 'shared-fs',
      attachRequired: false,
      provisions: true,
      volumeHandlePrefix: 'nas-',
      accessModes: ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
      topologyKeys: [],
      expansion: false,
      stageUnstage: false,
      minSizeBytes: GI,
      sizeStepBytes: GI,
      provisionerIdentity: 'nasplugin.csi.alibabacloud.com',
      latency: latency(0.5),
    },
  ],
  objects: [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'csi-disk' },
      provisioner: 'diskplugin.csi.alibabacloud.com',
      parameters: { regionId: 'cn-hangzhou', zoneId: 'cn-hangzhou-a', fsType: 'ext4', type: 'cloud_ssd' },
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'Immediate',
    },
  ],
};
