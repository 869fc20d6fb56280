// kubectl taint: every expected text below was printed by kubectl 1.32 against our HTTP API (node names
// changed to the test cluster's).
import { describe, expect, it } from 'vitest';
import { bareSim, kubectl } from '../testing';

const SEE = "See 'kubectl taint -h' for help and examples\n";
const taintsOf = (sim: ReturnType<typeof bareSim>, n: string) => (sim.store.get('Node', undefined, n)?.spec as { taints?: unknown[] }).taints;

describe('kubectl taint', () => {
  const cases: { name: string; steps: string[]; out: string; err: string; code: number; taints?: unknown }[] = [
    {
      name: 'adding the out-of-service taint as the docs write it',
      steps: ['taint nodes node-1 node.kubernetes.io/out-of-service=nodeshutdown:NoExecute'],
      out: 'node/node-1 tainted\n', err: '', code: 0,
      taints: [{ key: 'node.kubernetes.io/out-of-service', value: 'nodeshutdown', effect: 'NoExecute' }],
    },
    {
      name: 'same key and effect again without --overwrite',
      steps: ['taint nodes node-1 k=v:NoExecute', 'taint nodes node-1 k=other:NoExecute'],
      out: '', err: 'error: node node-1 already has k taint(s) with same effect(s) and --overwrite is false\n', code: 1,
      taints: [{ key: 'k', value: 'v', effect: 'NoExecute' }],
    },
    {
      name: '--overwrite replaces the value and says modified',
      steps: ['taint nodes node-1 k=v:NoExecute', 'taint nodes node-1 k=other:NoExecute --overwrite'],
      out: 'node/node-1 modified\n', err: '', code: 0,
      taints: [{ key: 'k', value: 'other', effect: 'NoExecute' }],
    },
    {
      name: 'removal by key drops every effect of it and says untainted',
      steps: ['taint nodes node-1 d:NoSchedule d=x:NoExecute', 'taint nodes node-1 d-'],
      out: 'node/node-1 untainted\n', err: '', code: 0, taints: undefined,
    },
    {
      name: 'removal by key and effect keeps the other effect',
      steps: ['taint nodes node-1 d:NoSchedule d=x:NoExecute', 'taint nodes node-1 d:NoSchedule-'],
      out: 'node/node-1 untainted\n', err: '', code: 0, taints: [{ key: 'd', value: 'x', effect: 'NoExecute' }],
    },
    {
      name: 'adding one and removing another says modified',
      steps: ['taint nodes node-1 d:NoSchedule', 'taint nodes node-1 a=b:NoSchedule d:NoSchedule-'],
      out: 'node/node-1 modified\n', err: '', code: 0, taints: [{ key: 'a', value: 'b', effect: 'NoSchedule' }],
    },
    { name: 'removing a missing taint', steps: ['taint nodes node-1 dedicated-'], out: '', err: 'error: taint "dedicated" not found\n', code: 1 },
    {
      name: 'two missing removals print one line each without error:',
      steps: ['taint nodes node-1 foo- bar:NoSchedule-'],
      out: '', err: 'taint "foo" not found\ntaint "bar:NoSchedule" not found\n', code: 1,
    },
    { name: 'unknown node', steps: ['taint nodes nope a=b:NoSchedule'], out: '', err: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 },
    {
      name: 'errors in argument order: a missing node, then a refused one',
      steps: ['taint nodes node-1 a=b:NoSchedule', 'taint nodes nope node-1 a=b:NoSchedule'],
      out: '', err: 'Error from server (NotFound): nodes "nope" not found\nnode node-1 already has a taint(s) with same effect(s) and --overwrite is false\n', code: 1,
    },
    { name: 'not a node type', steps: ['taint pods node-1 a=b:NoSchedule'], out: '', err: 'error: invalid resource type pods, only node types are supported\n', code: 1 },
    { name: 'unknown type (NoResourceMatchError, no prefix)', steps: ['taint foos node-1 a=b:NoSchedule'], out: '', err: 'the server doesn\'t have a resource type "foos"\n', code: 1 },
    { name: 'TYPE/NAME is not accepted: the type is cut at the first dot', steps: ['taint node/node-1.x q=1:NoSchedule'], out: '', err: 'the server doesn\'t have a resource type "node/node-1"\n', code: 1 },
    { name: 'no name and no --all', steps: ['taint nodes a=b:NoSchedule'], out: '', err: "error: at least one resource name must be specified since 'all' parameter is not set\n", code: 1 },
    { name: 'no taint', steps: ['taint nodes node-1'], out: '', err: 'error: at least one taint update is required\n', code: 1 },
    { name: 'resource after a taint', steps: ['taint nodes node-1 q=1:NoSchedule node-2'], out: '', err: 'error: all resources must be specified before taint changes: node-2\n', code: 1 },
    { name: '--all with -l', steps: ['taint nodes --all -l a=b y=1:PreferNoSchedule'], out: '', err: "error: setting 'all' parameter with a non empty selector is prohibited\n", code: 1 },
    {
      name: 'modify and remove the same taint',
      steps: ['taint nodes node-1 y=1:PreferNoSchedule y:PreferNoSchedule- a=c:NoSchedule a-'],
      out: '', err: 'error: can not both modify and remove the following taint(s) in the same command: y=PreferNoSchedule, a=\n', code: 1,
    },
    { name: 'invalid effect', steps: ['taint nodes node-1 foo=bar:Bad'], out: '', err: 'error: invalid taint effect: Bad, unsupported taint effect\n' + SEE, code: 1 },
    {
      name: 'no effect: the whole argument is validated as the key',
      steps: ['taint nodes node-1 foo=bar'], out: '', code: 1,
      err: "error: invalid taint spec: foo=bar, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n" + SEE,
    },
    {
      name: 'duplicated key and effect',
      steps: ['taint nodes node-1 foo=bar:NoSchedule foo=baz:NoSchedule'], out: '', code: 1,
      err: 'error: duplicated taints with the same key and effect: {foo baz NoSchedule <nil>}\n' + SEE,
    },
    { name: '--all taints every node', steps: ['taint nodes --all z=1:PreferNoSchedule'], out: 'node/node-1 tainted\nnode/node-2 tainted\n', err: '', code: 0 },
    { name: '-l selects nodes', steps: ['taint nodes -l topology.kubernetes.io/zone=zone-b z=1:PreferNoSchedule'], out: 'node/node-2 tainted\n', err: '', code: 0 },
    { name: '--dry-run=client prints without a dry-run suffix and writes nothing', steps: ['taint nodes node-1 q=1:NoSchedule --dry-run=client'], out: 'node/node-1 tainted\n', err: '', code: 0, taints: undefined },
    { name: '--dry-run=server writes nothing', steps: ['taint nodes node-1 q=1:NoSchedule --dry-run=server'], out: 'node/node-1 tainted\n', err: '', code: 0, taints: undefined },
  ];
  for (const c of cases)
    it(c.name, () => {
      const sim = bareSim();
      let r = kubectl(sim, c.steps[0]);
      for (const s of c.steps.slice(1)) r = kubectl(sim, s);
      expect(r).toEqual({ stdout: c.out, stderr: c.err, code: c.code });
      if ('taints' in c) expect(taintsOf(sim, 'node-1')).toEqual(c.taints);
    });
});
