// The HTTP API's REST behaviour, over real HTTP on 127.0.0.1: discovery, Status errors and codes,
// selectors, dryRun, patch types, Tables and watches.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../engine/sim/create';
import type { Simulation } from '../engine/sim/simulation';
import { createApiServer, type ApiServer } from './api';
import { loadCluster } from './engine-parts';
import { parseResourcePath } from './rest/route';

let sim: Simulation;
let api: ApiServer;

beforeAll(async () => {
  sim = createSimulation(await loadCluster('alicloud'), { seed: 1 });
  api = await createApiServer(sim, { port: 0 });
});
afterAll(() => api?.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(api.url + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const pv = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, labels },
  spec: {
    capacity: { storage: '5Gi' },
    accessModes: ['ReadWriteMany'],
    storageClassName: '',
    csi: { driver: 'nasplugin.csi.alibabacloud.com', volumeHandle: name },
  },
});

/** Reads a watch stream until `count` events arrived (or the timeout), then aborts it. */
function watch(path: string, count: number, accept = 'application/json'): Promise<{ type: string; object: any }[]> {
  return new Promise((resolve, reject) => {
    const events: { type: string; object: any }[] = [];
    let buf = '';
    const req = request(api.url + path, { headers: { Accept: accept } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buf.slice(0, i)));
          buf = buf.slice(i + 1);
          if (events.length >= count) {
            req.destroy();
            resolve(events);
          }
        }
      });
    });
    req.on('error', (e) => (events.length >= count ? undefined : reject(e)));
    setTimeout(() => {
      req.destroy();
      resolve(events);
    }, 3000);
    req.end();
  });
}

