// Test helpers for the API-server tables: a Store wired with every strategy and admission plugin, the
// namespaces a fresh cluster has, and a `tryCreate` that returns either the stored object or the error text.
import { VirtualClock, DEFAULT_EPOCH_MS } from '../clock/clock';
import { Rng } from '../random/rng';
import { Store } from '../store/store';
import { isApiError } from '../store/errors';
import type { KObject } from '../model/types';
import { ADMISSION, STRATEGIES } from './index';

export function newStore(opts: { namespaces?: string[]; epochMs?: number } = {}): Store {
  const store = new Store({ clock: new VirtualClock(opts.epochMs ?? DEFAULT_EPOCH_MS), rng: new Rng(1), strategies: STRATEGIES, admission: ADMISSION });
  for (const name of opts.namespaces ?? ['default', 'kube-system'])
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return store;
}

export type Outcome =
  | { ok: true; obj: KObject; warnings: readonly string[] }
  | { ok: false; reason: string; message: string; code: number };

function attempt(fn: () => { obj: KObject; warnings: readonly string[] }): Outcome {
  try {
    const r = fn();
    return { ok: true, obj: r.obj, warnings: r.warnings };
  } catch (e) {
    if (isApiError(e)) return { ok: false, reason: e.reason, message: e.message, code: e.code };
    throw e;
  }
}

export const tryCreate = (s: Store, o: KObject): Outcome => attempt(() => s.create(structuredClone(o)));
export const tryUpdate = (s: Store, o: KObject): Outcome => attempt(() => s.update(structuredClone(o)));

/** The error text of a rejected write (fails the test when the write was accepted). */
export function errorOf(o: Outcome): string {
  if (o.ok) throw new Error(`expected a rejection, got ${o.obj.kind} ${o.obj.metadata.name} accepted`);
  return o.message;
}

export function objOf(o: Outcome): KObject {
  if (!o.ok) throw new Error(`expected acceptance, got: ${o.message}`);
  return o.obj;
}
