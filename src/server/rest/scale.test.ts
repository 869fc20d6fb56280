// The /scale subresource: the Scale documents the HTTP API serves and writes, and the real kubectl 1.32
// `scale` (which PATCHes …/scale, or GETs and PUTs it when given a precondition) against it, compared
// byte for byte with our kubectl on a twin simulation.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../../engine/kubectl';
import { createSimulation } from '../../engine/sim/create';
import type { Simulation } from '../../engine/sim/simulation';
import { createApiServer, type ApiServer } from '../api';
import { loadCluster } from '../engine-parts';
import { nodeFiles } from '../node-files';

const KUBECTL = '/usr/bin/kubectl';
const HAVE_KUBECTL = existsSync(KUBECTL);

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: c, image: nginx:1.27}
`;

// one served simulation for the direct requests, one served simulation and its twin for the comparison
let direct: Simulation;
let directApi: ApiServer;
let served: Simulation;
let twin: Simulation;
let api: ApiServer;
let dir: string;

beforeAll(async () => {
  const cluster = await loadCluster('alicloud');
  direct = createSimulation(cluster, { seed: 5 });
  directApi = await createApiServer(direct, { port: 0 });
  served = createSimulation(cluster, { seed: 5 });
  twin = createSimulation(cluster, { seed: 5 });
  api = await createApiServer(served, { port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'scale-'));
  writeFileSync(join(dir, 'web.yaml'), DEPLOYMENT);
}, 30_000);
afterAll(async () => {
  await directApi?.close();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(directApi.url + path, { method, headers: { 'Content-Type': type }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const SCALE = '/apis/apps/v1/namespaces/default/deployments/web/scale';

describe('HTTP API: /scale (autoscaling/v1 Scale)', () => {
  it('serves the Scale of a Deployment and writes replicas through PATCH and PUT', async () => {
    direct.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as never);
    direct.settle();
    const dep = direct.store.get('Deployment', 'default', 'web')!;
    const got = await call('GET', SCALE);
    expect(got).toEqual({
      status: 200,
      body: {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: 'web', namespace: 'default', uid: dep.metadata.uid, resourceVersion: dep.metadata.resourceVersion, creationTimestamp: dep.metadata.creationTimestamp },
        spec: { replicas: 1 },
        status: { replicas: 1, selector: 'app=web' },
      },
    });
    const patched = await call('PATCH', SCALE, { spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(patched.status).toBe(200);
    expect(patched.body.spec).toEqual({ replicas: 3 });
    expect((direct.store.get('Deployment', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(3);
    const scale = (await call('GET', SCALE)).body;
    const put = await call('PUT', SCALE, { ...scale, spec: { replicas: 2 } });
    expect(put.status).toBe(200);
    expect((direct.store.get('Deployment', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(2);
    direct.settle();
    direct.store.delete('Deployment', 'default', 'web');
    direct.settle();
  });

  it('a stale resourceVersion in the Scale is a Conflict on the Deployment', async () => {
    direct.store.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as never);
    const r = await call('PUT', SCALE, { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'web', namespace: 'default', resourceVersion: '1' }, spec: { replicas: 2 } });
    expect(r.status).toBe(409);
    expect(r.body.message).toBe('Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
    const neg = await call('PATCH', SCALE, { spec: { replicas: -1 } }, 'application/merge-patch+json');
    expect(neg.status).toBe(422);
    expect(neg.body.message).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const missing = await call('GET', '/apis/apps/v1/namespaces/default/deployments/nope/scale');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('deployments.apps "nope" not found');
    const pvcScale = await call('GET', '/api/v1/namespaces/default/persistentvolumeclaims/x/scale');
    expect(pvcScale.status).toBe(405);
    direct.store.delete('Deployment', 'default', 'web');
    direct.settle();
  });

  it('discovery lists deployments/scale with the Scale group and version', async () => {
    const r = await call('GET', '/apis/apps/v1');
    const res = (r.body.resources as { name: string }[]).find((x) => x.name === 'deployments/scale');
    expect(res).toEqual({ name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  });
});

function real(args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((done) => {
    execFile(
      KUBECTL,
      ['--server', api.url, '--cache-dir', join(dir, 'cache'), ...args],
      { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'no-kubeconfig') }, timeout: 30_000 },
      (err, stdout, stderr) => done({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

describe.skipIf(!HAVE_KUBECTL)('real kubectl scale = our kubectl scale', () => {
  const steps = [
    'apply -f web.yaml --validate=false',
    'scale deploy/web --replicas=3',
    'scale deployment web --replicas=2 --current-replicas=3',
    'scale deployment web --replicas=4 --current-replicas=3',
    'scale deploy/web --replicas=2 --resource-version=1',
    'scale deploy/web --replicas=-1',
    'scale deploy/web --replicas=2 --current-replicas=-2',
    'scale deploy/nope --replicas=1',
    'scale statefulset/nope deploy/nope2 --replicas=1',
    'scale deploy/web deploy/nope --replicas=1',
    'scale deploy --replicas=1',
    'scale deploy --all --replicas=1 -n kube-system',
    'scale deploy/web --replicas=5 --dry-run=server',
    'get deploy web -o jsonpath={.spec.replicas}',
  ];
  for (const [i, line] of steps.entries())
    it(`${i + 1}: kubectl ${line}`, async () => {
      const args = line.split(' ');
      const theirs = await real(args);
      const mine = runKubectl({ sim: twin, files: nodeFiles, cwd: dir, namespace: 'default' }, args);
      twin.drain();
      expect(mine).toEqual(theirs);
      expect(served.settle()).toBe(twin.settle());
    }, 40_000);
});
