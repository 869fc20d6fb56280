// serve-api end to end: the process prints its URL, its virtual clock follows the wall clock (here at
// 20× speed), so a claim of a dynamic class gets provisioned and bound without anyone calling settle;
// SIGTERM stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from './engine-parts';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

function start(): Promise<string> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/server/api-main.ts'), '--port', '0', '--speed', '20'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve-api exited (${code}): ${out}`)));
  });
}

it('serves on 127.0.0.1 and moves virtual time with the wall clock', async () => {
  const url = await start();
  const claim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'disk-pvc' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '30Gi' } }, storageClassName: 'csi-disk' },
  };
  const created = await fetch(`${url}/api/v1/namespaces/default/persistentvolumeclaims`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(claim),
  });
  expect(created.status).toBe(201);
  // The alicloud disk driver takes 2–5 s of virtual time to create a disk (2.4 s with seed 1): about
  // 0.12 s of wall time at 20×, more than the 2 s we wait at 1×.
  let phase = '';
  for (let i = 0; i < 20 && phase !== 'Bound'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const r = await fetch(`${url}/api/v1/namespaces/default/persistentvolumeclaims/disk-pvc`);
    phase = ((await r.json()) as { status?: { phase?: string } }).status?.phase ?? '';
  }
  expect(phase).toBe('Bound');
  const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
  child!.kill('SIGTERM');
  expect(await exited).toBe(0);
  child = undefined;
}, 30_000);
