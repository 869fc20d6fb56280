// kubectl get: column sets, cell formats and alignment of the 1.32 printers (pkg/printers/internalversion),
// rendered with kubectl's tabwriter (minwidth 6, padding 3).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { bareSim, kubectl, put } from './testing';

const pv = (name: string, extra: Record<string, unknown> = {}, status: Record<string, unknown> = { phase: 'Available' }): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      capacity: { storage: '10Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: 'manual',
      hostPath: { path: '/mnt/data' },
      ...extra,
    },
    status,
  }) as KObject;

const pvc = (name: string, spec: Record<string, unknown>, status: Record<string, unknown>): KObject =>
  ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '3Gi' } }, ...spec },
    status,
  }) as KObject;

describe('kubectl get persistentvolumes', () => {
  it('prints the ten PV columns with VOLUMEATTRIBUTESCLASS <unset> and an empty CLAIM', () => {
    const sim = bareSim();
    put(sim, pv('pv0001'));
    sim.advance(125_000);
    expect(kubectl(sim, 'get pv').stdout).toBe(
      'NAME     CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS      CLAIM   STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
        'pv0001   10Gi       RWO            Retain           Available           manual         <unset>                          2m5s\n',
    );
  });

  it('shows ns/name of the claimRef, canonical quantities, mode order RWO,ROX,RWX and Terminating', () => {
    const sim = bareSim();
    put(sim, pv('a', { capacity: { storage: '1.5Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadOnlyMany'], claimRef: { namespace: 'default', name: 'data' } }, { phase: 'Bound' }));
    put(sim, { ...pv('b'), metadata: { name: 'b', finalizers: ['kubernetes.io/pv-protection'] } } as KObject);
    sim.store.delete('PersistentVolume', undefined, 'b');
    expect(kubectl(sim, 'get pv').stdout).toBe(
      'NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS        CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE\n' +
        'a      1536Mi     RWO,ROX,RWX    Retain           Bound         default/data   manual         <unset>                          0s\n' +
        'b      10Gi       RWO            Retain           Terminating                  manual         <unset>                          0s\n',
    );
  });

  it('-o wide adds VOLUMEMODE', () => {
    const sim = bareSim();
    put(sim, pv('pv0001', { volumeMode: 'Filesystem' }));
    expect(kubectl(sim, 'get pv -o wide').stdout.split('\n')[0]).toMatch(/   AGE   VOLUMEMODE$/);
    expect(kubectl(sim, 'get pv -o wide').stdout.split('\n')[1]).toMatch(/   0s    Filesystem$/);
  });
});

describe('kubectl get persistentvolumeclaims', () => {
  it('leaves CAPACITY and ACCESS MODES blank until spec.volumeName is set, then shows the status values', () => {
    const sim = bareSim();
    put(sim, pvc('pending', { storageClassName: 'manual' }, { phase: 'Pending' }));
    put(sim, pvc('bound', { storageClassName: 'manual', volumeName: 'pv0001' }, { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] }));
    expect(kubectl(sim, 'get pvc').stdout).toBe(
      'NAME      STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n' +
        'bound     Bound     pv0001   10Gi       RWO,ROX        manual         <unset>                 0s\n' +
        'pending   Pending                                      manual         <unset>                 0s\n',
    );
  });

  it('-A adds the NAMESPACE column; a missing namespace says so on stderr', () => {
    const sim = bareSim();
    expect(kubectl(sim, 'get pvc')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    expect(kubectl(sim, 'get pvc -A')).toEqual({ stdout: '', stderr: 'No resources found\n', code: 0 });
    put(sim, pvc('data', {}, { phase: 'Pending' }));
    // widths come from the data alone: four empty cells of minwidth 6 between STATUS and VOLUMEATTRIBUTESCLASS
    expect(kubectl(sim, 'get pvc -A --no-headers').stdout).toBe('default   data   Pending   ' + ' '.repeat(24) + '<unset>   0s\n');
  });
});

