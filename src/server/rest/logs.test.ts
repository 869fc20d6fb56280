// pods/<name>/log: the real kubectl 1.32 `logs` against the HTTP API, compared byte for byte with our
// kubectl (reading the same kubelet through its logs handler) on a twin simulation.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl } from '../../engine/kubectl';
import { containerLogs } from '../../engine/controllers/kubelet/crash';
import { createSimulation } from '../../engine/sim/create';
import type { Simulation } from '../../engine/sim/simulation';
import { createApiServer, type ApiServer } from '../api';
import { loadCluster } from '../engine-parts';
import { nodeFiles } from '../node-files';

const KUBECTL = '/usr/bin/kubectl';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  containers:
  - {name: c, image: busybox:1.36, command: [sh, -c, "echo one; echo two; echo three; exit 1"]}
---
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - {name: a, image: busybox:1.36, command: [sh, -c, "echo from-a; sleep 3600"]}
  - {name: b, image: busybox:1.36, command: [sh, -c, "echo from-b; sleep 3600"]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: c, image: busybox:1.36, command: [sh, -c, "echo web $(hostname); sleep 3600"]}
`;

describe.skipIf(!existsSync(KUBECTL))('real kubectl logs = our kubectl logs', () => {
  let served: Simulation;
  let twin: Simulation;
  let api: ApiServer;
  let dir = '';
  beforeAll(async () => {
    const cluster = await loadCluster('alicloud');
    served = createSimulation(cluster, { seed: 9 });
    twin = createSimulation(cluster, { seed: 9 });
    api = await createApiServer(served, { port: 0 });
    dir = mkdtempSync(join(tmpdir(), 'logs-'));
    writeFileSync(join(dir, 'pods.yaml'), PODS);
  }, 30_000);
  afterAll(async () => {
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const steps: (string | number)[] = [
    'apply -f pods.yaml --validate=false',
    'logs two',
    'logs crash',
    30_000,
    'logs two',
    'logs two -c b',
    'logs two b',
    'logs pod/two -c b',
    'logs two -c nope',
    'logs two -p',
    'logs crash',
    'logs crash -p',
    'logs crash --tail 2',
    'logs crash --tail=0',
    'logs nope',
    'logs deploy/web',
    'logs deployment/web --tail=1',
    'logs sts/nope',
  ];
  for (const [i, step] of steps.entries())
    it(`${i + 1}: ${typeof step === 'number' ? `advance ${step} ms` : `kubectl ${step}`}`, async () => {
      if (typeof step === 'number') {
        served.advance(step);
        twin.advance(step);
        return;
      }
      const args = step.split(' ');
      const theirs = await new Promise<{ stdout: string; stderr: string; code: number }>((done) =>
        execFile(KUBECTL, ['--server', api.url, '--cache-dir', join(dir, 'cache'), ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: join(dir, 'none') }, timeout: 30_000 }, (err, stdout, stderr) =>
          done({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
        ),
      );
      const mine = runKubectl({ sim: twin, files: nodeFiles, cwd: dir, namespace: 'default', logs: (r) => containerLogs(twin, r.namespace, r.pod, r.container, r.previous) }, args);
      twin.drain();
      expect(mine).toEqual(theirs);
      // the controller's pods are running by now: the comparison is about a real log, not an error
      if (step.startsWith('logs deploy/web')) expect(theirs).toMatchObject({ stderr: expect.stringMatching(/^Found 3 pods, using pod\/web-/), stdout: expect.stringMatching(/^web web-/), code: 0 });
    }, 40_000);
});
