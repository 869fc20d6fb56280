import { describe, expect, it } from 'vitest';
import { errorMarkers, syntaxMarkers } from './markers';

const PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: broken-pv
spec:
  accessModes:
    - ReadWriteMany
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ok-pvc
spec:
  accessModes: [Bogus]
`;

describe('editor markers', () => {
  it.each([
    ['a single cause on the same line points at the field', 'The PersistentVolume "broken-pv" is invalid: spec.capacity: Required value\n', [5]],
    ['causes listed under the object line point at their fields', 'The PersistentVolume "broken-pv" is invalid: \n* spec.capacity: Required value\n* spec.accessModes[0]: Unsupported value: "x"\n', [5, 7]],
    ['an error in the second document lands in the second document', 'The PersistentVolumeClaim "ok-pvc" is invalid: spec.accessModes[0]: Unsupported value: "Bogus"\n', [14]],
    ['an error naming no field marks the document start', 'Error from server (AlreadyExists): error when creating "STDIN": persistentvolumeclaims "ok-pvc" already exists\n', [9]],
  ])('%s', (_name, stderr, lines) => {
    expect(errorMarkers(PV, stderr).map((m) => m.line)).toEqual(lines);
  });

  it('a YAML syntax error points at its line', () => {
    expect(syntaxMarkers('a: 1\nb: [\n')[0].line).toBeGreaterThanOrEqual(2);
    expect(syntaxMarkers(PV)).toEqual([]);
  });
});