describe('kubectl get other kinds', () => {
  it('StorageClass marks the default class and prints nil fields as their defaults', () => {
    const sim = bareSim();
    put(sim, {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'disk.csi.example.com',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
    } as KObject);
    expect(kubectl(sim, 'get sc').stdout).toBe(
      'NAME                 PROVISIONER            RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n' +
        'standard (default)   disk.csi.example.com   Delete          WaitForFirstConsumer   true                   0s\n',
    );
  });

  it('Node STATUS includes SchedulingDisabled and ROLES <none>', () => {
    const sim = bareSim();
    sim.store.patch('Node', undefined, 'node-2', 'merge', { spec: { unschedulable: true } });
    sim.advance(3 * 3_600_000 + 5 * 60_000);
    expect(kubectl(sim, 'get nodes').stdout).toBe(
      'NAME     STATUS                     ROLES    AGE    VERSION\n' +
        'node-1   Ready                      <none>   3h5m   v1.32.0\n' +
        'node-2   Ready,SchedulingDisabled   <none>   3h5m   v1.32.0\n',
    );
  });

  it('several kinds print one table each, names prefixed with the kind, separated by a blank line', () => {
    const sim = bareSim();
    put(sim, pv('pv0001'));
    put(sim, pvc('data', {}, { phase: 'Pending' }));
    const out = kubectl(sim, 'get pv,pvc').stdout;
    expect(out).toContain('\n\nNAME                         STATUS');
    expect(out).toContain('persistentvolume/pv0001   10Gi');
    expect(out).toContain('persistentvolumeclaim/data   Pending');
  });

  it('-o name, -o jsonpath and -o custom-columns', () => {
    const sim = bareSim();
    put(sim, pv('pv1'));
    put(sim, pv('pv2', { capacity: { storage: '5Gi' } }));
    expect(kubectl(sim, 'get pv -o name').stdout).toBe('persistentvolume/pv1\npersistentvolume/pv2\n');
    expect(kubectl(sim, "get pv -o jsonpath='{.items[*].spec.capacity.storage}'").stdout).toBe('10Gi 5Gi');
    expect(kubectl(sim, `get pv -o jsonpath='{range .items[*]}{.metadata.name}={.status.phase}{"\\n"}{end}'`).stdout).toBe('pv1=Available\npv2=Available\n');
    expect(kubectl(sim, 'get pv pv1 -o jsonpath={.spec.hostPath.path}').stdout).toBe('/mnt/data');
    expect(kubectl(sim, 'get pv -o custom-columns=NAME:.metadata.name,AFFINITY:.spec.nodeAffinity').stdout).toBe(
      'NAME   AFFINITY\npv1    <none>\npv2    <none>\n',
    );
  });

  it('-l selects by label (equality and set-based), --field-selector by field, --sort-by orders', () => {
    const sim = bareSim();
    put(sim, { ...pv('fast'), metadata: { name: 'fast', labels: { tier: 'gold' } } } as KObject);
    put(sim, { ...pv('slow', { capacity: { storage: '1Gi' } }), metadata: { name: 'slow', labels: { tier: 'bronze' } } } as KObject);
    expect(kubectl(sim, 'get pv -l tier=gold -o name').stdout).toBe('persistentvolume/fast\n');
    expect(kubectl(sim, "get pv -l 'tier in (gold,bronze)' -o name").stdout).toBe('persistentvolume/fast\npersistentvolume/slow\n');
    expect(kubectl(sim, 'get pv -l tier!=gold -o name').stdout).toBe('persistentvolume/slow\n');
    expect(kubectl(sim, 'get pv --field-selector metadata.name=slow -o name').stdout).toBe('persistentvolume/slow\n');
    expect(kubectl(sim, 'get pv --sort-by=.spec.capacity.storage -o name').stdout).toBe('persistentvolume/fast\npersistentvolume/slow\n');
    expect(kubectl(sim, 'get pv --show-labels').stdout.split('\n')[1]).toMatch(/   tier=gold$/);
  });
});

describe('kubectl get pods', () => {
  const pod = (name: string, st: Record<string, unknown>, extra: Record<string, unknown> = {}): KObject =>
    ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'nginx' }], ...extra },
      status: st,
    }) as KObject;

  it('computes READY, STATUS (ContainerCreating, CrashLoopBackOff, Completed) and RESTARTS with (… ago)', () => {
    const sim = bareSim();
    sim.advance(60_000);
    put(sim, pod('creating', { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] }, { nodeName: 'node-1' }));
    put(
      sim,
      pod('crashing', {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'app',
            ready: false,
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2025-01-01T00:00:48Z' } },
          },
        ],
      }),
    );
    put(sim, pod('done', { phase: 'Succeeded', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } }] }));
    put(sim, pod('unscheduled', { phase: 'Pending' }));
    expect(kubectl(sim, 'get pods').stdout).toBe(
      'NAME          READY   STATUS              RESTARTS      AGE\n' +
        'crashing      0/1     CrashLoopBackOff    3 (12s ago)   0s\n' +
        'creating      0/1     ContainerCreating   0             0s\n' +
        'done          0/1     Completed           0             0s\n' +
        'unscheduled   0/1     Pending             0             0s\n',
    );
  });

  it('init containers show Init:i/n, and a deleted running pod shows Terminating; -o wide shows <none> for unset IP/NODE', () => {
    const sim = bareSim();
    put(
      sim,
      pod(
        'init',
        { phase: 'Pending', initContainerStatuses: [{ name: 'setup', ready: false, restartCount: 0, state: { running: {} } }] },
        { initContainers: [{ name: 'setup', image: 'busybox' }] },
      ),
    );
    expect(kubectl(sim, 'get pod init --no-headers').stdout).toBe('init   0/1   Init:0/1   0     0s\n');
    expect(kubectl(sim, 'get pod init -o wide --no-headers').stdout).toBe('init   0/1   Init:0/1   0     0s    <none>   <none>   <none>   <none>\n');
  });
});

describe('kubectl get errors', () => {
  it.each([
    ['unknown resource type', 'get foo', `error: the server doesn't have a resource type "foo"\n`],
    ['unknown flag (cobra)', 'get pods --bogus', "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.\n"],
    ['unknown shorthand', 'get pods -x', "Error: unknown shorthand flag: 'x' in -x\nSee 'kubectl get --help' for usage.\n"],
    ['flag without argument', 'get pods -n', "Error: flag needs an argument: 'n' in -n\nSee 'kubectl get --help' for usage.\n"],
    ['bad bool', 'get pods --show-labels=maybe', `Error: invalid argument "maybe" for "--show-labels" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee 'kubectl get --help' for usage.\n`],
    ['not found', 'get pvc nope', 'Error from server (NotFound): persistentvolumeclaims "nope" not found\n'],
    ['not found, group resource', 'get sc nope', 'Error from server (NotFound): storageclasses.storage.k8s.io "nope" not found\n'],
    ['unknown command', 'frob', 'Error: unknown command "frob" for "kubectl"\n'],
    [
      'bad output format',
      'get pv -o foo',
      'error: unable to match a printer suitable for the output format "foo", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n',
    ],
  ])('%s', (_name, line, stderr) => {
    const r = kubectl(bareSim(), line);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(1);
  });

  it('no resource type: the two-part message of kubectl get', () => {
    expect(kubectl(bareSim(), 'get').stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
  });
});
