// goyaml.v2's words and line numbers for broken YAML. Every expected text is what kubectl 1.32 printed
// for the same document (`kubectl apply -f f.yaml --dry-run=client --validate=false` →
// `error parsing f.yaml: error converting YAML to JSON: yaml: <this>`); undefined means it parsed.
import { describe, expect, it } from 'vitest';
import { parseDoc } from './yaml-errors';

const CASES: [string, string, string | undefined][] = [
    ["alias", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  a: &x\n  b: *y\n", "unknown anchor 'y' referenced"],
    ["at", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: @x\n", "line 5: found character that cannot start any token"],
    ["backtick", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: `x\n", "line 5: found character that cannot start any token"],
    ["colon2", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: x\n  name: y: z\n", "line 6: mapping values are not allowed in this context"],
    ["contline", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n   c\n", undefined],
    ["extra-brace", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {a: b}}\n", "line 4: did not find expected key"],
    ["extra-bracket", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: [a, b]]\n", "line 4: did not find expected key"],
    ["flowmaptrunc", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {b: 1\n", "line 6: did not find expected ',' or '}'"],
    ["flowtrunc", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n", "line 6: did not find expected ',' or ']'"],
    ["indent-first", "apiVersion: v1\nkind: ConfigMap\n metadata:\n  name: x\n", "line 3: mapping values are not allowed in this context"],
    ["indent-line2", "apiVersion: v1\n kind: ConfigMap\n", "line 2: mapping values are not allowed in this context"],
    ["mapseq", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n  - c\n", "line 6: did not find expected key"],
    ["nocolon", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    a: b\n  c\n", "line 8: could not find expected ':'"],
    ["quote-mid", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"x\n  b: y\n", "line 8: found unexpected end of stream"],
    ["seqback", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  containers:\n    - name: a\n  - name: b\n", "line 7: did not find expected key"],
    ["seqindent", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  accessModes:\n  - a\n - b\n", "line 7: did not find expected key"],
    ["seqmap", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n   image: b\n", "line 7: did not find expected key"],
    ["squote", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 'x\n", "line 7: found unexpected end of stream"],
    ["tab-l1", "\tkind: X\n", "found character that cannot start any token"],
    ["tab-l2", "a: b\n\tc: d\n", "line 2: found a tab character that violates indentation"],
    ["tab2", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n\taccessModes: []\n", "line 6: found character that cannot start any token"],
    ["tab3", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec:\n  a: b\n\tc: d\n", "line 7: found a tab character that violates indentation"],
    ["tabline", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n\t\n", "line 5: found a tab character that violates indentation"],
    ["trunc-key", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  lab\n", "line 6: could not find expected ':'"],
    ["g1", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\u0000\n  name: task-pv-claim\nspec:\n  accessModes:\n    - ReadWriteOnce\n    requests:\n      storage: 1.5.5Gi\n  storageClassName: manual\n", "control characters are not allowed"],
    ["g10", "\tapiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: \u540d\u5b57-\u00fc\nspec:\n  accessModes:\n    - ReadWriteMany\n  resources:\n    requests:\n      storage: 1Gi\n  storageClassName: \"\"\n  volumeName: pv-silver-5gi\n", "found character that cannot start any token"],
    ["g11", "\tapiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: 42\nprovisioner: diskplugin.csi.alibabacloud.com\nparameters:\n  zoneId: cn-hangzhou-a\n  type: cloud_ssd\nreclaimPolicy: Delete\n", "found character that cannot start any token"],
    ["g3", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: \"\"\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:@\n      storage: abc\n  storageClassName: \"\"\n", "line 10: mapping values are not allowed in this context"],
    ["g5", "apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: expandable-pvc\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources: [a, {b\n    requests:\n      storageS: 1Gi\n", "line 8: did not find expected ',' or '}'"],
    ["g7", "apiVersion: v1: x\nkind: PersistentVolumeClaim\nmetadata:\n  nameS: disk-pvc\n  name: \u540d\u5b57-\u00fc\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:\n      storage: 30Gi\n  storageClassName: csi-disk\n", "mapping values are not allowed in this context"],
    ["g8", "apiVersion: v1: x\nkind: Pod\nmetadata:\n  name: expandable-pvc-pod\nspec:\n  containers:\n    - name: app\n      image: busybox:1.36\n      command:\n        - sleep\n        - infinity\n      volumeMounts:\n        - mountPath: /data\n          name: data\n  volumes:\n    - name: data\n      persistentVolumeClaim:\n        claimName: expandable-pvc\n", "mapping values are not allowed in this context"],
    ["g9", "\tapiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: task-pv-claim\nspec:\n  accessModes:\n    - ReadWriteOnce\n  resources:&a\n    requests:\n      storage: 1Ti1\n  storageClassName: manual\n", "found character that cannot start any token"],
];

describe('parseDoc', () => {
  it.each(CASES)('%s', (_n, text, want) => {
    const r = parseDoc(text);
    expect(r.ok ? undefined : r.message).toBe(want);
  });

  it('keeps the last of duplicate keys, as the non-strict YAMLToJSON does', () => {
    expect(parseDoc('a: 1\na: 2\n')).toEqual({ ok: true, value: { a: 2 } });
  });
});
