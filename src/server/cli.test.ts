import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, parseCliArgs } from './cli';
import { REPO_ROOT } from './engine-parts';

const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'pv.yaml'),
  `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-a
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteMany]
  storageClassName: ""
  csi: {driver: nasplugin.csi.alibabacloud.com, volumeHandle: pv-a}
`,
);
writeFileSync(join(dir, 'ok.sim'), '# a PV\nkubectl apply -f pv.yaml\n\nkubectl get pv pv-a -o name\n');
writeFileSync(join(dir, 'fails.sim'), 'kubectl get pv nope\nsim advance 1s\n');

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('sim run', () => {
  it('prints a terminal-like transcript, with paths relative to the script', async () => {
    const r = await run('run', join(dir, 'ok.sim'));
    expect(r).toEqual({
      code: 0,
      out: '# a PV\n$ kubectl apply -f pv.yaml\npersistentvolume/pv-a created\n\n$ kubectl get pv pv-a -o name\npersistentvolume/pv-a\n',
      err: '',
    });
  });

  it('--jsonl prints one object per command', async () => {
    const r = await run('run', join(dir, 'ok.sim'), '--jsonl');
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { cmd: 'kubectl apply -f pv.yaml', stdout: 'persistentvolume/pv-a created\n', stderr: '', code: 0 },
      { cmd: 'kubectl get pv pv-a -o name', stdout: 'persistentvolume/pv-a\n', stderr: '', code: 0 },
    ]);
  });

  it('a failing kubectl command is part of the transcript (exit 0), unless --strict', async () => {
    const lax = await run('run', join(dir, 'fails.sim'));
    expect(lax.code).toBe(0);
    expect(lax.out).toBe('$ kubectl get pv nope\nError from server (NotFound): persistentvolumes "nope" not found\n$ sim advance 1s\n');
    expect((await run('run', join(dir, 'fails.sim'), '--strict')).code).toBe(1);
  });

  it.each([
    ['a missing script', ['run', join(dir, 'nope.sim')], 1, 'error: cannot read script'],
    ['a missing profile', ['run', join(dir, 'ok.sim'), '--cluster', 'atlantis'], 1, 'error: cluster profile "atlantis" not found'],
    ['an unknown flag', ['run', join(dir, 'ok.sim'), '--fast'], 2, 'error: unknown flag "--fast"'],
    ['a bad seed', ['run', join(dir, 'ok.sim'), '--seed', 'x'], 2, 'error: invalid --seed "x"'],
    ['no command', ['frobnicate'], 2, 'error: unknown command "frobnicate"'],
  ])('exits non-zero for %s', async (_name, argv, code, text) => {
    const r = await run(...argv);
    expect(r.code).toBe(code);
    expect(r.err).toContain(text);
  });

  it('runs a scenario.yaml: the golden transcript, then the checks', async () => {
    const dir = join(REPO_ROOT, 'scenarios/smallest-fit');
    const r = await run('run', join(dir, 'scenario.yaml'));
    expect(r.code).toBe(0);
    expect(r.out.startsWith(readFileSync(join(dir, 'expected.txt'), 'utf8'))).toBe(true);
    expect(r.out).toContain('# checks: 7/7 passed\n');
  });

  it('parses flags in both spellings', () => {
    expect(parseCliArgs(['run', 'x.sim', '--cluster=minikube', '--seed', '7', '--jsonl'])).toEqual({
      file: 'x.sim',
      cluster: 'minikube',
      seed: 7,
      seedGiven: true,
      jsonl: true,
      strict: false,
    });
  });
});
