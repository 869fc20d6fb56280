// kubectl explain: the layout is kubectl 1.32's explain v2 plaintext template. The literal expectations
// below were printed by the real kubectl 1.32 given an OpenAPI v3 document built from explain-data.ts; the
// comparison at the end does that live (when /usr/bin/kubectl exists) for every path the lessons use.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bareSim, kubectl } from '../testing';
import { EXPLAIN_TYPES } from './explain-data';
import { wordWrap } from './explain';

const PVC_SOURCE = `KIND:       Pod
VERSION:    v1

FIELD: persistentVolumeClaim <PersistentVolumeClaimVolumeSource>


DESCRIPTION:
    persistentVolumeClaimVolumeSource represents a reference to a
    PersistentVolumeClaim in the same namespace. More info:
    https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims
    PersistentVolumeClaimVolumeSource references the user's PVC in the same
    namespace. This volume finds the bound PV and mounts that volume for the
    pod. A PersistentVolumeClaimVolumeSource is, essentially, a wrapper around
    another type of volume that is owned by someone else (the system).
    
FIELDS:
  claimName\t<string> -required-
    claimName is the name of a PersistentVolumeClaim in the same namespace as
    the pod using this volume. More info:
    https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims

  readOnly\t<boolean>
    readOnly Will force the ReadOnly setting in VolumeMounts. Default false.


`;

describe('kubectl explain', () => {
  const cases: { name: string; line: string; out: string; err: string; code: number }[] = [
    { name: 'a pod volume source: field description, then its type’s, then the fields', line: 'explain pod.spec.volumes.persistentVolumeClaim', out: PVC_SOURCE, err: '', code: 0 },
    {
      name: 'a missing field: the header is printed, the error names the last path element',
      line: 'explain pods.nope.x', out: 'KIND:       Pod\nVERSION:    v1\n\n', err: 'error: field "x" does not exist\n', code: 1,
    },
    { name: 'unknown type (NoResourceMatchError, no prefix)', line: 'explain foo', out: '', err: 'the server doesn\'t have a resource type "foo"\n', code: 1 },
    {
      name: 'no type', line: 'explain', out: '', code: 1,
      err: 'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n',
    },
  ];
  for (const c of cases) it(c.name, () => expect(kubectl(bareSim(), c.line)).toEqual({ stdout: c.out, stderr: c.err, code: c.code }));

  it('a non-core group gets a GROUP line', () => {
    expect(kubectl(bareSim(), 'explain csidriver.spec.attachRequired').stdout).toMatch(/^GROUP: {6}storage\.k8s\.io\nKIND: {7}CSIDriver\nVERSION: {4}v1\n\nFIELD: attachRequired <boolean>\n\n\nDESCRIPTION:\n/);
  });

  it('wraps like go-wordwrap: before the word that would pass the limit; a long word gets its own line', () => {
    expect(wordWrap('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(wordWrap('aa https://example.com/long', 10)).toBe('aa\nhttps://example.com/long');
    expect(wordWrap('one\n\ntwo', 76)).toBe('one\n\ntwo');
  });
});

// ---- live comparison with the real kubectl, through an OpenAPI v3 document made from explain-data ----

const KUBECTL = '/usr/bin/kubectl';
const KINDS: Record<string, [group: string, plural: string, namespaced: boolean]> = {
  Pod: ['', 'pods', true],
  PersistentVolume: ['', 'persistentvolumes', false],
  PersistentVolumeClaim: ['', 'persistentvolumeclaims', true],
  StatefulSet: ['apps', 'statefulsets', true],
  StorageClass: ['storage.k8s.io', 'storageclasses', false],
  CSIDriver: ['storage.k8s.io', 'csidrivers', false],
  VolumeAttachment: ['storage.k8s.io', 'volumeattachments', false],
};

const SHORT: Record<string, string> = { PersistentVolume: 'pv', PersistentVolumeClaim: 'pvc', StatefulSet: 'sts', StorageClass: 'sc', Pod: 'po' };

/** How the apiserver's OpenAPI v3 writes a field type: refs in allOf, arrays with items, maps with additionalProperties. */
function schemaOf(type: string): Record<string, unknown> {
  if (type.startsWith('[]')) return { type: 'array', items: schemaOf(type.slice(2)) };
  if (type.startsWith('map[string]')) return { type: 'object', additionalProperties: schemaOf(type.slice(11)) };
  if (type === 'integer') return { type: 'integer', format: 'int32' };
  if (type === 'string' || type === 'boolean') return { type };
  return { allOf: [{ $ref: `#/components/schemas/x.${type}` }], default: {} };
}

function openApi(group: string): unknown {
  const schemas: Record<string, unknown> = { 'x.Quantity': { description: 'Quantity' }, 'x.IntOrString': { description: 'IntOrString' } };
  for (const [name, t] of Object.entries(EXPLAIN_TYPES)) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [f, [type, d, r]] of Object.entries(t.f)) {
      properties[f] = { ...schemaOf(type), description: d };
      if (r) required.push(f);
    }
    schemas[`x.${name}`] = {
      description: t.d, type: 'object', properties, ...(required.length ? { required } : {}),
      ...(KINDS[name] ? { 'x-kubernetes-group-version-kind': [{ group: KINDS[name][0], kind: name, version: 'v1' }] } : {}),
    };
  }
  const paths: Record<string, unknown> = {};
  for (const [kind, [g, plural, ns]] of Object.entries(KINDS)) {
    if (g !== group) continue;
    const prefix = g ? `/apis/${g}/v1` : '/api/v1';
    paths[ns ? `${prefix}/namespaces/{namespace}/${plural}` : `${prefix}/${plural}`] = { get: { 'x-kubernetes-group-version-kind': { group: g, kind, version: 'v1' } } };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas } };
}

