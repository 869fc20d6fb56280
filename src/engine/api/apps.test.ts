// Deployment and StatefulSet defaults and validation (pkg/apis/apps, 1.32).
import { describe, expect, it } from 'vitest';
import type { KObject } from '../model/types';
import { errorOf, newStore, objOf, tryCreate, tryUpdate } from './test-support';

type J = Record<string, unknown>;
const template = (labels: J = { app: 'web' }, spec: J = {}) => ({ metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...spec } });
const deploy = (spec: J): KObject => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec } });
const sts = (spec: J): KObject => ({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
  spec: {
    selector: { matchLabels: { app: 'web' } }, serviceName: 'db',
    template: template({ app: 'web' }, { containers: [{ name: 'db', image: 'mysql:8.0', volumeMounts: [{ name: 'data', mountPath: '/var/lib/mysql' }] }] }),
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...spec,
  },
});

describe('Deployment', () => {
  it('defaults replicas, strategy 25%/25%, history 10, progress deadline 600 and the template pod spec; generation 1', () => {
    const o = objOf(tryCreate(newStore(), deploy({})));
    expect(o.spec).toMatchObject({
      replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: { spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' } },
    });
    expect(o.metadata.generation).toBe(1);
  });

  const rejected: [string, J, string][] = [
    ['a selector that does not match the template labels', { template: template({ app: 'api' }) },
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"api"}: `selector` does not match template `labels`'],
    // LabelSelectorAsSelector(nil) is labels.Nothing(): not empty, matches no labels — so both errors
    ['no selector', { selector: undefined },
      '[spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`]'],
    ['a template restartPolicy other than Always', { template: template({ app: 'web' }, { restartPolicy: 'Never' }) },
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['a template mount of an undeclared volume', { template: template({ app: 'web' }, { containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/d' }] }] }) },
      'spec.template.spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['negative replicas', { replicas: -1 }, 'spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ['maxUnavailable and maxSurge both 0', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } } },
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
  ];
  it.each(rejected)('rejects %s', (_n, spec, message) => {
    expect(errorOf(tryCreate(newStore(), deploy(spec)))).toBe(`Deployment.apps "web" is invalid: ${message}`);
  });

  it('the selector is immutable in apps/v1; a spec change bumps the generation', () => {
    const s = newStore();
    const o = objOf(tryCreate(s, deploy({})));
    const scaled = structuredClone(o);
    (scaled.spec as J).replicas = 3;
    expect(objOf(tryUpdate(s, scaled)).metadata.generation).toBe(2);
    const n = structuredClone(s.get('Deployment', 'default', 'web')!);
    (n.spec as J).selector = { matchLabels: { app: 'web', tier: 'fe' } };
    ((n.spec as { template: { metadata: { labels: J } } }).template.metadata.labels).tier = 'fe';
    expect(errorOf(tryUpdate(s, n))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('StatefulSet', () => {
  it('defaults OrderedReady, RollingUpdate partition 0, Retain/Retain, replicas 1 and the claim templates (Filesystem, Pending)', () => {
    const o = objOf(tryCreate(newStore(), sts({})));
    expect(o.spec).toMatchObject({
      podManagementPolicy: 'OrderedReady', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, replicas: 1, revisionHistoryLimit: 10,
      volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
    });
  });

  it('the template may mount a claim template by name (the pod spec is not validated for StatefulSets)', () => {
    expect(tryCreate(newStore(), sts({})).ok).toBe(true);
  });

  const rejected: [string, J, string][] = [
    ['a selector that does not match', { selector: { matchLabels: { app: 'db' } } },
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ['an unknown pod management policy', { podManagementPolicy: 'Random' }, "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"],
    ['an unknown retention policy', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep', whenScaled: 'Retain' } },
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
  ];
  it.each(rejected)('rejects %s', (_n, spec, message) => {
    expect(errorOf(tryCreate(newStore(), sts(spec)))).toBe(`StatefulSet.apps "db" is invalid: ${message}`);
  });

  it('volumeClaimTemplates cannot be edited; replicas, template and retention policy can', () => {
    const s = newStore();
    const o = objOf(tryCreate(s, sts({})));
    const ok = structuredClone(o);
    Object.assign(ok.spec as J, { replicas: 3, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } });
    const stored = objOf(tryUpdate(s, ok));
    const bad = structuredClone(stored);
    ((bad.spec as { volumeClaimTemplates: { spec: { resources: { requests: J } } }[] }).volumeClaimTemplates[0].spec.resources.requests).storage = '2Gi';
    expect(errorOf(tryUpdate(s, bad))).toBe(
      "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});

describe('ReplicaSet', () => {
  const rs = (spec: J): KObject => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d4b' }, spec: { selector: { matchLabels: { app: 'web' } }, template: template(), ...spec } });

  it('defaults replicas to 1 and tracks generation', () => {
    const o = objOf(tryCreate(newStore(), rs({})));
    expect(o.spec).toMatchObject({ replicas: 1 });
    expect(o.metadata.generation).toBe(1);
  });

  it('rejects an empty selector (with the Deployment wording upstream reuses)', () => {
    expect(errorOf(tryCreate(newStore(), rs({ selector: {} })))).toBe(
      'ReplicaSet.apps "web-5d4b" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });
});
