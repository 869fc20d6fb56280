// The three-way patch of kubectl apply; cases checked against kubectl 1.32 through the HTTP API.
import { describe, expect, it } from 'vitest';
import { threeWayPatch } from './apply-patch';

describe('threeWayPatch', () => {
  it.each([
    ['nothing changed: no patch', { a: 1 }, { a: 1 }, { a: 1, b: 2 }, undefined],
    ['a field removed from the file is deleted (null)', { a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2 }, { b: null }],
    ['a field another writer set is kept', {}, { a: 1 }, { a: 1, status: 'x' }, undefined],
    ['a changed scalar is set', { a: 1 }, { a: 2 }, { a: 1 }, { a: 2 }],
    // atomic list (no merge key): compared whole, so server defaults inside make it differ every time
    [
      'an atomic list that differs from its defaulted live copy is sent whole',
      { volumeClaimTemplates: [{ metadata: { name: 'www' } }] },
      { volumeClaimTemplates: [{ metadata: { name: 'www' } }] },
      { volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { volumeMode: 'Filesystem' } }] },
      { volumeClaimTemplates: [{ metadata: { name: 'www' } }] },
    ],
    // admission added a volume: lengths differ, so only the order directive is sent (kubectl: configured)
    [
      'a merge-keyed list longer on the server gets $setElementOrder',
      { volumes: [{ name: 'data', emptyDir: {} }] },
      { volumes: [{ name: 'data', emptyDir: {} }] },
      { volumes: [{ name: 'data', emptyDir: {} }, { name: 'kube-api-access-x', projected: {} }] },
      { '$setElementOrder/volumes': [{ name: 'data' }] },
    ],
    [
      'an item removed from a merge-keyed list is deleted by key',
      { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { env: [{ name: 'A', value: '1' }] },
      { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
      { env: [{ name: 'B', $patch: 'delete' }], '$setElementOrder/env': [{ name: 'A' }] },
    ],
  ])('%s', (_n, original, modified, live, want) => {
    expect(threeWayPatch(original, modified, live)).toEqual(want);
  });
});
