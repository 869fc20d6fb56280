// createTestVolumes, makePVC, testVolume … of index_test.go.
import type { PV, PVC } from '../../volume/pv-helpers';

export function makePVC(size: string, modfn?: (pvc: PVC) => void): PVC {
  const pvc: PVC = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'claim01', namespace: 'myns' },
    spec: { accessModes: ['ReadOnlyMany', 'ReadWriteOnce'], resources: { requests: { storage: size } }, volumeMode: 'Filesystem' },
  };
  modfn?.(pvc);
  return pvc;
}

export function makeVolumeModePVC(size: string, mode: string | undefined): PVC {
  const pvc = makePVC(size, (p) => {
    p.spec!.accessModes = ['ReadWriteOnce'];
  });
  if (mode === undefined) delete pvc.spec!.volumeMode;
  else pvc.spec!.volumeMode = mode;
  return pvc;
}

interface VolOpts {
  uid: string;
  name: string;
  size: string;
  modes: string[];
  phase?: string;
  className?: string;
  labels?: Record<string, string>;
  claimRef?: { uid?: string; name?: string; namespace?: string };
  affinity?: [string, string];
  source?: Record<string, unknown>;
  volumeMode?: string | null;
}

export function vol(o: VolOpts): PV {
  const pv: PV = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { uid: o.uid, name: o.name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      capacity: { storage: o.size },
      ...(o.source ?? { gcePersistentDisk: { pdName: '' } }),
      accessModes: o.modes,
      ...(o.className ? { storageClassName: o.className } : {}),
      ...(o.claimRef ? { claimRef: o.claimRef } : {}),
      ...(o.affinity
        ? {
            nodeAffinity: {
              required: { nodeSelectorTerms: [{ matchExpressions: [{ key: o.affinity[0], operator: 'In', values: [o.affinity[1]] }] }] },
            },
          }
        : {}),
      ...(o.volumeMode === null ? {} : { volumeMode: o.volumeMode ?? 'Filesystem' }),
    },
    ...(o.phase === undefined ? {} : { status: { phase: o.phase } }),
  };
  return pv;
}

const RWO = 'ReadWriteOnce';
const ROX = 'ReadOnlyMany';
const RWX = 'ReadWriteMany';
const gluster = { glusterfs: { endpoints: '', path: '' } };
const local = { local: { path: '' } };

/** createTestVolumes: deliberately out of order; two volumes share the name "affinity003". */
export function createTestVolumes(): PV[] {
  return [
    vol({ uid: 'gce-pd-10', name: 'gce003', size: '10G', modes: [RWO, ROX], phase: 'Available' }),
    vol({ uid: 'gce-pd-20', name: 'gce004', size: '20G', modes: [RWO, ROX], claimRef: { uid: 'def456' }, phase: 'Bound' }),
    vol({ uid: 'nfs-5', name: 'nfs002', size: '5G', modes: [RWO, ROX, RWX], source: gluster, phase: 'Available' }),
    vol({ uid: 'gce-pd-1', name: 'gce001', size: '1G', modes: [RWO, ROX], claimRef: { uid: 'abc123' }, phase: 'Bound' }),
    vol({ uid: 'nfs-10', name: 'nfs003', size: '10G', modes: [RWO, ROX, RWX], source: gluster, phase: 'Available' }),
    vol({ uid: 'gce-pd-5', name: 'gce002', size: '5G', modes: [RWO, ROX], phase: 'Available' }),
    vol({ uid: 'nfs-1', name: 'nfs001', size: '1G', modes: [RWO, ROX, RWX], source: gluster, phase: 'Available' }),
    vol({ uid: 'gce-pd-2', name: 'gce0022', labels: { 'should-exist': 'true' }, size: '20000G', modes: [RWO], phase: 'Available' }),
    vol({ uid: 'gce-pd-silver1', name: 'gce0023', labels: { 'should-exist': 'true' }, size: '10000G', modes: [RWO], className: 'silver', phase: 'Available' }),
    vol({ uid: 'gce-pd-silver2', name: 'gce0024', size: '100G', modes: [RWO], className: 'silver', phase: 'Available' }),
    vol({ uid: 'gce-pd-gold', name: 'gce0025', size: '50G', modes: [RWO], className: 'gold', phase: 'Available' }),
    vol({ uid: 'local-pd-very-large', name: 'local001', size: '200E', modes: [RWO, ROX, RWX], source: local, className: 'large', phase: 'Available' }),
    vol({ uid: 'local-pd-extremely-large', name: 'local002', size: '800E', modes: [RWO, ROX, RWX], source: local, className: 'large', phase: 'Available' }),
    vol({ uid: 'affinity-pv', name: 'affinity001', size: '100G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value1'], phase: 'Available' }),
    vol({ uid: 'affinity-pv2', name: 'affinity002', size: '150G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value1'], phase: 'Available' }),
    vol({ uid: 'affinity-prebound', name: 'affinity003', size: '100G', modes: [RWO, ROX], source: local, className: 'wait', claimRef: { name: 'claim02', namespace: 'myns' }, affinity: ['key1', 'value1'], phase: 'Available' }),
    vol({ uid: 'affinity-pv3', name: 'affinity003', size: '200G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value3'], phase: 'Available' }),
    vol({ uid: 'affinity-pv4-pending', name: 'affinity004-pending', size: '200G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value4'], phase: 'Pending' }),
    vol({ uid: 'affinity-pv4-failed', name: 'affinity004-failed', size: '200G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value4'], phase: 'Failed' }),
    vol({ uid: 'affinity-pv4-released', name: 'affinity004-released', size: '200G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value4'], phase: 'Released' }),
    vol({ uid: 'affinity-pv4-empty', name: 'affinity004-empty', size: '200G', modes: [RWO, ROX], source: local, className: 'wait', affinity: ['key1', 'value4'] }),
  ];
}

export function testVolume(name: string, size: string): PV {
  const pv = vol({ uid: name, name, size, modes: [RWO], source: { hostPath: { path: '' } }, phase: 'Available' });
  pv.metadata.annotations = {};
  return pv;
}