function resourceList(group: string): unknown {
  const resources = Object.entries(KINDS)
    .filter(([, [g]]) => g === group)
    .map(([kind, [, plural, namespaced]]) => ({ name: plural, singularName: kind.toLowerCase(), namespaced, kind, verbs: ['get', 'list'], ...(SHORT[kind] ? { shortNames: [SHORT[kind]] } : {}) }));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/v1` : 'v1', resources };
}

function route(path: string): unknown {
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis')
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: ['apps', 'storage.k8s.io'].map((name) => ({ name, versions: [{ groupVersion: `${name}/v1`, version: 'v1' }], preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' } })) };
  if (path === '/api/v1') return resourceList('');
  if (path === '/apis/apps/v1') return resourceList('apps');
  if (path === '/apis/storage.k8s.io/v1') return resourceList('storage.k8s.io');
  if (path === '/openapi/v3')
    return { paths: { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1?hash=1' }, 'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=2' }, 'apis/storage.k8s.io/v1': { serverRelativeURL: '/openapi/v3/apis/storage.k8s.io/v1?hash=3' } } };
  if (path === '/openapi/v3/api/v1') return openApi('');
  if (path === '/openapi/v3/apis/apps/v1') return openApi('apps');
  if (path === '/openapi/v3/apis/storage.k8s.io/v1') return openApi('storage.k8s.io');
  return undefined;
}

describe.skipIf(!existsSync(KUBECTL))('real kubectl explain = our kubectl explain (same OpenAPI descriptions)', () => {
  let server: Server;
  let url = '';
  let home = '';
  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'explain-'));
    server = createServer((req, res) => {
      const body = route(new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });
  const paths = [
    'pvc', 'pvc.spec', 'pvc.spec.resources', 'pv', 'pv.spec.persistentVolumeReclaimPolicy', 'pv.spec.nodeAffinity.required', 'storageclass',
    'pod.spec.volumes', 'pod.spec.containers.volumeMounts', 'pod.spec.volumes.persistentVolumeClaim', 'pod.spec.volumes.emptyDir',
    'pod.spec.volumes.hostPath', 'pod.spec.volumes.projected', 'pod.spec.volumes.projected.sources',
    'statefulset.spec.volumeClaimTemplates', 'statefulset.spec.persistentVolumeClaimRetentionPolicy',
    'volumeattachment', 'volumeattachment.spec', 'csidriver', 'csidriver.spec', 'pod.spec.nope', 'pvc --recursive', 'pod.spec.volumes --recursive',
  ];
  for (const p of paths)
    it(`kubectl explain ${p}`, async () => {
      const args = ['explain', ...p.split(' ')];
      const real = await new Promise<{ stdout: string; stderr: string; code: number }>((done) =>
        execFile(KUBECTL, ['--server', url, '--cache-dir', join(home, 'cache'), ...args], { env: { PATH: process.env.PATH, HOME: home, KUBECONFIG: join(home, 'none') }, timeout: 30_000 }, (err, stdout, stderr) =>
          done({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
        ),
      );
      expect(kubectl(bareSim(), args.join(' '))).toEqual(real);
    }, 40_000);
});
