// The kubelet end to end in the simulation loop, with the attach/detach controller and external-attacher
// running: pods are pinned with spec.nodeName and PV/PVC pairs are pre-bound, so no scheduler or PV
// controller is involved. Expected texts are upstream's (pkg/kubelet/kuberuntime events, pkg/volume/hostpath,
// configmap/secret volume plugins) as summarised in the semantics reference §5.
import { describe, expect, it } from 'vitest';
import { boundPair, claimVolume, createPod, eventsOf, exec, newTestSim, podOf, sh, NAS_DRIVER } from './testing';
import { containerLogs, crashContainer } from './crash';
import { nodeShell } from '../../shell/exec';
import type { Simulation } from '../../sim/simulation';

const nginx = (mounts: unknown[] = [{ name: 'data', mountPath: '/data' }], name = 'app') => ({ name, image: 'nginx:1.27', volumeMounts: mounts });
const busybox = (name: string, mounts: unknown[], extra: Record<string, unknown> = {}) => ({ name, image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600000'], volumeMounts: mounts, ...extra });

function timeline(sim: Simulation, t0: number, pod: string) {
  const evs = eventsOf(sim, 'Pod', pod).map((e) => ({ t: e.time - t0, what: e.reason }));
  const calls = sim.traces.filter((t) => t.objects.some((o) => o.endsWith(`/${pod}`)) || t.call === 'ControllerPublishVolume').map((t) => ({ t: t.time - t0, what: t.call }));
  return [...evs, ...calls].sort((a, b) => a.t - b.t);
}

describe('kubelet: a pod with a CSI disk', () => {
  it('attach → stage → publish → pull → create → start, in that order on the virtual clock', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data' });
    const t0 = sim.now();
    createPod(sim, { name: 'web', node: 'node-1', volumes: [claimVolume('data', 'data')] });
    sim.settle();
    const order = timeline(sim, t0, 'web').map((x) => x.what);
    expect(order).toEqual(['ControllerPublishVolume', 'SuccessfulAttachVolume', 'NodeStageVolume', 'NodePublishVolume', 'Pulling', 'Pulled', 'Created', 'Started']);
    const times = timeline(sim, t0, 'web');
    // attach latency of the disk driver is 3–8 s; stage 0.5–1.5 s; publish 0.1–0.3 s
    const at = (w: string) => times.find((x) => x.what === w)!.t;
    expect(at('SuccessfulAttachVolume')).toBeGreaterThanOrEqual(3000);
    expect(at('SuccessfulAttachVolume')).toBeLessThanOrEqual(8000);
    expect(at('NodePublishVolume') - at('NodeStageVolume')).toBeGreaterThanOrEqual(500);
    expect(at('Started')).toBeGreaterThan(at('NodePublishVolume'));
    const pod = podOf(sim, 'web')!;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(pod.status?.podIP).toMatch(/^10\.244\.1\.\d+$/);
    expect(pod.status?.containerStatuses[0].state.running).toBeDefined();
    expect(pod.status?.containerStatuses[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'data' }]);
  });

  it('shows ContainerCreating while the volume is not yet attached', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data' });
    createPod(sim, { name: 'web', node: 'node-1', volumes: [claimVolume('data', 'data')] });
    sim.advance(1000);
    const pod = podOf(sim, 'web')!;
    expect(pod.status?.phase).toBe('Pending');
    expect(pod.status?.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    // reported from the spec even before the container exists (seen in 1.31+ `kubectl get pod -o yaml`)
    expect(pod.status?.containerStatuses[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'data' }]);
    expect(pod.status?.conditions[0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'False' });
    expect(exec(sim, 'web', ['ls']).stderr).toBe('error: unable to upgrade connection: container not found ("app")\n');
  });

  it('emits the image events with upstream texts; a second pod on the node finds the image present', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'a', node: 'node-1', containers: [nginx([])] });
    sim.settle();
    createPod(sim, { name: 'b', node: 'node-1', containers: [nginx([])] });
    sim.settle();
    const msgs = (p: string) => eventsOf(sim, 'Pod', p).map((e) => `${e.reason}: ${e.message}`);
    expect(msgs('a')[0]).toBe('Pulling: Pulling image "nginx:1.27"');
    expect(msgs('a')[1]).toMatch(/^Pulled: Successfully pulled image "nginx:1\.27" in (\d+\.)?\d+m?s \(\1?\d+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(msgs('a').slice(2)).toEqual(['Created: Created container app', 'Started: Started container app']);
    expect(msgs('b')).toEqual(['Pulled: Container image "nginx:1.27" already present on machine', 'Created: Created container app', 'Started: Started container app']);
    expect(eventsOf(sim, 'Pod', 'a').every((e) => e.source.component === 'kubelet' && e.source.host === 'node-1')).toBe(true);
  });
});

