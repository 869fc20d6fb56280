// The proof that our kubectl matches kubectl 1.32: the real /usr/bin/kubectl talks to the HTTP API in
// front of one simulation, our in-engine kubectl runs the same commands on a twin simulation (same
// profile, same seed), and every command must print the same bytes. The twins stay in step because both
// see the same writes in the same order at the same virtual instant. What this proves: the client-side
// half (tabwriter, headers, -o wide/-L/--show-labels, describe layouts and the requests describe makes,
// apply/patch/delete messages, error texts) and that the HTTP API serves what kubectl expects. What it
// does not prove: the server-side column values, which come from the same printers on both sides.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../engine/kubectl';
import { createSimulation } from '../engine/sim/create';
import { createExecHandler } from '../engine/shell/exec';
import type { Simulation } from '../engine/sim/simulation';
import { createApiServer, type ApiServer } from './api';
import { loadCluster, REPO_ROOT } from './engine-parts';
import { nodeFiles } from './node-files';

const KUBECTL = '/usr/bin/kubectl';
const HAVE_KUBECTL = existsSync(KUBECTL);
if (!HAVE_KUBECTL) console.warn(`\n*** SKIPPING the real-kubectl comparison: ${KUBECTL} is missing (install kubectl 1.32 to run it) ***\n`);

interface Out {
  stdout: string;
  stderr: string;
  code: number;
}

type Step = string[] | 'settle';

interface Twins {
  served: Simulation;
  twin: Simulation;
  api: ApiServer;
  cache: string;
  dir: string;
}

/** Starts the served simulation and its twin before the block's tests, stops them after. */
function twins(dir: string, seed: number): Twins {
  const t = { dir } as Twins;
  beforeAll(async () => {
    const cluster = await loadCluster('alicloud');
    t.served = createSimulation(cluster, { seed });
    t.twin = createSimulation(cluster, { seed });
    t.api = await createApiServer(t.served, { port: 0 });
    t.cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
  }, 30_000);
  afterAll(async () => {
    await t.api?.close();
    if (t.cache) rmSync(t.cache, { recursive: true, force: true });
  }, 30_000);
  return t;
}

function real(t: Twins, args: string[], timeout = 20_000): Promise<Out> {
  return new Promise((done) => {
    execFile(
      KUBECTL,
      ['--server', t.api.url, '--cache-dir', t.cache, ...args],
      { cwd: t.dir, env: { PATH: process.env.PATH, HOME: t.cache, KUBECONFIG: join(t.cache, 'no-kubeconfig') }, timeout },
      (err, stdout, stderr) => done({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
    );
  });
}

function ours(t: Twins, args: string[]): Out {
  const r = runKubectl({ sim: t.twin, files: nodeFiles, cwd: resolve(t.dir), namespace: 'default', exec: createExecHandler(t.twin) }, args);
  t.twin.drain();
  return { ...r };
}

/**
 * kubectl describe and `get events` compute some ages on the client, from its wall clock (describe's
 * event Age, a node's pod Age, LAST SEEN): against a virtual clock those read e.g. `697d`. For those
 * commands both outputs are compared with every age replaced by <age> and runs of spaces collapsed, so
 * the words, the order and the fields still have to match; the padding is checked by the other steps.
 */
export function withoutClientAges(s: string): string {
  return s
    .replace(/(^|\s)(<unknown>|\d+(ms|s|m|h|d|y)(\d+(s|m|h|d))?)( \(x\d+ over \d+(s|m|h|d|y)(\d+(s|m|h|d))?\))?(?=\s|$)/gm, '$1<age>')
    .replace(/ {2,}/g, ' ');
}

/**
 * One test per step, in order. `known` lists differences known and reported, as expected failures:
 * each turns into a failing test once fixed, so its entry is removed then (key: the command line).
 * `clientAges` lists the commands compared with withoutClientAges.
 */
function compareSteps(t: Twins, steps: readonly Step[], known: Record<string, string> = {}, clientAges: readonly string[] = []): void {
  steps.forEach((step, i) => {
    const line = step === 'settle' ? '(settle)' : step.join(' ');
    const name = `${i + 1}: ${step === 'settle' ? line : 'kubectl ' + line}`;
    const check = async () => {
      if (step === 'settle') {
        // Both clocks move by the same virtual time.
        expect(t.served.settle()).toBe(t.twin.settle());
        return;
      }
      // {pod}: the Deployment's pod, whose name both twins share.
      const pod = () => t.twin.store.list('Pod', 'default')[0]?.metadata.name ?? 'none';
      const args = step.map((a) => (a === '{pod}' ? pod() : a));
      const theirs = await real(t, args);
      const mine = ours(t, args);
      if (clientAges.includes(line)) {
        expect(withoutClientAges(mine.stdout)).toBe(withoutClientAges(theirs.stdout));
        expect(mine.stdout).not.toBe('');
      } else expect(mine.stdout).toBe(theirs.stdout);
      expect(mine.stderr).toBe(theirs.stderr);
      expect(mine.code).toBe(theirs.code);
    };
    if (known[line]) it.fails(`${name} [known difference: ${known[line]}]`, check);
    else it(name, check);
  });
}

describe.skipIf(!HAVE_KUBECTL)('real kubectl = our kubectl: static NAS volume and claim', () => {
  const t = twins(join(REPO_ROOT, 'scenarios/static-nas'), 3);
  compareSteps(t, [
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
  ]);

  it('kubectl get -w prints the list, then one row per change streamed through the Table watch', async () => {
    const watching = real(t, ['get', 'pvc', '-w', '--output-watch-events', '--request-timeout=0'], 4_000);
    await new Promise((r) => setTimeout(r, 1_500));
    // The claim goes Pending → Bound on the served simulation while kubectl watches.
    t.served.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'watched', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '30Gi' } }, storageClassName: 'csi-disk' },
    });
    t.served.settle();
    const out = (await watching).stdout.split('\n');
    expect(out[0]).toMatch(/^EVENT\s+NAME\s+STATUS\s+VOLUME\s+CAPACITY\s+ACCESS MODES\s+STORAGECLASS\s+VOLUMEATTRIBUTESCLASS\s+AGE$/);
    expect(out.some((l) => /^ADDED\s+watched\s+Pending\s/.test(l))).toBe(true);
    expect(out.some((l) => /^MODIFIED\s+watched\s+Bound\s+pvc-[0-9a-f-]{36}\s+30Gi\s+RWO\s+csi-disk\s/.test(l))).toBe(true);
  });
});

