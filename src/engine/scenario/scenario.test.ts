import { describe, expect, it } from 'vitest';
import { createSimulation } from '../sim/create';
import type { ClusterConfig } from '../storage/cluster-config';
import type { KubectlRunner, ScriptEnv } from './commands';
import { parsePath, readPath } from './checks';
import { executeLine, formatJsonl, formatTranscript } from './run';
import { runScenario } from './run-scenario';
import { parseScenario } from './scenario';
import { parseScript, parseScriptLine } from './script';

const CLUSTER: ClusterConfig = {
  name: 'test',
  nodes: [{ name: 'node-1', labels: {} }],
  drivers: [],
  objects: [],
};

/** A stand-in kubectl: `create-pv NAME` creates a PV through the store, `fail` fails, anything else echoes. */
const fakeKubectl: KubectlRunner = (argv, ctx) => {
  if (argv[0] === 'create-pv') {
    ctx.sim.store.create({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: argv[1], labels: { tier: 'gold' } },
      spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], csi: { driver: 'nasplugin.csi.alibabacloud.com', volumeHandle: argv[1] } },
    });
    return { stdout: `persistentvolume/${argv[1]} created\n`, stderr: '', code: 0 };
  }
  if (argv[0] === 'fail') return { stdout: '', stderr: 'error: boom\n', code: 1 };
  if (argv[0] === 'throw') throw new Error('kaboom');
  return { stdout: `${argv.join(' ')}\n`, stderr: '', code: 0 };
};

function env(): ScriptEnv {
  return { sim: createSimulation(CLUSTER, { seed: 1 }), kubectl: fakeKubectl };
}

describe('script lines', () => {
  it.each([
    ['blank', '   ', { type: 'blank' }],
    ['comment', '# hello', { type: 'comment', text: '# hello' }],
    ['kubectl with quotes', `kubectl patch pv a -p '{"spec":{"claimRef":null}}'`, { type: 'kubectl', argv: ['patch', 'pv', 'a', '-p', '{"spec":{"claimRef":null}}'] }],
    ['sim', 'sim advance 30s', { type: 'sim', argv: ['advance', '30s'] }],
    ['unknown program', 'ls -l', { type: 'invalid', error: 'ls: command not found (a script runs kubectl … and sim … lines)' }],
    ['unbalanced quote', "kubectl get 'pv", { type: 'invalid' }],
  ])('%s', (_name, text, want) => {
    expect(parseScriptLine(text, 3)).toMatchObject({ ...want, line: 3 });
  });

  it('joins backslash continuations and drops the trailing newline', () => {
    const lines = parseScript('kubectl get \\\n  pv\n\n# x\n');
    expect(lines.map((l) => l.type)).toEqual(['kubectl', 'blank', 'comment']);
    expect(lines[0]).toMatchObject({ argv: ['get', 'pv'], line: 1 });
    expect(lines[2]).toMatchObject({ line: 4 });
  });
});

describe('executing lines', () => {
  it('echoes commands like a terminal, with stdout then stderr, and keeps comments', () => {
    const e = env();
    const entries = parseScript('# make one\nkubectl create-pv a\n\nkubectl fail\nsim nope').map((l) => executeLine(l, e));
    expect(formatTranscript(entries)).toBe(
      '# make one\n$ kubectl create-pv a\npersistentvolume/a created\n\n$ kubectl fail\nerror: boom\n$ sim nope\n' +
        'error: unknown command "nope" for "sim"\nsim commands:\n  sim settle [--timeout DURATION]\n  sim advance DURATION   (e.g. 30s, 1m30s, 500ms)\n' +
        '  sim node NODE -- COMMAND [ARGS…]\n  sim crash POD [-c CONTAINER] [-n NAMESPACE]\n  sim fail-node NODE\n  sim recover-node NODE\n',
    );
    expect(formatJsonl(entries).trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { cmd: 'kubectl create-pv a', stdout: 'persistentvolume/a created\n', stderr: '', code: 0 },
      { cmd: 'kubectl fail', stdout: '', stderr: 'error: boom\n', code: 1 },
      expect.objectContaining({ cmd: 'sim nope', code: 1 }),
    ]);
  });

  it('reports a throwing kubectl in the transcript instead of dying', () => {
    const r = executeLine(parseScriptLine('kubectl throw'), env());
    expect(r).toMatchObject({ type: 'command', code: 1, stderr: 'internal error: kaboom\n' });
  });

  it.each([
    ['advance moves virtual time by the duration', 'sim advance 1m30s', 90_000, 0, ''],
    ['advance rejects a bad duration', 'sim advance soon', 0, 1, 'error: invalid duration "soon"'],
    ['settle on an idle cluster takes no time', 'sim settle', 0, 0, 'settled after 0ms of virtual time'],
    ['node shell missing says who provides it', 'sim node node-1 -- ls /', 0, 1, 'the kubelet does not provide it yet'],
    ['node shell checks the node exists', 'sim node node-9 -- ls /', 0, 1, 'nodes "node-9" not found'],
    ['crash without the kubelet hook', 'sim crash web-0 -c app', 0, 1, 'sim crash is not available'],
    ['fail-node without its hook', 'sim fail-node node-1', 0, 1, 'sim fail-node is not available'],
  ])('%s', (_name, line, elapsed, code, text) => {
    const e = env();
    const t0 = e.sim.now();
    const r = executeLine(parseScriptLine(line), e);
    expect(r).toMatchObject({ type: 'command', code });
    if (r.type === 'command') expect(r.stdout + r.stderr).toContain(text);
    expect(e.sim.now() - t0).toBe(elapsed);
  });

  it('hands sim node to the node shell when one is installed', () => {
    const e: ScriptEnv = { ...env(), nodeShell: ({ node, argv }) => ({ stdout: `${node}: ${argv.join(' ')}\n`, stderr: '', code: 0 }) };
    expect(executeLine(parseScriptLine('sim node node-1 -- findmnt /data'), e)).toMatchObject({ stdout: 'node-1: findmnt /data\n' });
  });
});