describe('kubelet: data in volumes', () => {
  it('emptyDir survives a container crash but not the pod', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'p', node: 'node-1', containers: [nginx([{ name: 'cache', mountPath: '/cache' }])], volumes: [{ name: 'cache', emptyDir: {} }] });
    sim.settle();
    expect(sh(sim, 'p', 'echo kept > /cache/a; echo lost > /tmp/b').code).toBe(0);
    expect(crashContainer(sim, 'default', 'p')).toBeUndefined();
    sim.settle();
    const st = podOf(sim, 'p')!.status!.containerStatuses[0];
    expect(st.restartCount).toBe(1);
    expect(st.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    expect(sh(sim, 'p', 'cat /cache/a').stdout).toBe('kept\n');
    // the container's own writable layer is new after the restart
    expect(sh(sim, 'p', 'cat /tmp/b')).toMatchObject({ code: 1, stderr: "cat: can't open '/tmp/b': No such file or directory\n" });
    const asset = [...sim.backends.list()].find((a) => a.kind === 'empty-dir')!;
    sim.store.delete('Pod', 'default', 'p');
    sim.settle();
    expect(podOf(sim, 'p')).toBeUndefined();
    expect(sim.backends.get(asset.id)?.deletedAt).toBeDefined();
  });

  it('two containers of a pod share one emptyDir', () => {
    const sim = newTestSim();
    const mounts = [{ name: 'shared', mountPath: '/shared' }];
    createPod(sim, { name: 'p', node: 'node-2', containers: [busybox('writer', mounts), busybox('reader', mounts)], volumes: [{ name: 'shared', emptyDir: {} }] });
    sim.settle();
    expect(sh(sim, 'p', 'echo hello > /shared/msg', 'writer').code).toBe(0);
    expect(sh(sim, 'p', 'cat /shared/msg', 'reader').stdout).toBe('hello\n');
  });

  it('subPath gives each mount its own directory of the volume', () => {
    const sim = newTestSim();
    createPod(sim, {
      name: 'p',
      node: 'node-1',
      containers: [busybox('c1', [{ name: 'v', mountPath: '/cache', subPath: 'cache1' }]), busybox('c2', [{ name: 'v', mountPath: '/cache', subPath: 'cache2' }]), busybox('all', [{ name: 'v', mountPath: '/v' }])],
      volumes: [{ name: 'v', emptyDir: {} }],
    });
    sim.settle();
    sh(sim, 'p', 'touch /cache/one', 'c1');
    expect(sh(sim, 'p', 'ls /cache', 'c2').stdout).toBe('');
    expect(sh(sim, 'p', 'ls /v; ls /v/cache1', 'all').stdout).toBe('cache1\ncache2\none\n');
  });

  it('subPathExpr expands $(POD_NAME) from the downward API', () => {
    const sim = newTestSim();
    createPod(sim, {
      name: 'pod1',
      node: 'node-1',
      containers: [
        busybox('c', [{ name: 'logs', mountPath: '/logs', subPathExpr: '$(POD_NAME)' }], { env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }] }),
      ],
      volumes: [{ name: 'logs', hostPath: { path: '/var/log/pods-data' } }],
    });
    sim.settle();
    sh(sim, 'pod1', 'echo x > /logs/app.log', 'c');
    expect(nodeShell(sim, 'node-1', ['cat', '/var/log/pods-data/pod1/app.log']).stdout).toBe('x\n');
  });

  it('a readOnly mount refuses writes with busybox wording', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'p', node: 'node-1', containers: [busybox('c', [{ name: 'v', mountPath: '/data', readOnly: true }])], volumes: [{ name: 'v', emptyDir: {} }] });
    sim.settle();
    expect(sh(sim, 'p', 'touch /data/x', 'c')).toEqual({ stdout: '', stderr: 'touch: /data/x: Read-only file system\n', code: 1 });
    expect(podOf(sim, 'p')!.status!.containerStatuses[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'v', readOnly: true, recursiveReadOnly: 'Disabled' }]);
    expect(sh(sim, 'p', 'echo a > /data/y', 'c')).toEqual({ stdout: '', stderr: "sh: can't create /data/y: Read-only file system\n", code: 1 });
    expect(sh(sim, 'p', 'mkdir /data/d', 'c').stderr).toBe("mkdir: can't create directory '/data/d': Read-only file system\n");
  });

  it('hostPath data stays on its node', () => {
    const sim = newTestSim();
    const vol = [{ name: 'h', hostPath: { path: '/srv/data', type: 'DirectoryOrCreate' } }];
    const mounts = [{ name: 'h', mountPath: '/data' }];
    createPod(sim, { name: 'a', node: 'node-1', containers: [busybox('c', mounts)], volumes: vol });
    createPod(sim, { name: 'b', node: 'node-2', containers: [busybox('c', mounts)], volumes: vol });
    sim.settle();
    sh(sim, 'a', 'echo node1 > /data/f');
    expect(sh(sim, 'b', 'ls /data').stdout).toBe('');
    sim.store.delete('Pod', 'default', 'a');
    sim.settle();
    createPod(sim, { name: 'a2', node: 'node-1', containers: [busybox('c', mounts)], volumes: vol });
    sim.settle();
    expect(sh(sim, 'a2', 'cat /data/f').stdout).toBe('node1\n');
  });

  it('a NAS volume is shared by pods on two nodes, with the same remote path in findmnt', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'shared', driver: NAS_DRIVER, accessModes: ['ReadWriteMany'] });
    const mounts = [{ name: 'data', mountPath: '/data' }];
    createPod(sim, { name: 'a', node: 'node-1', containers: [busybox('c', mounts)], volumes: [claimVolume('data', 'shared')] });
    createPod(sim, { name: 'b', node: 'node-3', containers: [busybox('c', mounts)], volumes: [claimVolume('data', 'shared')] });
    sim.settle();
    expect(sim.store.list('VolumeAttachment')).toHaveLength(0); // attachRequired: false
    expect(sh(sim, 'a', 'touch /data/from-a').code).toBe(0);
    expect(sh(sim, 'b', 'ls /data').stdout).toBe('from-a\n');
    const fa = sh(sim, 'a', 'findmnt /data').stdout;
    const fb = sh(sim, 'b', 'findmnt /data').stdout;
    expect(fa).toBe(fb);
    expect(fa).toBe('TARGET SOURCE                          FSTYPE OPTIONS\n/data  nas-1.example.com:/share/shared nfs4   rw,relatime,vers=4.1,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,timeo=600,retrans=2,sec=sys\n');
  });

  it('a Retain disk keeps its files after the pod and the claim are gone', () => {
    const sim = newTestSim();
    const { pv } = boundPair(sim, { name: 'db', reclaim: 'Retain' });
    createPod(sim, { name: 'db', node: 'node-1', containers: [busybox('c', [{ name: 'data', mountPath: '/var/lib/db' }])], volumes: [claimVolume('data', 'db')] });
    sim.settle();
    sh(sim, 'db', 'echo row1 > /var/lib/db/table');
    sim.store.delete('Pod', 'default', 'db');
    sim.settle();
    sim.store.delete('PersistentVolumeClaim', 'default', 'db');
    sim.settle();
    const disk = sim.backends.get((pv.spec as { csi: { volumeHandle: string } }).csi.volumeHandle)!;
    expect(disk.deletedAt).toBeUndefined();
    expect(disk.attachedTo).toEqual([]);
    expect((disk.root.entries.table as { content: string }).content).toBe('row1\n');
  });
});

