// Property tests: random sequences of pod creations, deletions (graceful and forced), container crashes,
// node failures and time steps keep the storage invariants the lesson relies on:
//  - a ReadWriteOnce disk is never attached to two nodes at once (checked on every change);
//  - no pod has a running container unless every volume it uses is mounted on its node (and attached there);
//  - the same seed and commands give the same event log.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundPair, claimVolume, createPod, newTestSim, NAS_DRIVER } from './testing';
import { crashContainer, kubeletState } from './crash';
import type { Simulation } from '../../sim/simulation';

const NODES = ['node-1', 'node-2', 'node-3'];
const PODS = ['p0', 'p1', 'p2', 'p3'];
const CLAIMS = ['disk-a', 'disk-b', 'nas'];

type Op =
  | { t: 'create'; pod: string; node: string; claim: string }
  | { t: 'delete'; pod: string; force: boolean }
  | { t: 'crash'; pod: string }
  | { t: 'node'; node: string; ready: boolean }
  | { t: 'advance'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant('create' as const), pod: fc.constantFrom(...PODS), node: fc.constantFrom(...NODES), claim: fc.constantFrom(...CLAIMS) }),
  fc.record({ t: fc.constant('delete' as const), pod: fc.constantFrom(...PODS), force: fc.boolean() }),
  fc.record({ t: fc.constant('crash' as const), pod: fc.constantFrom(...PODS) }),
  fc.record({ t: fc.constant('node' as const), node: fc.constantFrom(...NODES), ready: fc.boolean() }),
  fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 420_000 }) }),
);

function setup(seed: number): Simulation {
  const sim = newTestSim(seed);
  boundPair(sim, { name: 'disk-a', handle: 'd-a' });
  boundPair(sim, { name: 'disk-b', handle: 'd-b' });
  boundPair(sim, { name: 'nas', driver: NAS_DRIVER, accessModes: ['ReadWriteMany'] });
  return sim;
}

function apply(sim: Simulation, op: Op): void {
  switch (op.t) {
    case 'create':
      if (sim.store.get('Pod', 'default', op.pod)) return;
      createPod(sim, { name: op.pod, node: op.node, grace: 5, volumes: [claimVolume('data', op.claim)] });
      sim.drain();
      return;
    case 'delete':
      if (!sim.store.get('Pod', 'default', op.pod)) return;
      sim.store.delete('Pod', 'default', op.pod, op.force ? { gracePeriodSeconds: 0 } : {});
      sim.drain();
      return;
    case 'crash':
      crashContainer(sim, 'default', op.pod);
      return;
    case 'node':
      sim.store.patch('Node', undefined, op.node, 'merge', { status: { conditions: [{ type: 'Ready', status: op.ready ? 'True' : 'Unknown' }] } }, { subresource: 'status' });
      sim.drain();
      return;
    case 'advance':
      sim.advance(op.ms);
  }
}

function checkRunningPodsHaveVolumes(sim: Simulation): void {
  const state = kubeletState(sim)!;
  for (const prt of state.pods.values()) {
    if (!prt.containers.some((c) => c.step === 'running')) continue;
    // A node whose kubelet is down reports nothing; what its containers do is unknown (force-detach may happen).
    const node = sim.store.get('Node', undefined, prt.node) as { status?: { conditions?: { type: string; status: string }[] } } | undefined;
    if (!node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
    for (const v of prt.volumes.values()) {
      expect(v.phase, `${prt.name}/${v.name} on ${prt.node}`).toBe('mounted');
      const asset = v.mount && sim.backends.get(v.mount.assetId);
      if (asset?.kind === 'disk') expect(asset.attachedTo, `${asset.id} for running ${prt.name}`).toContain(prt.node);
    }
  }
}

describe('storage invariants under random commands', () => {
  it('no RWO disk on two nodes; no running container without its mounted volumes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
        const sim = setup(seed);
        const violations: string[] = [];
        sim.observe(() => {
          for (const a of sim.backends.list()) if (a.kind === 'disk' && a.attachedTo.length > 1) violations.push(`${a.id} on ${a.attachedTo.join(',')}`);
        });
        for (const op of ops) {
          apply(sim, op);
          checkRunningPodsHaveVolumes(sim);
        }
        sim.settle();
        checkRunningPodsHaveVolumes(sim);
        expect(violations).toEqual([]);
        expect(sim.errors).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same seed and commands give the same event log and traces', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 15 }), (ops) => {
        const run = () => {
          const sim = setup(42);
          for (const op of ops) apply(sim, op);
          sim.settle();
          return JSON.stringify([sim.eventLog.map((e) => [e.time, e.involved.name, e.reason, e.message]), sim.traces.map((t) => [t.time, t.call, t.from])]);
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 20 },
    );
  });
});
