// A node's /dev: the character devices every Linux host has, the root disk /dev/vda (+ vda1), and one block
// device per disk the kubelet staged on that node — named as findmnt names the global mount's SOURCE — so
// "the disk appears under /dev on the node" can be shown, and disappears once it is unstaged and detached.
import { describe, expect, it } from 'vitest';
import { boundPair, claimVolume, createPod, newTestSim } from '../controllers/kubelet/testing';
import { nodeShell } from './exec';
import type { Simulation } from '../sim/simulation';

const busybox = { name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600000'], volumeMounts: [{ name: 'data', mountPath: '/data' }] };
const BASE = ['console', 'full', 'null', 'random', 'tty', 'urandom', 'vda', 'vda1', 'zero'];
const lsDev = (sim: Simulation, node: string) => nodeShell(sim, node, ['ls', '/dev']).stdout.split('\n').filter(Boolean);

function withDiskPod(): Simulation {
  const sim = newTestSim();
  boundPair(sim, { name: 'data' });
  createPod(sim, { name: 'a', node: 'node-1', containers: [busybox], volumes: [claimVolume('data', 'data')] });
  sim.settle();
  return sim;
}

describe('node shell: ls /dev', () => {
  it.each([
    ['a node without volumes has only the root disk and character devices', () => newTestSim(), 'node-1', BASE],
    ['the node the disk is attached to lists /dev/vdb', withDiskPod, 'node-1', ['console', 'full', 'null', 'random', 'tty', 'urandom', 'vda', 'vda1', 'vdb', 'zero']],
    ['another node does not see the disk', withDiskPod, 'node-2', BASE],
  ])('%s', (_name, make, node, want) => {
    const sim = make();
    sim.settle();
    expect(lsDev(sim, node)).toEqual(want);
  });

  it('the device in /dev is the SOURCE findmnt shows for the disk', () => {
    const sim = withDiskPod();
    const sources = nodeShell(sim, 'node-1', ['sh', '-c', 'findmnt | grep /dev/vd']).stdout;
    expect(sources).toContain('/dev/vdb');
    expect(nodeShell(sim, 'node-1', ['sh', '-c', 'test -e /dev/vdb && echo present']).stdout).toBe('present\n');
  });

  it('the disk leaves /dev once its pod is gone and the volume is unstaged', () => {
    const sim = withDiskPod();
    sim.store.delete('Pod', 'default', 'a');
    sim.settle();
    expect(lsDev(sim, 'node-1')).toEqual(BASE);
  });

  it('/dev is a devtmpfs mount named udev, as on Ubuntu nodes', () => {
    expect(nodeShell(newTestSim(), 'node-1', ['findmnt', '/dev']).stdout).toBe('TARGET SOURCE FSTYPE   OPTIONS\n/dev   udev   devtmpfs rw,relatime\n');
  });
});