describe('kubelet: access modes are per node', () => {
  it('two pods on one node share a ReadWriteOnce disk through one attachment and one staging', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data' });
    const mounts = [{ name: 'data', mountPath: '/data' }];
    createPod(sim, { name: 'a', node: 'node-1', containers: [busybox('c', mounts)], volumes: [claimVolume('data', 'data')] });
    createPod(sim, { name: 'b', node: 'node-1', containers: [busybox('c', mounts)], volumes: [claimVolume('data', 'data')] });
    sim.settle();
    expect([podOf(sim, 'a')!.status!.phase, podOf(sim, 'b')!.status!.phase]).toEqual(['Running', 'Running']);
    expect(sim.store.list('VolumeAttachment')).toHaveLength(1);
    expect(sim.traces.filter((t) => t.call === 'NodeStageVolume')).toHaveLength(1);
    expect(sim.traces.filter((t) => t.call === 'NodePublishVolume')).toHaveLength(2);
    sh(sim, 'a', 'echo from-a > /data/f');
    expect(sh(sim, 'b', 'cat /data/f').stdout).toBe('from-a\n');
    expect(nodeShell(sim, 'node-1', ['sh', '-c', 'findmnt | grep -c /dev/vdb']).stdout).toBe('3\n'); // global mount + two pod mounts
    const uid = podOf(sim, 'a')!.metadata.uid;
    expect(nodeShell(sim, 'node-1', ['cat', `/var/lib/kubelet/pods/${uid}/volumes/kubernetes.io~csi/pv-data/mount/f`]).stdout).toBe('from-a\n');
    expect(nodeShell(sim, 'node-1', ['ls', '/var/lib/kubelet/pods']).stdout.split('\n').filter(Boolean)).toHaveLength(2);
    sim.store.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 });
    sim.store.delete('Pod', 'default', 'b', { gracePeriodSeconds: 0 });
    sim.settle();
    expect(nodeShell(sim, 'node-1', ['ls', '/var/lib/kubelet/pods'])).toMatchObject({ stdout: '', code: 0 });
    expect(nodeShell(sim, 'node-1', ['ls', '/var/lib/kubelet/plugins/kubernetes.io/csi/disk.csi.example.com'])).toMatchObject({ stdout: '', code: 0 });
  });
});

