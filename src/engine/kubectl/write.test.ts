// Writes through kubectl: apply / create / delete / patch / label / cordon / wait, their messages and
// error texts (k8s.io/kubectl/pkg/cmd/...), and the virtual time --wait and wait advance.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { bareSim, kubectl, memFiles, put } from './testing';
import { LAST_APPLIED } from './cmd/apply';

const PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: task-pv-volume
  labels:
    type: local
spec:
  storageClassName: manual
  capacity:
    storage: 10Gi
  accessModes:
    - ReadWriteOnce
  hostPath:
    path: "/mnt/data"
`;

const files = memFiles({
  'pv.yaml': PV,
  'pv-20g.yaml': PV.replace('10Gi', '20Gi').replace('  labels:\n    type: local\n', ''),
  'bad.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: bad\n spec: x\n',
  'mixed.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\ndata:\n  a: b\n',
  'twodoc.yaml':
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n data: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok2\n',
  'invalid.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: inv\nspec:\n  capacity:\n    storage: 10Gi\n',
  'other-ns.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: kube-system\n',
  'dir/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
  'dir/sub/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
  'dir/notes.txt': 'not a manifest',
});

describe('kubectl apply', () => {
  it('creates, then reports unchanged, then configured; keeps last-applied-configuration as sorted JSON', () => {
    const sim = bareSim();
    expect(kubectl(sim, 'apply -f pv.yaml', { files })).toEqual({ stdout: 'persistentvolume/task-pv-volume created\n', stderr: '', code: 0 });
    expect(kubectl(sim, 'apply -f pv.yaml', { files }).stdout).toBe('persistentvolume/task-pv-volume unchanged\n');
    const pv = sim.store.get('PersistentVolume', undefined, 'task-pv-volume')!;
    expect(pv.metadata.annotations?.[LAST_APPLIED]).toBe(
      '{"apiVersion":"v1","kind":"PersistentVolume","metadata":{"annotations":{},"labels":{"type":"local"},"name":"task-pv-volume"},"spec":{"accessModes":["ReadWriteOnce"],"capacity":{"storage":"10Gi"},"hostPath":{"path":"/mnt/data"},"storageClassName":"manual"}}\n',
    );
    expect(kubectl(sim, 'apply -f pv-20g.yaml', { files }).stdout).toBe('persistentvolume/task-pv-volume configured\n');
    const after = sim.store.get('PersistentVolume', undefined, 'task-pv-volume')!;
    // the label left the file, so the three-way merge removes it; the new capacity is set
    expect(after.metadata.labels ?? {}).toEqual({});
    expect((after.spec as { capacity: { storage: string } }).capacity.storage).toBe('20Gi');
  });

  it('keeps fields other writers set (they were never in last-applied)', () => {
    const sim = bareSim();
    kubectl(sim, 'apply -f pv.yaml', { files });
    sim.store.patch('PersistentVolume', undefined, 'task-pv-volume', 'merge', { metadata: { labels: { owner: 'ops' } } });
    expect(kubectl(sim, 'apply -f pv.yaml', { files }).stdout).toBe('persistentvolume/task-pv-volume unchanged\n');
    expect(sim.store.get('PersistentVolume', undefined, 'task-pv-volume')!.metadata.labels).toEqual({ type: 'local', owner: 'ops' });
  });

  it('warns when the live object lacks the annotation (made by kubectl create) and patches it in', () => {
    const sim = bareSim();
    kubectl(sim, 'create -f pv.yaml', { files });
    const r = kubectl(sim, 'apply -f pv.yaml', { files });
    expect(r.stderr).toBe(
      'Warning: resource persistentvolumes/task-pv-volume is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    expect(r.stdout).toBe('persistentvolume/task-pv-volume configured\n');
  });

  it('dry runs do not write', () => {
    const sim = bareSim();
    expect(kubectl(sim, 'apply -f pv.yaml --dry-run=client', { files }).stdout).toBe('persistentvolume/task-pv-volume created (dry run)\n');
    expect(kubectl(sim, 'apply -f pv.yaml --dry-run=server', { files }).stdout).toBe('persistentvolume/task-pv-volume created (server dry run)\n');
    expect(sim.store.get('PersistentVolume', undefined, 'task-pv-volume')).toBeUndefined();
  });

  it('reads directories (only .json/.yaml/.yml), recursively with -R', () => {
    const sim = bareSim();
    expect(kubectl(sim, 'apply -f dir', { files }).stdout).toBe('configmap/a created\n');
    expect(kubectl(sim, 'apply -R -f dir', { files }).stdout).toBe('configmap/a unchanged\nconfigmap/b created\n');
  });

  it('reads - from stdin and names it STDIN in errors', () => {
    const sim = bareSim();
    const stdin = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';
    expect(kubectl(sim, 'create -f -', { files, stdin }).stdout).toBe('configmap/c created\n');
    expect(kubectl(sim, 'create -f -', { files, stdin }).stderr).toBe(
      'Error from server (AlreadyExists): error when creating "STDIN": configmaps "c" already exists\n',
    );
  });

  it.each([
    ['missing file', 'apply -f missing.yaml', '', 'error: the path "missing.yaml" does not exist\n'],
    ['no -f', 'apply', '', 'error: must specify one of -f and -k\n'],
    [
      'unknown kind: the other documents still apply',
      'apply -f mixed.yaml',
      'configmap/cm1 created\n',
      'error: resource mapping not found for name: "x" namespace: "" from "mixed.yaml": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first\n',
    ],
    [
      'namespace conflict with -n',
      'apply -f other-ns.yaml -n default',
      '',
      `error: the namespace from the provided object "kube-system" does not match the namespace "default". You must pass '--namespace=kube-system' to perform this operation.\n`,
    ],
  ])('%s', (_n, line, stdout, stderr) => {
    const r = kubectl(bareSim(), line, { files });
    expect(r).toEqual({ stdout, stderr, code: 1 });
  });

  it('YAML syntax errors name the file and the line as goyaml.v2 counts it (no column)', () => {
    // kubectl 1.32: a parser error names the 0-based line of the offending token (here ` spec:` on line 5)
    const r = kubectl(bareSim(), 'apply -f bad.yaml', { files });
    expect(r.stderr).toBe('error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n');
    expect(r.code).toBe(1);
  });

  it('a syntax error stops its file there: the documents before it apply, its line counts within the document', () => {
    // kubectl 1.32 (through the HTTP API): `configmap/ok1 created`, then the parse error; ok2 is never read
    const sim = bareSim();
    const r = kubectl(sim, 'apply -f twodoc.yaml', { files });
    expect(r.stdout).toBe('configmap/ok1 created\n');
    expect(r.stderr).toBe('error: error parsing twodoc.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n');
    expect(sim.store.get('ConfigMap', 'default', 'ok2')).toBeUndefined();
  });

  it('an invalid object prints as CheckErr does for Invalid: one `* field: message` line per cause', () => {
    // compared with kubectl 1.32 against the HTTP API: the `error when creating` prefix is not shown
    const r = kubectl(bareSim(), 'apply -f invalid.yaml', { files });
    expect(r.stderr).toBe('The PersistentVolume "inv" is invalid: \n* spec.accessModes: Required value\n* spec: Required value: must specify a volume type\n');
  });
});

describe('kubectl create', () => {
  it.each([
    ['namespace', 'create namespace lab', 'namespace/lab created\n'],
    ['configmap', 'create configmap cfg --from-literal=a=1 --from-literal=b=2', 'configmap/cfg created\n'],
    ['secret generic', 'create secret generic db --from-literal=password=s3cr3t', 'secret/db created\n'],
  ])('%s', (_n, line, stdout) => {
    expect(kubectl(bareSim(), line)).toEqual({ stdout, stderr: '', code: 0 });
  });

  it('encodes secret data in base64 and rejects a literal without =', () => {
    const sim = bareSim();
    kubectl(sim, 'create secret generic db --from-literal=password=s3cr3t');
    expect(sim.store.get('Secret', 'default', 'db')!.data).toEqual({ password: 'czNjcjN0' });
    expect(kubectl(sim, 'create secret generic x --from-literal=foo').stderr).toBe('error: invalid literal source foo, expected key=value\n');
  });

  it('create -f of an existing object is AlreadyExists wrapped with the file', () => {
    const sim = bareSim();
    kubectl(sim, 'create -f pv.yaml', { files });
    expect(kubectl(sim, 'create -f pv.yaml', { files }).stderr).toBe(
      'Error from server (AlreadyExists): error when creating "pv.yaml": persistentvolumes "task-pv-volume" already exists\n',
    );
  });

  it('create namespace without a name is a usage error', () => {
    expect(kubectl(bareSim(), 'create namespace').stderr).toBe(
      "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n",
    );
  });
});

describe('kubectl delete', () => {
  const held = (): KObject =>
    ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default', finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    }) as KObject;

  it('prints `kind "name" deleted` and returns at once when the object goes immediately', () => {
    const sim = bareSim();
    kubectl(sim, 'create configmap cfg');
    const t0 = sim.now();
    expect(kubectl(sim, 'delete configmap cfg')).toEqual({ stdout: 'configmap "cfg" deleted\n', stderr: '', code: 0 });
    expect(sim.now()).toBe(t0);
  });

  it('waits in virtual time while a finalizer holds the claim, then reports the timeout', () => {
    const sim = bareSim();
    put(sim, held());
    const t0 = sim.now();
    const r = kubectl(sim, 'delete pvc data --timeout=10s');
    expect(r.stdout).toBe('persistentvolumeclaim "data" deleted\n');
    expect(r.stderr).toBe('error: timed out waiting for the condition on persistentvolumeclaims/data\n');
    expect(sim.now() - t0).toBe(10_000);
    expect(kubectl(sim, 'get pvc data --no-headers').stdout).toMatch(/^data   Terminating/);
  });

  it('--wait=false returns immediately; group kinds print kind.group', () => {
    const sim = bareSim();
    put(sim, held());
    const t0 = sim.now();
    expect(kubectl(sim, 'delete pvc data --wait=false').stdout).toBe('persistentvolumeclaim "data" deleted\n');
    expect(sim.now()).toBe(t0);
    put(sim, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'x.csi.example.com' } as KObject);
    expect(kubectl(sim, 'delete sc fast').stdout).toBe('storageclass.storage.k8s.io "fast" deleted\n');
  });

  it('the wait ends as soon as the last finalizer is removed', () => {
    const sim = bareSim();
    put(sim, held());
    // a stand-in for the pvc-protection controller: release the claim 3 s after the delete
    const unwatch = sim.store.watch((ev) => {
      if (ev.type === 'MODIFIED' && ev.obj.metadata.deletionTimestamp && ev.obj.metadata.finalizers?.length) {
        unwatch();
        const at = sim.now() + 3000;
        const tick = sim.observe((c) => {
          if (c.type === 'time' && c.now >= at) {
            tick();
            sim.store.patch('PersistentVolumeClaim', 'default', 'data', 'merge', { metadata: { finalizers: null } });
          }
        });
      }
    });
    const t0 = sim.now();
    const r = kubectl(sim, 'delete pvc data');
    expect(r).toEqual({ stdout: 'persistentvolumeclaim "data" deleted\n', stderr: '', code: 0 });
    expect(sim.now() - t0).toBe(3000);
  });

  it.each([
    ['not found', 'delete pvc nope', 'Error from server (NotFound): persistentvolumeclaims "nope" not found\n'],
    ['type without name', 'delete pvc', 'error: resource(s) were provided, but no name was specified\n'],
    ['name with --all', 'delete pvc x --all', 'error: name cannot be provided when a selector is specified\n'],
    [
      'nothing given',
      'delete',
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    ],
    [
      'bad grace period',
      'delete pvc x --grace-period=abc',
      `Error: invalid argument "abc" for "--grace-period" flag: strconv.ParseInt: parsing "abc": invalid syntax\nSee 'kubectl delete --help' for usage.\n`,
    ],
  ])('%s', (_n, line, stderr) => {
    const r = kubectl(bareSim(), line);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(1);
  });
});

describe('kubectl patch, label, annotate, cordon', () => {
  it('patch: strategic by default, merge and json types, (no change), and --type validation', () => {
    const sim = bareSim();
    kubectl(sim, 'apply -f pv.yaml', { files });
    expect(kubectl(sim, `patch pv task-pv-volume -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'`).stdout).toBe('persistentvolume/task-pv-volume patched\n');
    expect(kubectl(sim, `patch pv task-pv-volume -p '{"spec":{"persistentVolumeReclaimPolicy":"Delete"}}'`).stdout).toBe('persistentvolume/task-pv-volume patched (no change)\n');
    expect(kubectl(sim, `patch pv/task-pv-volume --type merge -p '{"metadata":{"labels":{"a":"b"}}}'`).stdout).toBe('persistentvolume/task-pv-volume patched\n');
    expect(kubectl(sim, `patch pv task-pv-volume --type json -p '[{"op":"remove","path":"/metadata/labels/a"}]'`).stdout).toBe('persistentvolume/task-pv-volume patched\n');
    expect(sim.store.get('PersistentVolume', undefined, 'task-pv-volume')!.metadata.labels).toEqual({ type: 'local' });
    expect(kubectl(sim, `patch pv task-pv-volume --type foo -p '{}'`).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(kubectl(sim, 'patch pv task-pv-volume').stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });

  it('label and annotate: set, overwrite rules, removal, not labeled', () => {
    const sim = bareSim();
    kubectl(sim, 'apply -f pv.yaml', { files });
    expect(kubectl(sim, 'label pv task-pv-volume tier=gold').stdout).toBe('persistentvolume/task-pv-volume labeled\n');
    expect(kubectl(sim, 'label pv task-pv-volume tier=silver').stderr).toBe("error: 'tier' already has a value (gold), and --overwrite is false\n");
    expect(kubectl(sim, 'label pv task-pv-volume tier=silver --overwrite').stdout).toBe('persistentvolume/task-pv-volume labeled\n');
    expect(kubectl(sim, 'label pv task-pv-volume tier=silver --overwrite').stdout).toBe('persistentvolume/task-pv-volume not labeled\n');
    expect(kubectl(sim, 'label pv task-pv-volume tier-').stdout).toBe('persistentvolume/task-pv-volume labeled\n');
    expect(kubectl(sim, 'annotate pv task-pv-volume note=hi').stdout).toBe('persistentvolume/task-pv-volume annotated\n');
    expect(kubectl(sim, 'label pv task-pv-volume').stderr).toBe('error: at least one label update is required\n');
  });

  it('cordon / uncordon print the node and whether it already was', () => {
    const sim = bareSim();
    expect(kubectl(sim, 'cordon node-1').stdout).toBe('node/node-1 cordoned\n');
    expect(kubectl(sim, 'cordon node-1').stdout).toBe('node/node-1 already cordoned\n');
    expect(kubectl(sim, 'uncordon node-1').stdout).toBe('node/node-1 uncordoned\n');
    expect(kubectl(sim, 'cordon').stderr).toBe("error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
  });

  it('drain refuses pods with emptyDir or without a controller, naming the flags that override', () => {
    const sim = bareSim();
    put(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'tmp', emptyDir: {} }] },
      status: { phase: 'Running' },
    } as KObject);
    const r = kubectl(sim, 'drain node-1');
    // as kubectl 1.32 printed it through the HTTP API: local storage is checked first, the last line is bare
    expect(r.stdout).toBe('node/node-1 cordoned\n');
    expect(r.stderr).toBe(
      'error: unable to drain node "node-1" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch, continuing command...\n' +
        'There are pending nodes to be drained:\n node-1\n' +
        'cannot delete Pods with local storage (use --delete-emptydir-data to override): default/scratch\n',
    );
    // no kubelet runs here, so only an immediate (grace 0) eviction removes the pod
    const forced = kubectl(sim, 'drain node-1 --force --delete-emptydir-data --grace-period=0');
    // only the last filter's warning is kept
    expect(forced.stderr).toBe('Warning: deleting Pods that declare no controller: default/scratch\n');
    expect(forced.stdout).toBe('node/node-1 already cordoned\nevicting pod default/scratch\npod/scratch evicted\nnode/node-1 drained\n');
  });
});

