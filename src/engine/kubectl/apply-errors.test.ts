// Bad manifests through `kubectl apply|create -f`: every stage prints what kubectl 1.32 prints.
// Client-side texts (parse, validation, decoding without a schema, mapping) and the aggregation of errors
// were compared with the real kubectl 1.32 (`--dry-run=client`, or against our HTTP API with
// --validate=false); server decoding texts are decodeObject's (k8s.io/apimachinery json decoding), wrapped
// as `Error from server (BadRequest): error when creating "<file>": …` like StandardErrorMessage does.
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { bareSim, kubectl, memFiles, put } from './testing';
import { runKubectl } from './index';

const HINT = 'if you choose to ignore these errors, turn validation off with --validate=false';
const QUANTITY = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const CM = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;
const PVC = (storage: string, modes = '[ReadWriteOnce]') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  storageClassName: csi-disk\n  accessModes: ${modes}\n  resources:\n    requests:\n      storage: ${storage}\n`;
const DEPLOY = (replicas: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n`;
const POD = (port: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - containerPort: ${port}\n`;
const PV = (extra: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv1\nspec:\n  capacity:\n    storage: 1Gi\n${extra}`;

const files = memFiles({
  'deploy.yaml': DEPLOY('"2"'),
  'pod.yaml': POD('"80"'),
  'pv-modes.yaml': PV('  accessModes: ReadWriteOnce\n  hostPath:\n    path: /data\n'),
  'pvc-list.yaml': PVC('20Gi').replace('  resources:\n    requests:\n      storage: 20Gi\n', '  resources:\n  - requests:\n      storage: 20Gi\n'),
  'qty.yaml': PVC('5 GB'),
  'unknown-field.yaml': PVC('1Gi').replace('storageClassName', 'storageclassName'),
  'unknown.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n',
  'nokind.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n',
  'noboth.yaml': 'metadata:\n  name: x\n',
  'list.yaml': '- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n',
  'scalar.yaml': 'hello\n',
  'nokind-first.yaml': `apiVersion: v1\nmetadata:\n  name: x\n---\n${CM('after-nokind')}`,
  'indent.yaml': `${CM('bad')} data: x\n`,
  'tab.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: bad\n',
  'tab-after-scalar.yaml': `${CM('x')}\tlabels: {}\n`,
  'colon.yaml': `${CM('x')}  namespace: x\n  labels: a: b\n`,
  'quote.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "abc\n',
  'flow.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n',
  'key.yaml': `${CM('x')}  lab\n`,
  'dup.yaml': `${CM('dup')}  name: dup2\n`,
  'invalid.yaml': PV(''),
  'mixed.yaml': `${CM('ok1')}---\n${DEPLOY('"2"')}---\n${CM('ok2')}`,
  'one.yaml': 'apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n',
  'two.yaml': 'apiVersion: v1\nkind: Bar\nmetadata:\n  name: yy\n',
  'agg.yaml': `apiVersion: v1\nkind: Foo\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Bar\nmetadata:\n  name: yy\n---\n${PV('')}---\n${CM('okcm')}`,
  'empty.yaml': '# nothing\n',
  'comma.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j",}}\n',
  'stream.json': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j1"}}\n{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j2"}\n',
});

const mapping = (name: string, kind: string, file: string) =>
  `resource mapping not found for name: "${name}" namespace: "" from "${file}": no matches for kind "${kind}" in version "v1"\nensure CRDs are installed first`;
const INVALID_PV = 'PersistentVolume "pv1" is invalid: [spec.accessModes: Required value, spec: Required value: must specify a volume type]';