describe('kubelet: init containers', () => {
  it('run to completion before the app containers start (Init:0/1 → Running)', () => {
    const sim = newTestSim();
    sim.store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        nodeName: 'node-1',
        automountServiceAccountToken: false,
        initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo seeded > /work/seed'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
        containers: [busybox('app', [{ name: 'work', mountPath: '/work' }])],
        volumes: [{ name: 'work', emptyDir: {} }],
      },
    });
    sim.advance(300);
    expect(podOf(sim, 'p')!.status!.phase).toBe('Pending');
    expect(podOf(sim, 'p')!.status!.conditions.find((c: { type: string }) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized' });
    sim.settle();
    const st = podOf(sim, 'p')!.status!;
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(sh(sim, 'p', 'cat /work/seed', 'app').stdout).toBe('seeded\n');
  });
});

describe('kubelet: mount failures', () => {
  it.each([
    ['missing configMap', [{ name: 'config', configMap: { name: 'app-config' } }], 'MountVolume.SetUp failed for volume "config" : configmap "app-config" not found'],
    ['missing secret', [{ name: 'creds', secret: { secretName: 'db' } }], 'MountVolume.SetUp failed for volume "creds" : secret "db" not found'],
    ['hostPath Directory that does not exist', [{ name: 'data', hostPath: { path: '/srv/none', type: 'Directory' } }], 'MountVolume.SetUp failed for volume "data" : hostPath type check failed: /srv/none is not a directory'],
    ['hostPath File that is a directory', [{ name: 'data', hostPath: { path: '/tmp', type: 'File' } }], 'MountVolume.SetUp failed for volume "data" : hostPath type check failed: /tmp is not a file'],
  ])('%s → FailedMount, pod stays ContainerCreating', (_n, volumes, message) => {
    const sim = newTestSim();
    const mounts = volumes.map((v) => ({ name: v.name, mountPath: `/m/${v.name}` }));
    createPod(sim, { name: 'p', node: 'node-1', containers: [nginx(mounts)], volumes });
    sim.advance(60_000);
    const ev = eventsOf(sim, 'Pod', 'p').filter((e) => e.reason === 'FailedMount');
    expect(ev[0]).toMatchObject({ type: 'Warning', message });
    expect(ev.length).toBeGreaterThan(3); // retried with exponential backoff
    expect(podOf(sim, 'p')!.status!.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
  });

  it('a local PV whose directory is missing on the node fails NewMounter; once created on the node it mounts', () => {
    const sim = newTestSim();
    const pvc = sim.store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'local', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: '', volumeName: 'local-pv', resources: { requests: { storage: '1Gi' } } } }).obj;
    sim.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'local-pv' },
      spec: {
        capacity: { storage: '1Gi' },
        accessModes: ['ReadWriteOnce'],
        storageClassName: '',
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'local', uid: pvc.metadata.uid },
        local: { path: '/mnt/disks/vol1' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node-1'] }] }] } },
      },
    });
    createPod(sim, { name: 'p', node: 'node-1', containers: [busybox('c', [{ name: 'data', mountPath: '/data' }])], volumes: [claimVolume('data', 'local')] });
    sim.advance(5_000);
    expect(eventsOf(sim, 'Pod', 'p').find((e) => e.reason === 'FailedMount')?.message).toBe(
      'MountVolume.NewMounter initialization failed for volume "local-pv" : path "/mnt/disks/vol1" does not exist',
    );
    nodeShell(sim, 'node-1', ['mkdir', '-p', '/mnt/disks/vol1']);
    sim.advance(150_000);
    expect(podOf(sim, 'p')!.status!.phase).toBe('Running');
    sh(sim, 'p', 'echo on-node > /data/f');
    expect(nodeShell(sim, 'node-1', ['cat', '/mnt/disks/vol1/f']).stdout).toBe('on-node\n');
  });

  it('optional: true makes a missing configMap an empty volume; a present one is materialised read-only', () => {
    const sim = newTestSim();
    sim.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { 'app.conf': 'x=1\n' } });
    createPod(sim, {
      name: 'p',
      node: 'node-1',
      containers: [busybox('c', [{ name: 'opt', mountPath: '/opt/cfg' }, { name: 'cfg', mountPath: '/etc/app' }])],
      volumes: [{ name: 'opt', configMap: { name: 'absent', optional: true } }, { name: 'cfg', configMap: { name: 'cfg' } }],
    });
    sim.settle();
    expect(sh(sim, 'p', 'ls /opt/cfg; cat /etc/app/app.conf').stdout).toBe('x=1\n');
    expect(sh(sim, 'p', 'touch /etc/app/new').stderr).toBe('touch: /etc/app/new: Read-only file system\n');
  });
});

