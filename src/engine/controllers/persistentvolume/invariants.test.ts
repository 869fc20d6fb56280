// Property tests over random command sequences (create/delete PV and PVC, clear a claimRef, let
// time pass) against the PV controller and both protection controllers in the simulation loop.
// Invariants after everything settled and a resync ran:
//   - a Bound claim and its volume point at each other (volumeName ↔ claimRef.uid);
//   - a Bound volume names an existing claim that names it back;
//   - no volume is the volume of two Bound claims;
//   - the data behind a Retain volume is never touched, even after the PV object is deleted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lookup, mkdirp } from '../../fs/tree';
import { ensureNodeRootFs } from '../../storage/locate';
import { isApiError } from '../../store/errors';
import { PV_CLAIM_BINDER_SYNC_PERIOD_MS } from './controller';
import { ONE_NODE, newSim, pv, pvc } from './testing/sim';
import type { PV, PVC } from '../volume/pv-helpers';

type Cmd =
  | { op: 'createPV'; i: number; size: number; policy: 'Retain' | 'Delete' | 'Recycle'; preboundTo?: number; modes: number }
  | { op: 'createPVC'; i: number; size: number; volume?: number; modes: number }
  | { op: 'deletePVC'; i: number }
  | { op: 'deletePV'; i: number }
  | { op: 'clearClaimRef'; i: number }
  | { op: 'wait'; ms: number };

const MODES = [['ReadWriteOnce'], ['ReadWriteOnce', 'ReadOnlyMany'], ['ReadWriteMany']];
const N = 5;

/** the value about one time in five, otherwise undefined */
const sometimes = <T,>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

const arbCmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('createPV' as const),
      i: fc.nat(N - 1),
      size: fc.integer({ min: 1, max: 3 }),
      policy: fc.constantFrom('Retain' as const, 'Retain' as const, 'Delete' as const, 'Recycle' as const),
      preboundTo: sometimes(fc.nat(N - 1)),
      modes: fc.integer({ min: 0, max: 5 }).map((n) => (n < 4 ? 0 : n - 3)),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('createPVC' as const),
      i: fc.nat(N - 1),
      size: fc.integer({ min: 1, max: 2 }),
      volume: sometimes(fc.nat(N - 1)),
      modes: fc.integer({ min: 0, max: 5 }).map((n) => (n < 4 ? 0 : n - 3)),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deletePVC' as const), i: fc.nat(N - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deletePV' as const), i: fc.nat(N - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('clearClaimRef' as const), i: fc.nat(N - 1) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wait' as const), ms: fc.constantFrom(0, 1000, PV_CLAIM_BINDER_SYNC_PERIOD_MS) }) },
);

function ignoreApiErrors(f: () => void): void {
  try {
    f();
  } catch (e) {
    if (!isApiError(e)) throw e;
  }
}

describe('PV binding invariants (property)', () => {
  it('hold after any sequence of user actions', () => {
    let bound = 0;
    let released = 0;
    fc.assert(
      fc.property(fc.array(arbCmd, { minLength: 4, maxLength: 30 }), (cmds) => {
        const sim = newSim();
        const root = ensureNodeRootFs(sim.backends, ONE_NODE.nodes[0], 0);
        const retained = new Set<string>(); // hostPath dirs of Retain PVs, seeded with a file
        for (const c of cmds) {
          switch (c.op) {
            case 'createPV': {
              const name = `pv${c.i}`;
              // Delete-policy volumes live under /tmp so the in-tree hostPath deleter accepts them.
              const path = c.policy === 'Delete' ? `/tmp/${name}` : `/mnt/${c.policy.toLowerCase()}-${name}`;
              if (c.policy === 'Retain' && !sim.store.get('PersistentVolume', undefined, name)) {
                const dir = mkdirp(root.root, path)!;
                dir.entries['keep.txt'] = { type: 'file', content: path, mode: 0o644, mtime: 0 };
                retained.add(path);
              }
              const o = pv(name, {
                capacity: `${c.size}Gi`,
                policy: c.policy,
                hostPath: path,
                modes: MODES[c.modes],
                claimRef: c.preboundTo === undefined ? undefined : { name: `c${c.preboundTo}` },
              });
              ignoreApiErrors(() => sim.store.create(o));
              break;
            }
            case 'createPVC':
              ignoreApiErrors(() =>
                sim.store.create(pvc(`c${c.i}`, { request: `${c.size}Gi`, modes: MODES[c.modes], volumeName: c.volume === undefined ? undefined : `pv${c.volume}` })),
              );
              break;
            case 'deletePVC':
              ignoreApiErrors(() => sim.store.delete('PersistentVolumeClaim', 'default', `c${c.i}`));
              break;
            case 'deletePV':
              ignoreApiErrors(() => sim.store.delete('PersistentVolume', undefined, `pv${c.i}`));
              break;
            case 'clearClaimRef':
              ignoreApiErrors(() => sim.store.patch('PersistentVolume', undefined, `pv${c.i}`, 'merge', { spec: { claimRef: null } }));
              break;
            case 'wait':
              sim.advance(c.ms);
              break;
          }
          sim.drain();
        }
        sim.settle();
        sim.advance(2 * PV_CLAIM_BINDER_SYNC_PERIOD_MS);

        const claims = sim.store.list<PVC>('PersistentVolumeClaim') as PVC[];
        const volumes = sim.store.list<PV>('PersistentVolume') as PV[];
        const boundClaimsPerVolume = new Map<string, number>();
        for (const c of claims) {
          if (c.status?.phase !== 'Bound') continue;
          const v = volumes.find((x) => x.metadata.name === c.spec?.volumeName);
          expect(v, `claim ${c.metadata.name} is Bound to a missing volume`).toBeDefined();
          expect(v!.spec?.claimRef?.uid).toBe(c.metadata.uid);
          expect(v!.status?.phase).toBe('Bound');
          boundClaimsPerVolume.set(v!.metadata.name, (boundClaimsPerVolume.get(v!.metadata.name) ?? 0) + 1);
        }
        for (const n of boundClaimsPerVolume.values()) expect(n).toBe(1);
        bound += boundClaimsPerVolume.size;
        released += volumes.filter((v) => v.status?.phase === 'Released').length;
        for (const v of volumes) {
          if (v.status?.phase !== 'Bound') continue;
          const ref = v.spec!.claimRef!;
          const c = claims.find((x) => x.metadata.name === ref.name);
          expect(c?.metadata.uid, `volume ${v.metadata.name} is Bound to a missing claim`).toBe(ref.uid);
          expect(c!.spec?.volumeName).toBe(v.metadata.name);
        }
        for (const path of retained) expect(lookup(root.root, `${path}/keep.txt`), `${path} lost its data`).toBeDefined();
        expect(sim.errors.filter((e) => e.message.includes('\n'))).toEqual([]); // no controller bug (thrown non-API error)
      }),
      { seed: 424242, numRuns: 150 },
    );
    // The sequences must actually bind and release, or the invariants are vacuous.
    expect(bound).toBeGreaterThan(50);
    expect(released).toBeGreaterThan(5);
  });
});