describe('kubectl wait', () => {
  it('jsonpath and condition waits advance virtual time until met or the timeout', () => {
    const sim = bareSim();
    put(sim, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Pending' },
    } as KObject);
    const t0 = sim.now();
    expect(kubectl(sim, "wait pvc/data --for=jsonpath='{.status.phase}'=Bound --timeout=5s")).toEqual({
      stdout: '',
      stderr: 'error: timed out waiting for the condition on persistentvolumeclaims/data\n',
      code: 1,
    });
    expect(sim.now() - t0).toBe(5000);
    const pvc = sim.store.get('PersistentVolumeClaim', 'default', 'data')!;
    sim.store.updateStatus({ ...structuredClone(pvc), status: { phase: 'Bound' } } as KObject);
    expect(kubectl(sim, "wait pvc/data --for=jsonpath='{.status.phase}'=Bound").stdout).toBe('persistentvolumeclaim/data condition met\n');
    expect(kubectl(sim, 'wait --for=condition=Ready node/node-1').stdout).toBe('node/node-1 condition met\n');
  });

  it.each([
    ['no condition', 'wait pvc/x', 'error: unrecognized condition: ""\n'],
    ['bad condition', 'wait pvc/x --for=foo', 'error: unrecognized condition: "foo"\n'],
    ['missing object', 'wait pvc/x --for=condition=Ready', 'Error from server (NotFound): persistentvolumeclaims "x" not found\n'],
  ])('%s', (_n, line, stderr) => {
    const r = kubectl(bareSim(), line);
    expect(r.stderr).toBe(stderr);
    expect(r.code).toBe(1);
  });
});