describe('kubectl apply -f with bad manifests', () => {
  it.each([
    // Go type mismatches and quantities: the apiserver's 400 for the create
    ['replicas as a string (Deployment)', 'apply -f deploy.yaml', '',
      'Error from server (BadRequest): error when creating "deploy.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n'],
    ['containerPort as a string (Pod)', 'apply -f pod.yaml', '',
      'Error from server (BadRequest): error when creating "pod.yaml": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32\n'],
    ['accessModes as a string (PersistentVolume)', 'apply -f pv-modes.yaml', '',
      'Error from server (BadRequest): error when creating "pv-modes.yaml": PersistentVolume in version "v1" cannot be handled as a PersistentVolume: json: cannot unmarshal string into Go struct field PersistentVolumeSpec.spec.accessModes of type []v1.PersistentVolumeAccessMode\n'],
    ['resources as a list (PersistentVolumeClaim)', 'apply -f pvc-list.yaml', '',
      'Error from server (BadRequest): error when creating "pvc-list.yaml": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: json: cannot unmarshal array into Go struct field PersistentVolumeClaimSpec.spec.resources of type v1.VolumeResourceRequirements\n'],
    ['a storage request that is no quantity', 'apply -f qty.yaml', '',
      `Error from server (BadRequest): error when creating "qty.yaml": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: ${QUANTITY}\n`],
    ['a misspelled field with strict field validation', 'apply -f unknown-field.yaml', '',
      'Error from server (BadRequest): error when creating "unknown-field.yaml": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "spec.storageclassName"\n'],
    // the RESTMapper and kubectl's client-side validation (real kubectl 1.32 without a server)
    ['an unknown kind', 'apply -f unknown.yaml', '', `error: ${mapping('x', 'Foo', 'unknown.yaml')}\n`],
    ['kind missing', 'apply -f nokind.yaml', '', `error: error validating "nokind.yaml": error validating data: kind not set; ${HINT}\n`],
    ['apiVersion and kind missing', 'apply -f noboth.yaml', '', `error: error validating "noboth.yaml": error validating data: [apiVersion not set, kind not set]; ${HINT}\n`],
    ['a list where an object belongs', 'apply -f list.yaml', '', `error: error validating "list.yaml": error validating data: invalid object to validate; ${HINT}\n`],
    ['a scalar document', 'apply -f scalar.yaml', '', `error: error validating "scalar.yaml": error validating data: invalid object to validate; ${HINT}\n`],
    ['a validation error ends its file (StreamVisitor returns it)', 'apply -f nokind-first.yaml', '',
      `error: error validating "nokind-first.yaml": error validating data: kind not set; ${HINT}\n`],
    // without a schema the unstructured decoder reports, and the stream goes on (real kubectl 1.32)
    ['--validate=false: kind missing', 'apply -f nokind-first.yaml --validate=false', 'configmap/after-nokind created\n',
      `error: unable to decode "nokind-first.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`],
    ['--validate=false: a list', 'apply -f list.yaml --validate=false', '',
      'error: unable to decode "list.yaml": json: cannot unmarshal array into Go value of type unstructured.detector\n'],
    ['--validate=false: a scalar', 'apply -f scalar.yaml --validate=false', '',
      'error: unable to decode "scalar.yaml": json: cannot unmarshal string into Go value of type unstructured.detector\n'],
    ['an invalid --validate value', 'apply -f unknown.yaml --validate=bogus', '',
      'error: invalid - validate option "bogus"; must be one of: strict (or true), warn, ignore (or false)\n'],
    // YAML syntax: goyaml.v2's words and line (0-based for parser errors, 1-based for scanner errors)
    ['a key indented less than its siblings', 'apply -f indent.yaml', '',
      'error: error parsing indent.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n'],
    ['a tab as indentation', 'apply -f tab.yaml', '',
      'error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token\n'],
    ['a tab after a plain scalar', 'apply -f tab-after-scalar.yaml', '',
      'error: error parsing tab-after-scalar.yaml: error converting YAML to JSON: yaml: line 5: found a tab character that violates indentation\n'],
    ['a mapping inside a compact value', 'apply -f colon.yaml', '',
      'error: error parsing colon.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context\n'],
    ['an unterminated quote', 'apply -f quote.yaml', '',
      'error: error parsing quote.yaml: error converting YAML to JSON: yaml: line 5: found unexpected end of stream\n'],
    ['an unclosed flow sequence', 'apply -f flow.yaml', '',
      "error: error parsing flow.yaml: error converting YAML to JSON: yaml: line 3: did not find expected ',' or ']'\n"],
    ['a key without a colon (truncated file)', 'apply -f key.yaml', '',
      "error: error parsing key.yaml: error converting YAML to JSON: yaml: line 6: could not find expected ':'\n"],
    ['nothing to apply', 'apply -f empty.yaml', '', 'error: no objects passed to apply\n'],
    // a file that starts with `{` is a stream of JSON values (json.Decoder): offsets, not lines
    ['a trailing comma in JSON', 'apply -f comma.json', '',
      `error: error parsing comma.json: json: offset 68: invalid character '}' looking for beginning of object key string\n`],
    ['a JSON stream cut short: the values before it apply', 'apply -f stream.json', 'configmap/j1 created\n', 'error: error parsing stream.json: unexpected EOF\n'],
    // the reading errors are one aggregate, printed first; then the errors of applying
    ['several reading errors print one per line', 'apply -f one.yaml -f two.yaml', '',
      `${mapping('x', 'Foo', 'one.yaml')}\n${mapping('yy', 'Bar', 'two.yaml')}\n`],
    ['reading errors next to an apply error print as one bracketed line', 'apply -f agg.yaml', 'configmap/okcm created\n',
      `[${mapping('x', 'Foo', 'agg.yaml')}, ${mapping('yy', 'Bar', 'agg.yaml')}]\nError from server (Invalid): error when creating "agg.yaml": ${INVALID_PV}\n`],
    ['one bad document among good ones: the others apply', 'apply -f mixed.yaml', 'configmap/ok1 created\nconfigmap/ok2 created\n',
      'Error from server (BadRequest): error when creating "mixed.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n'],
    ['an invalid object (field errors)', 'apply -f invalid.yaml', '',
      'The PersistentVolume "pv1" is invalid: \n* spec.accessModes: Required value\n* spec: Required value: must specify a volume type\n'],
  ])('%s', (_n, line, stdout, stderr) => {
    const sim = bareSim();
    expect(kubectl(sim, line, { files })).toEqual({ stdout, stderr, code: 1 });
  });

  it('duplicate keys are no error: the last one wins (YAMLToJSON is not strict)', () => {
    expect(kubectl(bareSim(), 'apply -f dup.yaml', { files })).toEqual({ stdout: 'configmap/dup2 created\n', stderr: '', code: 0 });
  });

  it('a client dry run never sends the body, so a decoding error of the apiserver does not show', () => {
    expect(kubectl(bareSim(), 'apply -f deploy.yaml --dry-run=client', { files }).stdout).toBe('deployment.apps/web created (dry run)\n');
  });

  it('--validate=warn sends unknown fields as warnings instead of failing', () => {
    const r = kubectl(bareSim(), 'apply -f unknown-field.yaml --validate=warn', { files });
    expect(r).toEqual({ stdout: 'persistentvolumeclaim/data created\n', stderr: 'Warning: unknown field "spec.storageclassName"\n', code: 0 });
  });
});

