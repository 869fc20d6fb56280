// OpenAPI v3 served to the real kubectl 1.32: `apply` without --validate=false (kubectl finds the
// fieldValidation parameter on each kind's PATCH operation, sends fieldValidation=Strict and leaves unknown
// fields to the server), and `explain` reading the served schemas prints what our kubectl prints.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulation } from '../../engine/sim/create';
import type { Simulation } from '../../engine/sim/simulation';
import { bareSim, kubectl } from '../../engine/kubectl/testing';
import { createApiServer, type ApiServer } from '../api';
import { loadCluster, REPO_ROOT } from '../engine-parts';
import { openApiV3 } from './openapi';

const KUBECTL = '/usr/bin/kubectl';
const HAVE_KUBECTL = existsSync(KUBECTL);
if (!HAVE_KUBECTL) console.warn(`\n*** SKIPPING the real-kubectl OpenAPI tests: ${KUBECTL} is missing (install kubectl 1.32 to run them) ***\n`);

describe('GET /openapi/v3', () => {
  it('indexes every group-version we serve, each URL carrying the document hash', () => {
    const index = openApiV3('/openapi/v3') as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths).sort()).toEqual(['api/v1', 'apis/apps/v1', 'apis/snapshot.storage.k8s.io/v1', 'apis/storage.k8s.io/v1']);
    for (const [k, v] of Object.entries(index.paths)) expect(v.serverRelativeURL).toMatch(new RegExp(`^/openapi/v3/${k}\\?hash=[0-9A-F]{128}$`));
  });

  it('a kind’s PATCH operation carries its GVK and the fieldValidation query parameter (what kubectl checks)', () => {
    const doc = openApiV3('/openapi/v3/apis/storage.k8s.io/v1') as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; 'x-kubernetes-group-version-kind': unknown }>> };
    const patch = doc.paths['/apis/storage.k8s.io/v1/storageclasses/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({ group: 'storage.k8s.io', kind: 'StorageClass', version: 'v1' });
    expect(patch.parameters).toContainEqual(expect.objectContaining({ name: 'fieldValidation', in: 'query' }));
    expect(Object.keys(doc.paths).some((p) => p.includes('persistentvolumes'))).toBe(false);
  });

  it('unknown group-versions and other paths are not answered (the server 404s them)', () => {
    expect(openApiV3('/openapi/v3/apis/batch/v1')).toBeUndefined();
    expect(openApiV3('/openapi/v2')).toBeUndefined();
  });
});

describe.skipIf(!HAVE_KUBECTL)('real kubectl against the served OpenAPI v3', () => {
  let sim: Simulation;
  let api: ApiServer;
  let cache = '';
  beforeAll(async () => {
    sim = createSimulation(await loadCluster('alicloud'), { seed: 1 });
    api = await createApiServer(sim, { port: 0 });
    cache = mkdtempSync(join(tmpdir(), 'openapi-'));
  }, 30_000);
  afterAll(async () => {
    await api?.close();
    if (cache) rmSync(cache, { recursive: true, force: true });
  }, 30_000);

  const real = (args: string[]) =>
    new Promise<{ stdout: string; stderr: string; code: number }>((done) =>
      execFile(KUBECTL, ['--server', api.url, '--cache-dir', join(cache, 'c'), ...args], { env: { PATH: process.env.PATH, HOME: cache, KUBECONFIG: join(cache, 'none') }, timeout: 30_000 }, (err, stdout, stderr) =>
        done({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
      ),
    );

  const applies: [file: string, out: string][] = [
    ['scenarios/static-nas/nas-pv.yaml', 'persistentvolume/nas-csi-pv created\n'],
    ['scenarios/static-nas/nas-pvc.yaml', 'persistentvolumeclaim/nas-pvc created\n'],
    ['scenarios/static-nas/nas-deployment.yaml', 'deployment.apps/nas-static created\n'],
    ['scenarios/dynamic-disk/disk-pvc.yaml', 'persistentvolumeclaim/disk-pvc created\n'],
  ];
  for (const [file, out] of applies)
    it(`apply -f ${file} validates (no --validate=false)`, async () => {
      expect(await real(['apply', '-f', join(REPO_ROOT, file)])).toEqual({ stdout: out, stderr: '', code: 0 });
    }, 40_000);

  it('applying again: unchanged, through the same validation', async () => {
    expect(await real(['apply', '-f', join(REPO_ROOT, 'scenarios/static-nas/nas-pv.yaml')])).toEqual({ stdout: 'persistentvolume/nas-csi-pv unchanged\n', stderr: '', code: 0 });
  }, 40_000);

  it('an unknown field: the apiserver’s strict decoding error (BadRequest), as kubectl prints it', async () => {
    const file = join(cache, 'bogus.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: bogus\nspec:\n  bogus: 1\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n');
    // apiserver create handler → transformDecodeError: "<Kind> in version "v1" cannot be handled as a <Kind>: <strict decoding error>"
    expect(await real(['apply', '-f', file])).toEqual({
      stdout: '',
      stderr: `Error from server (BadRequest): error when creating "${file}": PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: strict decoding error: unknown field "spec.bogus"\n`,
      code: 1,
    });
    expect(sim.store.get('PersistentVolumeClaim', 'default', 'bogus')).toBeUndefined();
  }, 40_000);

  for (const path of ['pv.spec', 'statefulset.spec.volumeClaimTemplates'])
    it(`kubectl explain ${path} prints what our kubectl prints`, async () => {
      const theirs = await real(['explain', path]);
      expect(theirs.code).toBe(0);
      expect(kubectl(bareSim(), `explain ${path}`)).toEqual(theirs);
    }, 40_000);
});