describe('kubelet: eviction', () => {
  it('evicts a pod whose emptyDir grows past its sizeLimit at the next housekeeping', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'hog', node: 'node-1', containers: [busybox('c', [{ name: 'cache', mountPath: '/cache' }])], volumes: [{ name: 'cache', emptyDir: { sizeLimit: '1Mi' } }] });
    sim.settle();
    expect(sh(sim, 'hog', 'dd if=/dev/zero of=/cache/small bs=1k count=512').code).toBe(0);
    sim.advance(20_000);
    expect(podOf(sim, 'hog')!.status!.phase).toBe('Running');
    const r = sh(sim, 'hog', 'dd if=/dev/zero of=/cache/big bs=1M count=2');
    expect(r).toEqual({ stdout: '', stderr: '2+0 records in\n2+0 records out\n', code: 0 });
    sim.advance(10_000);
    const st = podOf(sim, 'hog')!.status!;
    const message = 'Usage of EmptyDir volume "cache" exceeds the limit "1Mi". ';
    expect(st).toMatchObject({ phase: 'Failed', reason: 'Evicted', message });
    expect(st.conditions[0]).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'TerminationByKubelet' });
    expect(eventsOf(sim, 'Pod', 'hog').find((e) => e.reason === 'Evicted')).toMatchObject({ type: 'Warning', message });
    expect(sim.backends.list().some((a) => a.kind === 'empty-dir')).toBe(false);
  });
});

describe('kubelet: subPath of a configMap key', () => {
  it('mounts the single file at the mountPath, next to the image files', () => {
    const sim = newTestSim();
    sim.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web', namespace: 'default' }, data: { 'nginx.conf': 'worker_processes 1;\n', other: 'x' } });
    createPod(sim, {
      name: 'p',
      node: 'node-1',
      containers: [busybox('c', [{ name: 'conf', mountPath: '/etc/nginx.conf', subPath: 'nginx.conf' }])],
      volumes: [{ name: 'conf', configMap: { name: 'web' } }],
    });
    sim.settle();
    expect(sh(sim, 'p', 'cat /etc/nginx.conf; ls /etc', 'c').stdout).toBe('worker_processes 1;\nhostname\nhosts\nnginx.conf\nresolv.conf\n');
    expect(sh(sim, 'p', 'echo y > /etc/nginx.conf', 'c').stderr).toBe("sh: can't create /etc/nginx.conf: Read-only file system\n");
  });
});