describe('kubectl create -f with bad manifests', () => {
  it('the create errors come in order, the reading errors as one aggregate after them (real kubectl 1.32)', () => {
    const r = kubectl(bareSim(), 'create -f one.yaml -f agg.yaml', { files });
    expect(r.stdout).toBe('configmap/okcm created\n');
    expect(r.stderr).toBe(
      `Error from server (Invalid): error when creating "agg.yaml": ${INVALID_PV}\n` +
        `[${mapping('x', 'Foo', 'one.yaml')}, ${mapping('x', 'Foo', 'agg.yaml')}, ${mapping('yy', 'Bar', 'agg.yaml')}]\n`,
    );
  });

  it('nothing to create', () => {
    expect(kubectl(bareSim(), 'create -f empty.yaml', { files })).toEqual({ stdout: '', stderr: 'error: no objects passed to create\n', code: 1 });
  });
});

describe('kubectl get/describe/delete -f with bad manifests', () => {
  it('RunGet and RunDescribe nest the reading errors (delete does not); without the `error: ` prefix even for one (real kubectl 1.32)', () => {
    expect(kubectl(bareSim(), 'get -f nokind.yaml', { files }).stderr).toBe(
      `unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`,
    );
    expect(kubectl(bareSim(), 'describe -f nokind.yaml', { files }).stderr).toBe(
      `unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`,
    );
    expect(kubectl(bareSim(), 'delete -f nokind.yaml', { files }).stderr).toBe(
      `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'\n`,
    );
    expect(kubectl(bareSim(), 'get -f indent.yaml', { files }).stderr).toBe(
      'error parsing indent.yaml: error converting YAML to JSON: yaml: line 4: did not find expected key\n',
    );
  });
});