describe('paths', () => {
  it.each([
    ['status.phase', ['status', 'phase']],
    ['spec.accessModes[0]', ['spec', 'accessModes', 0]],
    ['metadata.annotations["pv.kubernetes.io/bind-completed"]', ['metadata', 'annotations', 'pv.kubernetes.io/bind-completed']],
  ])('%s', (p, want) => expect(parsePath(p)).toEqual(want));

  it('reads absent paths as not found', () => {
    expect(readPath({ a: { b: [1] } }, 'a.b[0]')).toEqual({ found: true, value: 1 });
    expect(readPath({ a: {} }, 'a.b.c')).toEqual({ found: false });
  });
});

const SCENARIO = `
id: demo
title: {en: Demo, zh: 演示}
cluster: alicloud
seed: 7
steps:
  - narration: {en: "Create a PV", zh: "创建 PV"}
    run:
      - kubectl create-pv a
  - narration: {en: "Wait", zh: "等待"}
    run: [sim settle]
checks:
  - {get: pv/a, path: metadata.labels.tier, equals: gold}
  - {get: pv/a, path: spec.capacity.storage, matches: "^1Gi$"}
  - {get: pv/b, exists: false}
  - {count: pv, equals: 1}
  - {stdoutContains: "persistentvolume/a created", step: 1}
  - {stdoutContains: "persistentvolume/a created", step: 2, exists: false}
  - {eventReason: FailedBinding, on: pv/a, exists: false}
  - {get: pv/a, path: status.phase, equals: Bound, pending: "needs the PV controller"}
  - {get: pv/a, path: metadata.labels.tier, equals: silver, why: "a check that fails"}
`;

describe('scenarios', () => {
  it('parses, runs step by step and judges checks (pending ones skipped, failing ones reported)', () => {
    const p = parseScenario(SCENARIO);
    if (!p.ok) throw new Error(p.errors.join('\n'));
    expect(p.scenario).toMatchObject({ id: 'demo', seed: 7, cluster: 'alicloud', title: { zh: '演示' } });
    const run = runScenario(p.scenario, env());
    expect(run.checks.map((c) => [c.check.name, c.status])).toEqual([
      ['pv/a metadata.labels.tier = "gold"', 'passed'],
      ['pv/a spec.capacity.storage ~ /^1Gi$/', 'passed'],
      ['pv/b does not exist', 'passed'],
      ['1 × pv', 'passed'],
      ['stdout of step 1 contains “persistentvolume/a created”', 'passed'],
      ['stdout of step 2 lacks “persistentvolume/a created”', 'passed'],
      ['no event FailedBinding on pv/a', 'passed'],
      ['pv/a status.phase = "Bound"', 'skipped'],
      ['a check that fails', 'failed'],
    ]);
    expect(run.checks[8].detail).toBe('pv/a metadata.labels.tier is "gold", expected "silver"');
    expect(run.transcript).toBe(
      '# step 1: Create a PV\n$ kubectl create-pv a\npersistentvolume/a created\n\n# step 2: Wait\n$ sim settle\nsettled after 0ms of virtual time\n',
    );
  });

  it.each([
    ['missing languages', 'id: x\ntitle: {en: X}\nsteps: [{narration: {en: a, zh: b}, run: [sim settle]}]', 'title: expected {en: …, zh: …} with both languages'],
    ['no steps', 'id: x\ntitle: {en: X, zh: Y}\nsteps: []', 'steps: expected a non-empty list'],
    ['bad script line', 'id: x\ntitle: {en: X, zh: Y}\nsteps: [{narration: {en: a, zh: b}, run: [rm -rf /]}]', 'steps[0].run: rm -rf /: rm: command not found'],
    ['unknown check', 'id: x\ntitle: {en: X, zh: Y}\nsteps: [{narration: {en: a, zh: b}, run: []}]\nchecks: [{smell: pv/a}]', 'checks[0]: unknown check'],
    ['unknown field', 'id: x\ntitle: {en: X, zh: Y}\nstep: []\nsteps: [{narration: {en: a, zh: b}, run: []}]', 'unknown field "step"'],
    ['bad ref', 'id: x\ntitle: {en: X, zh: Y}\nsteps: [{narration: {en: a, zh: b}, run: []}]\nchecks: [{get: pvc, equals: 1}]', 'checks[0].get: expected RESOURCE/NAME'],
  ])('rejects %s', (_name, text, want) => {
    const p = parseScenario(text);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.errors.join('\n')).toContain(want);
  });
});

describe('command substitution in scripts', () => {
  it('runs the inner kubectl first and echoes the line as typed', () => {
    const e = env();
    executeLine(parseScriptLine('kubectl create-pv a'), e);
    const r = executeLine(parseScriptLine(`kubectl describe $(kubectl name-of 'pv/a')`), e);
    expect(r).toMatchObject({ type: 'command', cmd: `kubectl describe $(kubectl name-of 'pv/a')`, stdout: 'describe name-of pv/a\n', code: 0 });
  });

  it('refuses anything but kubectl inside $(…)', () => {
    const r = executeLine(parseScriptLine('kubectl get $(rm -rf /)'), env());
    expect(r).toMatchObject({ stderr: expect.stringContaining('error: only kubectl commands may be substituted: $(rm -rf /)') });
  });
});