describe('kubelet: configMap updates', () => {
  it('reach a mounted configMap volume within a minute, but never a subPath mount', () => {
    const sim = newTestSim();
    sim.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { 'app.conf': 'v1\n' } });
    createPod(sim, {
      name: 'p',
      node: 'node-1',
      containers: [busybox('c', [{ name: 'cfg', mountPath: '/etc/app' }, { name: 'cfg', mountPath: '/etc/app.conf', subPath: 'app.conf' }])],
      volumes: [{ name: 'cfg', configMap: { name: 'app' } }],
    });
    sim.settle();
    const cm = sim.store.get('ConfigMap', 'default', 'app')!;
    sim.store.update({ ...structuredClone(cm), data: { 'app.conf': 'v2\n' } });
    sim.drain();
    expect(sh(sim, 'p', 'cat /etc/app/app.conf').stdout).toBe('v1\n');
    sim.advance(60_000);
    expect(sh(sim, 'p', 'cat /etc/app/app.conf /etc/app.conf').stdout).toBe('v2\nv1\n');
  });
});

describe('kubelet: CreateContainerConfigError', () => {
  const envPod = (env: unknown[]) => ({ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600000'], env });
  it.each([
    ['missing Secret', [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'mysql-pass', key: 'password' } } }], 'secret "mysql-pass" not found'],
    ['missing ConfigMap', [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app', key: 'mode' } } }], 'configmap "app" not found'],
    ['missing key', [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'present', key: 'nope' } } }], "couldn't find key nope in Secret default/present"],
  ])('%s: the container waits and the kubelet says why', (_n, env, message) => {
    const sim = newTestSim();
    sim.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'present', namespace: 'default' }, data: { password: 'czNjcjN0' } });
    createPod(sim, { name: 'p', node: 'node-1', containers: [envPod(env)] });
    sim.advance(30_000);
    const st = podOf(sim, 'p')!.status!;
    expect(st.phase).toBe('Pending');
    expect(st.containerStatuses[0].state).toEqual({ waiting: { reason: 'CreateContainerConfigError', message } });
    const failed = eventsOf(sim, 'Pod', 'p').filter((e) => e.reason === 'Failed');
    expect(failed[0]).toMatchObject({ type: 'Warning', message: `Error: ${message}` });
    expect(failed.length).toBeGreaterThan(1); // retried on each pod sync
  });

  it('starts once the Secret exists, with its value in the environment; optional refs may be missing', () => {
    const sim = newTestSim();
    createPod(sim, {
      name: 'p',
      node: 'node-1',
      containers: [envPod([{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }, { name: 'OPT', valueFrom: { configMapKeyRef: { name: 'none', key: 'x', optional: true } } }])],
    });
    sim.advance(5_000);
    sim.store.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: 'czNjcjN0' } });
    sim.advance(15_000);
    expect(podOf(sim, 'p')!.status!.phase).toBe('Running');
    expect(sh(sim, 'p', 'echo "$PW/$OPT"').stdout).toBe('s3cr3t/\n');
  });

  it('recursiveReadOnly: Enabled needs runtime support the nodes do not report', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'rro', node: 'node-1', containers: [busybox('c', [{ name: 'mnt', mountPath: '/mnt', readOnly: true, recursiveReadOnly: 'Enabled' }])], volumes: [{ name: 'mnt', emptyDir: {} }] });
    sim.advance(20_000);
    expect(podOf(sim, 'rro')!.status!.containerStatuses[0].state.waiting).toEqual({
      reason: 'CreateContainerConfigError',
      message: 'failed to resolve recursive read-only mode: volume "mnt" requested recursive read-only mode, but it is not supported by the runtime',
    });
  });
});

