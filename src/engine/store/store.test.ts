import { describe, expect, it } from 'vitest';
import { Store, jsonEqual } from './store';
import { VirtualClock } from '../clock/clock';
import { Rng } from '../random/rng';
import type { KObject } from '../model/types';
import type { KindStrategy } from './strategy';
import { ApiError } from './errors';

const pvcStrategy: KindStrategy = { kind: 'PersistentVolumeClaim', statusSubresource: true };
const deployStrategy: KindStrategy = { kind: 'Deployment', statusSubresource: true, hasGeneration: true };

function make() {
  const s = new Store({ clock: new VirtualClock(), rng: new Rng(1), strategies: [pvcStrategy, deployStrategy] });
  s.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return s;
}

const pvc = (name: string, extra: Partial<KObject> = {}): KObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'] },
  ...extra,
});

function err(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('Store', () => {
  it('fills server-owned metadata and defaults the namespace', () => {
    const s = make();
    const { obj } = s.create(pvc('data', { metadata: { name: 'data', uid: 'mine', resourceVersion: '99' } }));
    expect(obj.metadata.namespace).toBe('default');
    expect(obj.metadata.uid).not.toBe('mine');
    expect(obj.metadata.creationTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(Object.isFrozen(obj)).toBe(true);
  });

  it.each([
    ['already exists', () => { const s = make(); s.create(pvc('a')); return s.create(pvc('a')); }, 'persistentvolumeclaims "a" already exists', 409],
    ['missing namespace', () => make().create(pvc('a', { metadata: { name: 'a', namespace: 'nope' } })), 'namespaces "nope" not found', 404],
    ['not found on update', () => make().update(pvc('zz')), 'persistentvolumeclaims "zz" not found', 404],
    ['bad name', () => make().create(pvc('Bad_Name')), 'PersistentVolumeClaim "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')', 422],
  ])('%s', (_name, fn, message, code) => {
    const e = err(fn);
    expect(e.message).toBe(message);
    expect(e.code).toBe(code);
  });

  it('rejects a stale resourceVersion with the apiserver conflict text', () => {
    const s = make();
    const first = s.create(pvc('a')).obj;
    s.update({ ...structuredClone(first), metadata: { ...structuredClone(first.metadata), labels: { x: 'y' } } });
    const e = err(() => s.update({ ...structuredClone(first), metadata: { ...structuredClone(first.metadata), labels: { x: 'z' } } }));
    expect(e.message).toBe(
      'Operation cannot be fulfilled on persistentvolumeclaims "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('keeps status out of main updates and spec out of status updates', () => {
    const s = make();
    const o = s.create(pvc('a')).obj;
    const withStatus = { ...structuredClone(o), status: { phase: 'Bound' } };
    expect(s.update(withStatus).obj.status).toBeUndefined();
    const statusWrite = s.updateStatus({ ...structuredClone(o), spec: { accessModes: ['ReadOnlyMany'] }, status: { phase: 'Bound' } }).obj;
    expect(statusWrite.status).toEqual({ phase: 'Bound' });
    expect((statusWrite.spec as { accessModes: string[] }).accessModes).toEqual(['ReadWriteOnce']);
  });

  it('does not bump resourceVersion or notify on a no-op update', () => {
    const s = make();
    const o = s.create(pvc('a')).obj;
    const events: string[] = [];
    s.watch((ev) => events.push(ev.type));
    const r = s.update(structuredClone(o));
    expect(r.changed).toBe(false);
    expect(events).toEqual([]);
  });

  it('holds an object with finalizers in deletion until they are removed', () => {
    const s = make();
    s.create(pvc('a', { metadata: { name: 'a', finalizers: ['kubernetes.io/pvc-protection'] } }));
    const events: string[] = [];
    s.watch((ev) => events.push(ev.type));
    const held = s.delete('PersistentVolumeClaim', 'default', 'a').obj;
    expect(held.metadata.deletionTimestamp).toBe('2025-01-01T00:00:00Z');
    expect(s.get('PersistentVolumeClaim', 'default', 'a')).toBeDefined();
    s.update({ ...structuredClone(held), metadata: { ...structuredClone(held.metadata), finalizers: [] } });
    expect(s.get('PersistentVolumeClaim', 'default', 'a')).toBeUndefined();
    expect(events).toEqual(['MODIFIED', 'DELETED']);
  });

  it('bumps generation only when the spec changes', () => {
    const s = make();
    const d = s.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 1 } }).obj;
    expect(d.metadata.generation).toBe(1);
    const labelled = s.update({ ...structuredClone(d), metadata: { ...structuredClone(d.metadata), labels: { a: 'b' } } }).obj;
    expect(labelled.metadata.generation).toBe(1);
    const scaled = s.patch('Deployment', 'default', 'web', 'merge', { spec: { replicas: 2 } }).obj;
    expect(scaled.metadata.generation).toBe(2);
  });

  it('applies JSON patch and strategic merge patch', () => {
    const s = make();
    s.create({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'a', finalizers: ['x'] },
      spec: { accessModes: ['ReadWriteOnce'] },
    });
    const r1 = s.patch('PersistentVolumeClaim', 'default', 'a', 'json', [{ op: 'remove', path: '/metadata/finalizers/0' }]).obj;
    expect(r1.metadata.finalizers).toEqual([]);
    const r2 = s.patch('PersistentVolumeClaim', 'default', 'a', 'strategic', { metadata: { finalizers: ['y'] } }).obj;
    expect(r2.metadata.finalizers).toEqual(['y']);
  });

  it('binds a pod once through pods/binding', () => {
    const s = make();
    s.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } });
    s.bindPod({ namespace: 'default', name: 'p', nodeName: 'n1' });
    expect((s.get('Pod', 'default', 'p')!.spec as { nodeName: string }).nodeName).toBe('n1');
    expect(err(() => s.bindPod({ namespace: 'default', name: 'p', nodeName: 'n2' })).message).toBe(
      'Operation cannot be fulfilled on pods/binding "p": pod p is already assigned to node "n1"',
    );
  });

  it('maintains secondary indexes', () => {
    const s = make();
    s.addIndex('PersistentVolumeClaim', 'mode', (o) => ((o.spec as { accessModes?: string[] }).accessModes ?? []) as string[]);
    s.create(pvc('a'));
    s.create(pvc('b', { spec: { accessModes: ['ReadWriteMany'] } }));
    expect(s.byIndex('PersistentVolumeClaim', 'mode', 'ReadWriteOnce').map((o) => o.metadata.name)).toEqual(['a']);
    s.delete('PersistentVolumeClaim', 'default', 'a');
    expect(s.byIndex('PersistentVolumeClaim', 'mode', 'ReadWriteOnce')).toEqual([]);
  });
});

describe('strategic merge directives', () => {
  it('$deleteFromPrimitiveList removes finalizers kubectl apply dropped', () => {
    const s = make();
    s.create(pvc('a', { metadata: { name: 'a', finalizers: ['x', 'y'] } }));
    const r = s.patch('PersistentVolumeClaim', 'default', 'a', 'strategic', {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] },
    }).obj;
    expect(r.metadata.finalizers).toEqual(['y']);
  });
});

describe('jsonEqual (the store\'s "unchanged" check)', () => {
  const values: unknown[] = [
    null, 0, 1, -0, 1.5, '', 'a', true, false, [], [1, 2], [2, 1], [undefined], [null], {}, { a: 1 }, { a: undefined },
    { a: 1, b: 2 }, { b: 2, a: 1 }, { a: { b: [1, { c: 'x' }] } }, { a: { b: [1, { c: 'y' }] } }, { t: new Date(0) },
    { f: () => 1 }, [() => 1], { n: NaN }, { n: null },
  ];
  it('agrees with comparing JSON.stringify output on every pair', () => {
    for (const a of values)
      for (const b of values) expect([a, b, jsonEqual(a, b)]).toEqual([a, b, JSON.stringify(a) === JSON.stringify(b)]);
  });
});
