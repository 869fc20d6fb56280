// Shared by the binder_test.go ports: upstream's controllerTest shape and runSyncTests, plus the constants
// its tables use.
import { expect, it } from 'vitest';
import type { KObject } from '../../../model/types';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER } from '../../volume/constants';
import type { PV, PVC, SC } from '../../volume/pv-helpers';
import { newStorageClass, normalize, runSync } from './harness';
import { classWait } from './helpers';

export interface ControllerTest {
  readonly name: string;
  readonly initialVolumes: PV[];
  readonly expectedVolumes: PV[];
  readonly initialClaims: PVC[];
  readonly expectedClaims: PVC[];
  readonly expectedEvents: string[];
  readonly test: 'claim' | 'claimError' | 'volume';
}

export const BBC = ANN_BOUND_BY_CONTROLLER;
export const BC = ANN_BIND_COMPLETED;
export const labels = { foo: 'true', bar: 'false' };
export const waitClass: SC = newStorageClass(classWait, 'kubernetes.io/no-provisioner', { volumeBindingMode: 'WaitForFirstConsumer' });

export function runSyncTests(tests: readonly ControllerTest[], classes: readonly SC[], pods: readonly KObject[] = []): void {
  for (const t of tests) {
    it(t.name, () => {
      const r = runSync(
        { volumes: t.initialVolumes, claims: t.initialClaims, classes, pods },
        t.test === 'volume' ? 'volume' : 'claim',
      );
      expect(r.volumes().map(normalize)).toEqual(t.expectedVolumes.map(normalize));
      expect(r.claims().map(normalize)).toEqual(t.expectedClaims.map(normalize));
      expect(r.events.map((e) => `${e.type} ${e.reason}`)).toEqual(t.expectedEvents);
      if (t.test === 'claimError') expect(r.error).toBeDefined();
      else expect(r.error).toBeUndefined();
    });
  }
}