describe.skipIf(!HAVE_KUBECTL)('real kubectl = our kubectl: a provisioned disk used by a Deployment', () => {
  const t = twins(join(REPO_ROOT, 'scenarios/dynamic-disk'), 5);
  compareSteps(t, [
    ['apply', '-f', 'disk-pvc.yaml', '--validate=false'],
    'settle',
    ['apply', '-f', 'deployment.yaml', '--validate=false'],
    'settle',
    ['get', 'pods', '-o', 'wide'],
    ['get', 'deploy,rs,pods'],
    ['get', 'all'],
    ['get', 'volumeattachments'],
    ['get', 'csinodes'],
    ['get', 'csidrivers'],
    ['describe', 'pods', '-l', 'app=nginx'],
    ['describe', 'deployment', 'deployment-disk'],
    ['describe', 'pvc', 'disk-pvc'],
    ['describe', 'node', 'cn-hangzhou.192.168.1.10'],
    ['get', 'events', '--sort-by=.lastTimestamp'],
    ['exec', '{pod}', '--', 'sh', '-c', 'echo data > /data/f; ls /data; echo warn >&2'],
    ['exec', '{pod}', '-c', 'nginx', '--', 'cat', '/data/f'],
    ['exec', '{pod}', '--', 'sh', '-c', 'exit 3'],
    ['exec', '{pod}', '-c', 'nope', '--', 'ls'],
    ['exec', 'no-such-pod', '--', 'ls'],
    ['delete', 'deployment', 'deployment-disk'],
    'settle',
    ['get', 'pods'],
  ], {}, [
    'describe pods -l app=nginx',
    'describe deployment deployment-disk',
    'describe pvc disk-pvc',
    'describe node cn-hangzhou.192.168.1.10',
    'get events --sort-by=.lastTimestamp',
  ]);
});

describe('withoutClientAges', () => {
  it.each([
    ['  Normal  Pulled  697d  kubelet  Pulled', ' Normal Pulled <age> kubelet Pulled'],
    ['  Normal  X  17s (x2 over 17s)  pv-controller  msg 5Gi', ' Normal X <age> pv-controller msg 5Gi'],
    ['default  web-0  0 (0%)  5m30s', 'default web-0 0 (0%) <age>'],
    ['LAST SEEN   TYPE\n2m1s   Normal', 'LAST SEEN TYPE\n<age> Normal'],
  ])('%j', (input, want) => expect(withoutClientAges(input)).toBe(want));
});