describe('discovery', () => {
  it.each([
    ['/version', { major: '1', minor: '32' }],
    ['/api', { kind: 'APIVersions', versions: ['v1'] }],
    ['/apis/storage.k8s.io', { kind: 'APIGroup', name: 'storage.k8s.io' }],
  ])('%s', async (path, want) => {
    const r = await call('GET', path);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject(want);
  });

  it('lists the groups kubectl needs', async () => {
    const names = (await call('GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(names).toEqual(expect.arrayContaining(['storage.k8s.io', 'apps', 'snapshot.storage.k8s.io']));
  });

  it('describes resources with verbs, short names, scope and kind', async () => {
    const core = (await call('GET', '/api/v1')).body;
    const pvRes = core.resources.find((r: { name: string }) => r.name === 'persistentvolumes');
    expect(pvRes).toEqual({
      name: 'persistentvolumes',
      singularName: 'persistentvolume',
      namespaced: false,
      kind: 'PersistentVolume',
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      shortNames: ['pv'],
    });
    expect(core.resources.map((r: { name: string }) => r.name)).toContain('persistentvolumeclaims/status');
    const sc = (await call('GET', '/apis/storage.k8s.io/v1')).body.resources.find((r: { name: string }) => r.name === 'storageclasses');
    expect(sc).toMatchObject({ kind: 'StorageClass', namespaced: false, shortNames: ['sc'] });
  });

  it('answers an unknown path with a 404 Status', async () => {
    const r = await call('GET', '/apis/example.com/v1');
    expect(r).toMatchObject({ status: 404, body: { kind: 'Status', reason: 'NotFound', code: 404 } });
  });
});

describe('REST verbs', () => {
  it('creates (201), refuses a duplicate (409 AlreadyExists) and a bad object (422 Invalid)', async () => {
    expect((await call('POST', '/api/v1/persistentvolumes', pv('rest-a', { tier: 'gold' }))).status).toBe(201);
    const dup = await call('POST', '/api/v1/persistentvolumes', pv('rest-a'));
    expect(dup).toMatchObject({ status: 409, body: { reason: 'AlreadyExists', message: 'persistentvolumes "rest-a" already exists' } });
    const bad = pv('rest-bad');
    (bad.spec as Record<string, unknown>).accessModes = [];
    expect(await call('POST', '/api/v1/persistentvolumes', bad)).toMatchObject({ status: 422, body: { reason: 'Invalid', code: 422 } });
  });

  it('dryRun=All validates without storing', async () => {
    expect((await call('POST', '/api/v1/persistentvolumes?dryRun=All', pv('rest-dry'))).status).toBe(201);
    expect((await call('GET', '/api/v1/persistentvolumes/rest-dry')).status).toBe(404);
  });

  it('filters lists by label and field selectors', async () => {
    await call('POST', '/api/v1/persistentvolumes', pv('rest-b', { tier: 'silver' }));
    const names = async (q: string) =>
      (await call('GET', `/api/v1/persistentvolumes?${q}`)).body.items.map((o: { metadata: { name: string } }) => o.metadata.name);
    expect(await names('labelSelector=tier%3Dgold')).toEqual(['rest-a']);
    expect(await names('labelSelector=tier%20in%20(gold,silver)')).toEqual(['rest-a', 'rest-b']);
    expect(await names('fieldSelector=metadata.name%3Drest-b')).toEqual(['rest-b']);
    const bad = await call('GET', '/api/v1/persistentvolumes?fieldSelector=spec.nope%3Dx');
    expect(bad).toMatchObject({ status: 400, body: { reason: 'BadRequest', message: 'field label not supported: spec.nope' } });
  });

  it.each([
    ['merge', 'application/merge-patch+json', { metadata: { labels: { tier: 'bronze' } } }],
    ['strategic', 'application/strategic-merge-patch+json', { metadata: { labels: { tier: 'bronze' } } }],
    ['json', 'application/json-patch+json', [{ op: 'replace', path: '/metadata/labels/tier', value: 'bronze' }]],
  ])('patches with a %s patch', async (_n, type, patch) => {
    await call('PATCH', '/api/v1/persistentvolumes/rest-b', { metadata: { labels: { tier: 'silver' } } }, { 'Content-Type': 'application/merge-patch+json' });
    const r = await call('PATCH', '/api/v1/persistentvolumes/rest-b', patch, { 'Content-Type': type });
    expect(r.status).toBe(200);
    expect(r.body.metadata.labels.tier).toBe('bronze');
  });

  it('rejects a namespace mismatch and a missing namespace', async () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c', namespace: 'other' }, spec: {} };
    expect(await call('POST', '/api/v1/namespaces/default/persistentvolumeclaims', pvc)).toMatchObject({
      status: 400,
      body: { message: 'the namespace of the provided object does not match the namespace sent on the request' },
    });
    expect(await call('POST', '/api/v1/namespaces/nowhere/persistentvolumeclaims', { ...pvc, metadata: { name: 'c' } })).toMatchObject({
      status: 404,
      body: { message: 'namespaces "nowhere" not found' },
    });
  });

  it('serves a meta.k8s.io/v1 Table with every column and PartialObjectMetadata rows', async () => {
    const r = await call('GET', '/api/v1/persistentvolumes?labelSelector=tier%3Dgold', undefined, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
    });
    expect(r.body.kind).toBe('Table');
    expect(r.body.apiVersion).toBe('meta.k8s.io/v1');
    const cols = r.body.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`);
    expect(cols).toContain('Name:0');
    expect(cols).toContain('VolumeMode:1');
    expect(r.body.rows).toHaveLength(1);
    expect(r.body.rows[0].cells[0]).toBe('rest-a');
    expect(r.body.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'rest-a' } });
  });

  it.each([
    ['Object', 'PersistentVolume'],
    ['Metadata', 'PartialObjectMetadata'],
  ])('includeObject=%s puts a %s in each row', async (include, kind) => {
    const r = await call('GET', `/api/v1/persistentvolumes?labelSelector=tier%3Dgold&includeObject=${include}`, undefined, {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io',
    });
    expect(r.body.rows[0].object.kind).toBe(kind);
  });

  it('deletes: Status Success when gone at once, 404 afterwards', async () => {
    const r = await call('DELETE', '/api/v1/persistentvolumes/rest-b', { propagationPolicy: 'Background' });
    // PVs carry the kubernetes.io/pv-protection finalizer, removed at once when unbound: the answer is the
    // object while it is held, and a second delete finds nothing.
    expect(r.status).toBe(200);
    sim.drain();
    expect((await call('GET', '/api/v1/persistentvolumes/rest-b')).status).toBe(404);
    expect(await call('DELETE', '/api/v1/persistentvolumes/rest-b')).toMatchObject({ status: 404, body: { reason: 'NotFound' } });
  });
});

describe('watch', () => {
  it('starts with ADDED for current objects, then streams changes', async () => {
    const events = watch('/api/v1/persistentvolumes?watch=true&labelSelector=tier%3Dgold', 2);
    await new Promise((r) => setTimeout(r, 200));
    await call('PATCH', '/api/v1/persistentvolumes/rest-a', { metadata: { annotations: { note: 'x' } } }, { 'Content-Type': 'application/merge-patch+json' });
    const got = await events;
    expect(got.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED rest-a', 'MODIFIED rest-a']);
  });

  it('replays what happened after a resourceVersion, and reports leaving a selection as DELETED', async () => {
    const rv = (await call('GET', '/api/v1/persistentvolumes')).body.metadata.resourceVersion;
    await call('PATCH', '/api/v1/persistentvolumes/rest-a', { metadata: { labels: { tier: 'lead' } } }, { 'Content-Type': 'application/merge-patch+json' });
    const got = await watch(`/api/v1/persistentvolumes?watch=true&resourceVersion=${rv}&labelSelector=tier%3Dgold`, 1);
    expect(got.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual(['DELETED rest-a']);
  });

  it('sends Table rows when the client asks for a Table', async () => {
    const got = await watch('/api/v1/persistentvolumes?watch=true&fieldSelector=metadata.name%3Drest-a', 1, 'application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(got[0].type).toBe('ADDED');
    expect(got[0].object.kind).toBe('Table');
    expect(got[0].object.rows[0].cells[0]).toBe('rest-a');
  });

  it('answers a too old resourceVersion with a 410 Expired error event', async () => {
    const got = await watch('/api/v1/persistentvolumes?watch=true&resourceVersion=1', 1);
    expect(got[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', reason: 'Expired', code: 410 } });
  });
});

describe('paths', () => {
  it.each([
    ['/api/v1/namespaces/default', 'Namespace', undefined, 'default', undefined],
    ['/api/v1/namespaces/default/status', 'Namespace', undefined, 'default', 'status'],
    ['/api/v1/namespaces/default/persistentvolumeclaims/c', 'PersistentVolumeClaim', 'default', 'c', undefined],
    ['/api/v1/namespaces/default/pods/p/binding', 'Pod', 'default', 'p', 'binding'],
    ['/apis/storage.k8s.io/v1/storageclasses', 'StorageClass', undefined, undefined, undefined],
  ])('%s', (path, kind, namespace, name, subresource) => {
    const r = parseResourcePath(path);
    expect(r.type).toBe('resource');
    if (r.type === 'resource') expect({ kind: r.route.kind.kind, namespace: r.route.namespace, name: r.route.name, subresource: r.route.subresource }).toEqual({ kind, namespace, name, subresource });
  });

  it.each(['/api/v1/namespaces/default/persistentvolumes', '/apis/apps/v1/persistentvolumes', '/api/v1/nothings', '/api/v1/pods/a/b/c'])(
    '%s is not a resource',
    (path) => expect(parseResourcePath(path).type).toBe('notFound'),
  );
});

describe('pods/exec over WebSocket (v5.channel.k8s.io)', () => {
  /** Opens the upgrade and collects the binary frames' (channel, text) pairs until the server closes. */
  function execWs(path: string): Promise<{ status: number; frames: [number, string][]; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(api.url + path, {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': 'v5.channel.k8s.io' },
      });
      req.on('upgrade', (res, socket, head: Buffer) => {
        expect(res.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
        // Bytes that arrived with the 101 response come as `head`.
        let buf = Buffer.from(head);
        socket.on('data', (d: Buffer) => (buf = Buffer.concat([buf, d])));
        socket.on('end', () => {
          const frames: [number, string][] = [];
          for (let i = 0; i < buf.length; ) {
            const op = buf[i] & 0x0f;
            let len = buf[i + 1] & 0x7f;
            let at = i + 2;
            if (len === 126) (len = buf.readUInt16BE(at)), (at += 2);
            const payload = buf.subarray(at, at + len);
            if (op === 0x2) frames.push([payload[0], payload.subarray(1).toString()]);
            i = at + len;
          }
          resolve({ status: 101, frames, body: '' });
        });
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, frames: [], body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers an unknown pod with a 404 Status instead of upgrading', async () => {
    const r = await execWs('/api/v1/namespaces/default/pods/nope/exec?command=ls&stdout=true');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'pods "nope" not found' });
  });

  it('streams stdout and stderr, then the exit status on channel 3', async () => {
    const created = await call('POST', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'sh' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.7.9' }] },
    });
    expect(created.status).toBe(201);
    sim.settle();
    const q = ['sh', '-c', 'echo out; ls /nope; exit 3'].map((c) => `command=${encodeURIComponent(c)}`).join('&');
    const r = await execWs(`/api/v1/namespaces/default/pods/sh/exec?${q}&container=c&stdout=true&stderr=true`);
    expect(r.status, r.body).toBe(101);
    expect(r.frames[0]).toEqual([1, 'out\n']);
    expect(r.frames[1][0]).toBe(2);
    expect(r.frames[1][1]).toContain('/nope');
    expect(r.frames[2][0]).toBe(3);
    expect(JSON.parse(r.frames[2][1])).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
  });
});
