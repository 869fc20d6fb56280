// runKubectl never throws: any argv becomes stdout/stderr text and an exit code.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runKubectl } from './index';
import { bareSim, kubectl, memFiles } from './testing';

const WORDS = [
  'get', 'describe', 'apply', 'create', 'delete', 'patch', 'wait', 'label', 'annotate', 'cordon', 'uncordon', 'drain',
  'exec', 'scale', 'version', 'api-resources', 'explain', 'pv', 'pvc', 'pods', 'node-1', 'sc', 'all', 'pv,pvc', 'pv/x',
  '-f', 'pv.yaml', 'bad.yaml', '-', '-o', 'yaml', 'json', 'wide', 'name', 'jsonpath={.items[*]}', '-n', 'default', '-A',
  '-l', 'a=b', '--for=delete', '--for=condition=Ready', '--timeout=1s', '-p', '{"a":1}', '--type', 'json', '--', 'ls',
  'a=b', 'a-', '--all', '--force', 'taint', 'nodes', 'k=v:NoExecute', 'k:NoSchedule-', '--overwrite', 'logs', '-c', '--previous', '--tail=1',
  'explain', 'pod.spec.volumes', 'sts.spec.volumeClaimTemplates', 'csidriver.spec', '--grace-period=0', '--wait=false', '--replicas=2', '--bogus', '-x', 'configmap', 'x',
];

describe('runKubectl', () => {
  it('never throws, whatever the arguments', () => {
    const sim = bareSim();
    const files = memFiles({ 'pv.yaml': 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: x\n', 'bad.yaml': 'a: [\n' });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 7 }), (argv) => {
        const r = runKubectl({ sim, files, stdin: 'kind: X\n', logs: () => ({ log: 'a\nb\n' }) }, argv);
        expect(typeof r.stdout).toBe('string');
        expect(typeof r.stderr).toBe('string');
        expect(r.code === 0 || r.stderr.length > 0).toBe(true);
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('scale writes spec.replicas and names the group kind; without --replicas it is kubectl\'s required-flag error', () => {
    const sim = bareSim();
    sim.store.create({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        serviceName: 'web',
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      },
    });
    expect(kubectl(sim, 'scale sts web --replicas=3')).toEqual({ stdout: 'statefulset.apps/web scaled\n', stderr: '', code: 0 });
    expect((sim.store.get('StatefulSet', 'default', 'web')!.spec as { replicas: number }).replicas).toBe(3);
    expect(kubectl(sim, 'scale sts web').stderr).toBe('error: required flag(s) "replicas" not set\n');
  });

  it('describe configmap prints each value under a dashed key, secrets only byte counts', () => {
    const sim = bareSim();
    kubectl(sim, 'create configmap cfg --from-literal=a=1');
    kubectl(sim, 'create secret generic db --from-literal=password=s3cr3t');
    expect(kubectl(sim, 'describe cm cfg').stdout).toBe(
      'Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\n\n\nBinaryData\n====\n\nEvents:  <none>\n',
    );
    expect(kubectl(sim, 'describe secret db').stdout).toBe(
      'Name:         db\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npassword:  6 bytes\n',
    );
  });
});
