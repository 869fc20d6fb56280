// The proof that our kubectl columns and texts match kubectl 1.32: the real /usr/bin/kubectl talks to the
// HTTP API in front of one simulation, our in-engine kubectl runs the same commands on a twin simulation
// (same profile, same seed), and every command must print the same bytes. The twins stay in step because
// both see the same writes in the same order at the same virtual instant.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../engine/kubectl';
import { createSimulation } from '../engine/sim/create';
import type { Simulation } from '../engine/sim/simulation';
import { createApiServer, type ApiServer } from './api';
import { loadCluster, REPO_ROOT } from './engine-parts';
import { nodeFiles } from './node-files';

const KUBECTL = '/usr/bin/kubectl';
const HAVE_KUBECTL = existsSync(KUBECTL);
if (!HAVE_KUBECTL) console.warn(`\n*** SKIPPING the real-kubectl comparison: ${KUBECTL} is missing (install kubectl 1.32 to run it) ***\n`);

const SCENARIO_DIR = join(REPO_ROOT, 'scenarios/static-nas');

interface Out {
  stdout: string;
  stderr: string;
  code: number;
}

describe.skipIf(!HAVE_KUBECTL)('the real kubectl against the HTTP API prints what our kubectl prints', () => {
  let served: Simulation;
  let twin: Simulation;
  let api: ApiServer;
  let cache: string;

  beforeAll(async () => {
    const cluster = await loadCluster('alicloud');
    served = createSimulation(cluster, { seed: 3 });
    twin = createSimulation(cluster, { seed: 3 });
    api = await createApiServer(served, { port: 0 });
    cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  });

  afterAll(async () => {
    await api?.close();
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  function real(args: string[]): Promise<Out> {
    return new Promise((done) => {
      execFile(
        KUBECTL,
        ['--server', api.url, '--cache-dir', cache, ...args],
        { cwd: SCENARIO_DIR, env: { PATH: process.env.PATH, HOME: cache, KUBECONFIG: join(cache, 'no-kubeconfig') }, timeout: 20_000 },
        (err, stdout, stderr) => done({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
      );
    });
  }

  function ours(args: string[]): Out {
    const r = runKubectl({ sim: twin, files: nodeFiles, cwd: resolve(SCENARIO_DIR), namespace: 'default' }, args);
    twin.drain();
    return { ...r };
  }

  // Each step runs on both sides; the settle steps move both clocks by the same virtual time.
  const steps: (string[] | 'settle')[] = [
    ['apply', '-f', 'nas-pv.yaml', '--validate=false'],
    ['get', 'pv'],
    ['get', 'pv', '-o', 'wide'],
    ['apply', '-f', 'nas-pvc.yaml', '--validate=false'],
    'settle',
    ['get', 'pv,pvc'],
    ['get', 'pvc', '-o', 'wide'],
    ['get', 'pv', '-o', 'wide'],
    ['get', 'pv', '--show-labels'],
    ['get', 'pvc', '-A'],
    ['get', 'storageclass'],
    ['get', 'nodes'],
    ['get', 'pv', 'nas-csi-pv', '-o', 'yaml'],
    ['get', 'pvc', 'nas-pvc', '-o', 'json'],
    ['describe', 'pvc', 'nas-pvc'],
    ['describe', 'pv', 'nas-csi-pv'],
    ['get', 'pvc', 'no-such-claim'],
    ['get', 'pv', '-l', 'alicloud-pvname=nas-csi-pv'],
    ['apply', '-f', 'nas-pv.yaml', '--validate=false'],
    ['patch', 'pv', 'nas-csi-pv', '-p', '{"metadata":{"labels":{"tier":"gold"}}}'],
    ['patch', 'pv', 'nas-csi-pv', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"silver"}}}'],
    ['patch', 'pv', 'nas-csi-pv', '--type=json', '-p', '[{"op":"remove","path":"/metadata/labels/tier"}]'],
    ['label', 'pvc', 'nas-pvc', 'team=storage'],
    ['annotate', 'pvc', 'nas-pvc', 'note=demo'],
    ['get', 'pvc', '-L', 'team'],
    ['get', 'events', '--field-selector', 'involvedObject.kind=PersistentVolumeClaim'],
    ['patch', 'pv', 'no-such-pv', '-p', '{}'],
    ['delete', 'pv', 'no-such-pv'],
    ['create', '-f', 'nas-pv.yaml', '--validate=false'],
    ['delete', 'pvc', 'nas-pvc'],
    'settle',
    ['get', 'pv'],
    ['get', 'pvc'],
  ];

  // Differences known and reported, as expected failures: each turns into a failing test once fixed,
  // so the entry is removed then. Key: the command line.
  const KNOWN: Record<string, string> = {};


  const cases = steps.map((s, i) => {
    const line = s === 'settle' ? '(settle)' : s.join(' ');
    return { name: `${i + 1}: ${s === 'settle' ? line : 'kubectl ' + line}`, step: s, known: KNOWN[line] };
  });

  const check = async (step: string[] | 'settle') => {
    if (step === 'settle') {
      const a = served.settle();
      const b = twin.settle();
      expect(a).toBe(b);
      return;
    }
    const theirs = await real([...step]);
    const mine = ours([...step]);
    expect(mine.stdout).toBe(theirs.stdout);
    expect(mine.stderr).toBe(theirs.stderr);
    expect(mine.code).toBe(theirs.code);
  };

  for (const c of cases) {
    if (c.known) it.fails(`${c.name} [known difference: ${c.known}]`, () => check(c.step));
    else it(c.name, () => check(c.step));
  }

  it('kubectl get -w prints the list, then one row per change streamed through the Table watch', async () => {
    const watching = new Promise<Out>((done) => {
      execFile(
        KUBECTL,
        ['--server', api.url, '--cache-dir', cache, 'get', 'pvc', '-w', '--output-watch-events', '--request-timeout=0'],
        { cwd: SCENARIO_DIR, env: { PATH: process.env.PATH, HOME: cache, KUBECONFIG: join(cache, 'no-kubeconfig') }, timeout: 4_000 },
        (err, stdout, stderr) => done({ stdout, stderr, code: err ? 1 : 0 }),
      );
    });
    await new Promise((r) => setTimeout(r, 1_500));
    // The claim goes Pending → Bound on the served simulation while kubectl watches.
    served.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'watched', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '30Gi' } }, storageClassName: 'csi-disk' },
    });
    served.settle();
    const out = (await watching).stdout.split('\n');
    expect(out[0]).toMatch(/^EVENT\s+NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/);
    expect(out.some((l) => /^ADDED\s+watched\s+Pending\s/.test(l))).toBe(true);
    expect(out.some((l) => /^MODIFIED\s+watched\s+Bound\s+pvc-[0-9a-f-]{36}\s+30Gi\s+RWO\s+csi-disk\s/.test(l))).toBe(true);
  });
});
