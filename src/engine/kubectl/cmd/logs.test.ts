// kubectl logs: the argument and client-side texts were printed by kubectl 1.32 (against our HTTP API);
// the server-side ones are the apiserver's/kubelet's as containerLogs returns them.
import { describe, expect, it } from 'vitest';
import { kubectl, testSim } from '../testing';
import { containerLogs } from '../../controllers/kubelet/crash';
import type { Simulation } from '../../sim/simulation';
import type { KubectlContext } from '../types';
import { tailLines } from './logs';

const SEE = "See 'kubectl logs -h' for help and examples\n";
const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\n" + SEE;

function cluster(): { sim: Simulation; ctx: Partial<KubectlContext> } {
  const sim = testSim();
  const ctx: Partial<KubectlContext> = { logs: (r) => containerLogs(sim, r.namespace, r.pod, r.container, r.previous) };
  const pods = `
apiVersion: v1
kind: Pod
metadata: {name: crash}
spec:
  nodeName: node-1
  containers:
  - {name: c, image: busybox:1.36, command: [sh, -c, "echo one; echo two; echo three; exit 1"]}
---
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  nodeName: node-1
  containers:
  - {name: a, image: busybox:1.36, command: [sh, -c, "echo from-a; sleep 3600"]}
  - {name: b, image: busybox:1.36, command: [sh, -c, "echo from-b; sleep 3600"]}
`;
  expect(kubectl(sim, 'apply -f -', { stdin: pods }).code).toBe(0);
  return { sim, ctx };
}

describe('kubectl logs', () => {
  const cases: { name: string; line: string; out: string; err: string; code: number; early?: boolean }[] = [
    { name: 'a restarted container logs what its current instance printed', line: 'logs crash', out: 'one\ntwo\nthree\n', err: '', code: 0 },
    { name: '--previous reads the terminated instance', line: 'logs crash --previous', out: 'one\ntwo\nthree\n', err: '', code: 0 },
    { name: '--tail keeps the last lines', line: 'logs crash --tail 2', out: 'two\nthree\n', err: '', code: 0 },
    { name: '--tail=0 prints nothing', line: 'logs crash --tail=0', out: '', err: '', code: 0 },
    { name: 'several containers: the first, with the Defaulted container note', line: 'logs two', out: 'from-a\n', err: 'Defaulted container "a" out of: a, b\n', code: 0 },
    { name: '-c picks a container', line: 'logs two -c b', out: 'from-b\n', err: '', code: 0 },
    { name: 'the old positional container', line: 'logs two b', out: 'from-b\n', err: '', code: 0 },
    { name: 'pod/NAME', line: 'logs pod/two -c b', out: 'from-b\n', err: '', code: 0 },
    {
      name: 'no previous instance',
      line: 'logs two -c a -p', out: '', code: 1,
      err: 'Error from server (BadRequest): previous terminated container "a" in pod "two" not found\n',
    },
    {
      name: 'not started yet', early: true,
      line: 'logs crash', out: '', code: 1,
      err: 'Error from server (BadRequest): container "c" in pod "crash" is waiting to start: ContainerCreating\n',
    },
    { name: 'unknown container is refused by the client', line: 'logs two -c nope', out: '', err: 'error: container nope is not valid for pod two\n', code: 1 },
    { name: 'unknown pod', line: 'logs nope', out: '', err: 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', code: 1 },
    { name: 'unknown deployment', line: 'logs deploy/nope', out: '', err: 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n', code: 1 },
    { name: 'no pod', line: 'logs', out: '', err: USAGE, code: 1 },
    { name: 'three arguments', line: 'logs pod/two x y', out: '', err: USAGE, code: 1 },
    { name: 'selector and a name', line: 'logs -l a=b two', out: '', err: 'error: only a selector (-l) or a POD name is allowed\n' + SEE, code: 1 },
    { name: '--tail below -1', line: 'logs two --tail=-2', out: '', err: 'error: --tail must be greater than or equal to -1\n', code: 1 },
    {
      name: '--tail not a number', line: 'logs two --tail=x', out: '', code: 1,
      err: 'Error: invalid argument "x" for "--tail" flag: strconv.ParseInt: parsing "x": invalid syntax\nSee \'kubectl logs --help\' for usage.\n',
    },
  ];
  for (const c of cases)
    it(c.name, () => {
      const { sim, ctx } = cluster();
      if (!c.early) sim.advance(15_000);
      expect(kubectl(sim, c.line, ctx)).toEqual({ stdout: c.out, stderr: c.err, code: c.code });
    });

  it('tailLines counts lines, with or without a final line break', () => {
    expect(tailLines('a\nb\nc\n', 1)).toBe('c\n');
    expect(tailLines('a\nb\nc', 2)).toBe('b\nc');
    expect(tailLines('a\n', 5)).toBe('a\n');
    expect(tailLines('a\nb\n', -1)).toBe('a\nb\n');
  });
});