describe('kubelet: container lifecycle', () => {
  it('restarts a crashing container with back-off 10s, 20s, 40s (first restart at once)', () => {
    const sim = newTestSim();
    const t0 = sim.now();
    createPod(sim, { name: 'crash', node: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] });
    sim.advance(120_000);
    const starts = eventsOf(sim, 'Pod', 'crash').filter((e) => e.reason === 'Started').map((e) => e.time - t0);
    const gaps = starts.slice(1).map((t, i) => t - starts[i]);
    // each run lasts ≥1 ms; the waits are 0, 10 s, 20 s, 40 s
    expect(gaps.slice(0, 4).map((g) => Math.round(g / 1000))).toEqual([0, 10, 20, 40]);
    const backoffs = eventsOf(sim, 'Pod', 'crash').filter((e) => e.reason === 'BackOff');
    // one per pod sync (10 s) inside each window: 1 for the 10 s wait, 2 for 20 s, 4 for 40 s, then 80 s in progress
    expect(backoffs.length).toBeGreaterThanOrEqual(7);
    const backoff = backoffs[0];
    const uid = podOf(sim, 'crash')!.metadata.uid;
    expect(backoff).toMatchObject({ type: 'Warning', message: `Back-off restarting failed container c in pod crash_default(${uid})` });
    const st = podOf(sim, 'crash')!.status!;
    expect(st.phase).toBe('Running');
    expect(st.containerStatuses[0].state.waiting).toEqual({ reason: 'CrashLoopBackOff', message: `back-off 1m20s restarting failed container=c pod=crash_default(${uid})` });
    expect(st.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });

  it.each([
    ['Never', 0, 'Succeeded', 'Completed'],
    ['Never', 3, 'Failed', 'Error'],
    ['OnFailure', 0, 'Succeeded', 'Completed'],
  ])('restartPolicy %s, exit %i → phase %s (%s)', (policy, code, phase, reason) => {
    const sim = newTestSim();
    createPod(sim, { name: 'job', node: 'node-1', restartPolicy: policy, containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', `echo done; exit ${code}`] }] });
    sim.settle();
    const st = podOf(sim, 'job')!.status!;
    expect(st.phase).toBe(phase);
    expect(st.containerStatuses[0].state.terminated).toMatchObject({ exitCode: code, reason });
    expect(st.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
  });

  it('graceful deletion: Killing, volumes torn down, then the pod object goes; a sleeping shell waits out its grace period', () => {
    const sim = newTestSim();
    boundPair(sim, { name: 'data' });
    createPod(sim, { name: 'p', node: 'node-1', grace: 30, containers: [busybox('c', [{ name: 'data', mountPath: '/data' }])], volumes: [claimVolume('data', 'data')] });
    sim.settle();
    const t0 = sim.now();
    sim.store.delete('Pod', 'default', 'p');
    sim.drain();
    expect(podOf(sim, 'p')?.metadata.deletionTimestamp).toBeDefined();
    expect(eventsOf(sim, 'Pod', 'p').at(-1)).toMatchObject({ reason: 'Killing', message: 'Stopping container c' });
    sim.advance(29_000);
    expect(podOf(sim, 'p')).toBeDefined();
    sim.settle();
    expect(podOf(sim, 'p')).toBeUndefined();
    const calls = sim.traces.filter((t) => t.time >= t0).map((t) => t.call);
    expect(calls).toEqual(['NodeUnpublishVolume', 'NodeUnstageVolume', 'ControllerUnpublishVolume']);
    expect(sim.store.list('VolumeAttachment')).toHaveLength(0);
  });

  it('keeps what the main process printed as the container log, and the previous instance’s', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'p', node: 'node-1', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'echo started at $(date); echo hello; exit 1'] }] });
    expect(containerLogs(sim, 'default', 'p')).toEqual({ error: 'Error from server (BadRequest): container "c" in pod "p" is waiting to start: ContainerCreating' });
    sim.advance(15_000);
    expect(containerLogs(sim, 'default', 'p').log).toContain('hello\n');
    expect(containerLogs(sim, 'default', 'p', 'c', true).log).toContain('hello\n');
  });

  it('kubectl exec … -- kill 1 crashes the container', () => {
    const sim = newTestSim();
    createPod(sim, { name: 'p', node: 'node-1', containers: [nginx([])] });
    sim.settle();
    expect(exec(sim, 'p', ['kill', '1']).code).toBe(0);
    sim.settle();
    expect(podOf(sim, 'p')!.status!.containerStatuses[0].restartCount).toBe(1);
  });
});