describe('kubectl apply -f on a live claim (real kubectl 1.32 through the HTTP API)', () => {
  function boundClaim() {
    const sim = bareSim();
    put(sim, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'csi-disk' }, provisioner: 'disk.csi.example.com', allowVolumeExpansion: false } as KObject);
    expect(kubectl(sim, 'apply -f pvc.yaml', { files: memFiles({ 'pvc.yaml': PVC('20Gi') }) }).code).toBe(0);
    const live = sim.store.get('PersistentVolumeClaim', 'default', 'data')!;
    sim.store.update({ ...live, spec: { ...(live.spec as object), volumeName: 'pv-data' } } as KObject);
    const cur = sim.store.get('PersistentVolumeClaim', 'default', 'data')!;
    sim.store.updateStatus({ ...cur, status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '20Gi' } } } as KObject);
    return sim;
  }
  const IMMUTABLE = 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

  it('changing accessModes is the immutable-spec Invalid with its diff', () => {
    const r = kubectl(boundClaim(), 'apply -f pvc.yaml', { files: memFiles({ 'pvc.yaml': PVC('20Gi', '[ReadWriteMany]') }) });
    expect(r.stderr).toBe(
      `The PersistentVolumeClaim "data" is invalid: ${IMMUTABLE}\n  core.PersistentVolumeClaimSpec{\n- \tAccessModes: {"ReadWriteOnce"},\n+ \tAccessModes: {"ReadWriteMany"},\n  \t... // 8 identical fields\n  }\n\n`,
    );
  });

  it('shrinking below status.capacity is Invalid', () => {
    const r = kubectl(boundClaim(), 'apply -f pvc.yaml', { files: memFiles({ 'pvc.yaml': PVC('10Gi') }) });
    expect(r.stderr).toBe('The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity\n');
  });

  it('growing a claim whose class does not allow expansion is Forbidden, printed with the patch', () => {
    const sim = boundClaim();
    const r = kubectl(sim, 'apply -f pvc-resize.yaml', { files: memFiles({ 'pvc-resize.yaml': PVC('40Gi') }) });
    const applied =
      '{\\"apiVersion\\":\\"v1\\",\\"kind\\":\\"PersistentVolumeClaim\\",\\"metadata\\":{\\"annotations\\":{},\\"name\\":\\"data\\",\\"namespace\\":\\"default\\"},\\"spec\\":{\\"accessModes\\":[\\"ReadWriteOnce\\"],\\"resources\\":{\\"requests\\":{\\"storage\\":\\"40Gi\\"}},\\"storageClassName\\":\\"csi-disk\\"}}\\n';
    expect(r.stderr).toBe(
      'Error from server (Forbidden): error when applying patch:\n' +
        `{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"${applied}"}},"spec":{"resources":{"requests":{"storage":"40Gi"}}}}\n` +
        'to:\nResource: "/v1, Resource=persistentvolumeclaims", GroupVersionKind: "/v1, Kind=PersistentVolumeClaim"\nName: "data", Namespace: "default"\n' +
        'for: "pvc-resize.yaml": error when patching "pvc-resize.yaml": persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize\n',
    );
    expect(r.code).toBe(1);
    expect((sim.store.get('PersistentVolumeClaim', 'default', 'data')!.spec as { resources: { requests: { storage: string } } }).resources.requests.storage).toBe('20Gi');
  });
});

describe('kubectl patch with a broken patch', () => {
  function withMap() {
    const sim = bareSim();
    put(sim, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'data', namespace: 'default' }, data: { a: 'b' } } as KObject);
    return sim;
  }
  it.each([
    // not starting with `{`: converted from YAML on the client (yaml.ToJSON) — real kubectl 1.32
    ['an open flow sequence', ['--type', 'strategic', '-p', 'a: ['], 'error: unable to parse "a: [": yaml: line 1: did not find expected node content\n'],
    ['a tab', ['-p', '\tx'], 'error: unable to parse "\\tx": yaml: found character that cannot start any token\n'],
    ['a truncated JSON patch list', ['--type', 'json', '-p', '[{"op":"add"'], 'error: unable to parse "[{\\"op\\":\\"add\\"": yaml: line 1: did not find expected \',\' or \'}\'\n'],
    // starting with `{`: sent as is; the apiserver's json.Unmarshal error (strategicPatchObject, DecodePatch)
    ['truncated JSON, strategic', ['-p', '{"data":'], 'Error from server (BadRequest): unexpected end of JSON input\n'],
    ['an unquoted key, json', ['--type', 'json', '-p', '{a: b}'], "Error from server (BadRequest): invalid character 'a' looking for beginning of object key string\n"],
    // jsonpatch.MergePatch answers every syntax error with ErrBadJSONPatch
    ['truncated JSON, merge', ['--type', 'merge', '-p', '{"data":'], 'Error from server (BadRequest): Invalid JSON Patch\n'],
  ])('%s', (_n, args, stderr) => {
    const sim = withMap();
    const before = JSON.stringify(sim.store.get('ConfigMap', 'default', 'data'));
    expect(runKubectl({ sim }, ['patch', 'cm', 'data', ...(args as string[])])).toEqual({ stdout: '', stderr, code: 1 });
    expect(JSON.stringify(sim.store.get('ConfigMap', 'default', 'data'))).toBe(before);
  });

  it('a missing object is NotFound before the body is read', () => {
    expect(runKubectl({ sim: withMap() }, ['patch', 'cm', 'nope', '-p', '{"data":']).stderr).toBe('Error from server (NotFound): configmaps "nope" not found\n');
  });
});