describe('kubectl exec, version, explain', () => {
  it('exec delegates to the kubelet shell and reports a non-zero exit like kubectl', () => {
    const sim = bareSim();
    put(sim, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { nodeName: 'node-1', containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Running' },
    } as KObject);
    const seen: string[][] = [];
    const exec = (req: { argv: readonly string[] }) => {
      seen.push([...req.argv]);
      return req.argv[0] === 'false' ? { stdout: '', stderr: '', code: 1 } : { stdout: 'x\n', stderr: '', code: 0 };
    };
    expect(kubectl(sim, 'exec p -- ls /data', { exec })).toEqual({ stdout: 'x\n', stderr: '', code: 0 });
    expect(kubectl(sim, 'exec p -- false', { exec })).toEqual({ stdout: '', stderr: 'command terminated with exit code 1\n', code: 1 });
    expect(seen).toEqual([['ls', '/data'], ['false']]);
    expect(kubectl(sim, 'exec p -- ls').stderr).toBe('error: the kubelet shell is not available in this environment, so exec cannot run commands\n');
    expect(kubectl(sim, 'exec p').stderr).toBe('error: you must specify at least one command for the container\n');
  });

  it('exec deploy/NAME runs in the most active pod of the deployment (assigned, running, ready first)', () => {
    const sim = bareSim();
    sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    const mk = (name: string, st: Record<string, unknown>, nodeName?: string) =>
      put(sim, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: 'default', labels: { app: 'web' } },
        spec: { ...(nodeName ? { nodeName } : {}), containers: [{ name: 'c', image: 'nginx' }] },
        status: st,
      } as KObject);
    mk('web-a', { phase: 'Pending' });
    mk('web-b', { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }, 'node-1');
    mk('web-c', { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }, 'node-2');
    const pods: string[] = [];
    const exec = (req: { pod: string }) => (pods.push(req.pod), { stdout: '', stderr: '', code: 0 });
    expect(kubectl(sim, 'exec deploy/web -- ls', { exec }).code).toBe(0);
    expect(pods).toEqual(['web-b']);
  });

  it('explain prints the OpenAPI description of a field', () => {
    const out = kubectl(bareSim(), 'explain pvc.spec.storageClassName').stdout;
    expect(out).toContain('FIELD: storageClassName <string>\n');
    expect(out).toContain('storageClassName is the name of the StorageClass required by the claim.');
  });
});
