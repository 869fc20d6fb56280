// Deployment, ReplicaSet and StatefulSet (apps/v1): SetDefaults_* (pkg/apis/apps/v1/defaults.go), the
// strategies (generation tracking, status subresource, immutable selector in apps/v1) and
// pkg/apis/apps/validation (1.32).
import type { KObject } from '../model/types';
import type { KindStrategy } from '../store/strategy';
import { forbiddenField, invalid, required, type FieldError } from '../store/field-errors';
import { dns1123Label, dns1123Subdomain, validateAnnotations, validateLabels } from '../store/meta-validation';
import { goIntOrString, goLabelSelector, goStringMap } from './diff';
import { defaultPodSpec } from './pod-defaults';
import { validatePodSpec } from './pod-spec';
import { podWarnings } from './pod';
import { defaultPvcSpec } from './persistentvolumeclaim';
import {
  deepEqual,
  def,
  ensure,
  isEmptySelector,
  isObj,
  obj,
  selectorMatches,
  spec,
  str,
  unsupportedOrdered,
  validateLabelSelector,
  validateNonnegative,
  type J,
} from './util';

function defaultTemplate(s: J): void {
  const tpl = ensure(s, 'template');
  defaultPodSpec(ensure(tpl, 'spec'));
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

function intOrPercent(v: unknown, path: string): FieldError[] {
  if (typeof v === 'string') return PERCENT.test(v) ? [] : [{ ...invalid(path, null, PERCENT_MSG), goValue: goIntOrString(v) }];
  return validateNonnegative(v, path);
}
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'string') return PERCENT.test(v) ? Number(v.slice(0, -1)) : 0;
  return typeof v === 'number' ? v : 0;
}

/** The selector checks Deployment, ReplicaSet and StatefulSet share. */
function validateSelector(s: J, kindWord: string): FieldError[] {
  if (!isObj(s.selector)) return [required('spec.selector')];
  const out = validateLabelSelector(s.selector, 'spec.selector');
  if (isEmptySelector(s.selector))
    out.push({ ...invalid('spec.selector', null, `empty selector is invalid for ${kindWord}`), goValue: goLabelSelector(s.selector) });
  return out;
}

function templateMatches(s: J): FieldError[] {
  const tplMeta = obj(obj(s, 'template'), 'metadata');
  const labels = obj(tplMeta, 'labels');
  // A missing selector converts to labels.Nothing(), which is not Empty() and matches nothing.
  if (isObj(s.selector) && (isEmptySelector(s.selector) || selectorMatches(s.selector, labels))) return [];
  return [{ ...invalid('spec.template.metadata.labels', null, '`selector` does not match template `labels`'), goValue: goStringMap(labels) }];
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments and ReplicaSets). */
function validateReplicaSetTemplate(s: J): FieldError[] {
  const out = templateMatches(s);
  const tpl = obj(s, 'template') ?? {};
  const md = obj(tpl, 'metadata');
  // ValidatePodTemplateSpec uses fldPath.Child("labels"): the path has no "metadata"
  out.push(...validateLabels(obj(md, 'labels'), 'spec.template.labels'));
  out.push(...validateAnnotations(obj(md, 'annotations'), 'spec.template.annotations'));
  const ps = obj(tpl, 'spec') ?? {};
  out.push(...validatePodSpec(ps, 'spec.template.spec', ''));
  if (str(ps, 'restartPolicy') !== 'Always') out.push(unsupportedOrdered('spec.template.spec.restartPolicy', str(ps, 'restartPolicy'), ['Always']));
  if (typeof ps.activeDeadlineSeconds === 'number')
    out.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  return out;
}

function validateDeploymentSpec(s: J): FieldError[] {
  const out = validateNonnegative(s.replicas, 'spec.replicas');
  out.push(...validateSelector(s, 'deployment'));
  out.push(...validateReplicaSetTemplate(s));
  const st = obj(s, 'strategy') ?? {};
  const type = str(st, 'type');
  if (type === 'Recreate') {
    if (isObj(st.rollingUpdate)) out.push(forbiddenField('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    const ru = obj(st, 'rollingUpdate');
    if (!ru) out.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    else {
      out.push(...intOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
      out.push(...intOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0)
        out.push({ ...invalid('spec.strategy.rollingUpdate.maxUnavailable', null, 'may not be 0 when `maxSurge` is 0'), goValue: goIntOrString(ru.maxUnavailable) });
      if (typeof ru.maxUnavailable === 'string' && PERCENT.test(ru.maxUnavailable) && intOrPercentValue(ru.maxUnavailable) > 100)
        out.push({ ...invalid('spec.strategy.rollingUpdate.maxUnavailable', null, 'must not be greater than 100%'), goValue: goIntOrString(ru.maxUnavailable) });
    }
  } else out.push({ ...unsupportedOrdered('spec.strategy', null, ['Recreate', 'RollingUpdate']), goValue: `apps.DeploymentStrategy{Type:${JSON.stringify(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}` });
  out.push(...validateNonnegative(s.minReadySeconds, 'spec.minReadySeconds'));
  out.push(...validateNonnegative(s.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof s.progressDeadlineSeconds === 'number') {
    out.push(...validateNonnegative(s.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (s.progressDeadlineSeconds <= (typeof s.minReadySeconds === 'number' ? s.minReadySeconds : 0))
      out.push(invalid('spec.progressDeadlineSeconds', s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
  }
  return out;
}

function immutableSelector(o: KObject, old: KObject): FieldError[] {
  return deepEqual(spec(o).selector, spec(old).selector)
    ? []
    : [{ ...invalid('spec.selector', null, 'field is immutable'), goValue: goLabelSelector(spec(o).selector) }];
}

export const deploymentStrategy: KindStrategy = {
  kind: 'Deployment',
  statusSubresource: true,
  hasGeneration: true,
  defaults(o) {
    const s = ensure(o, 'spec');
    def(s, 'replicas', 1);
    const st = ensure(s, 'strategy');
    def(st, 'type', 'RollingUpdate');
    if (st.type === 'RollingUpdate') {
      const ru = ensure(st, 'rollingUpdate');
      def(ru, 'maxUnavailable', '25%');
      def(ru, 'maxSurge', '25%');
    }
    def(s, 'revisionHistoryLimit', 10);
    def(s, 'progressDeadlineSeconds', 600);
    defaultTemplate(s);
  },
  prepareForCreate(o) {
    o.status = {};
  },
  validate: (o) => validateDeploymentSpec(spec(o)),
  validateUpdate: (o, old) => [...validateDeploymentSpec(spec(o)), ...immutableSelector(o, old)],
  warnings: (o) => podWarnings(obj(obj(o.spec, 'template'), 'spec') ?? {}, 'spec.template.spec'),
};

function validateReplicaSetSpec(s: J): FieldError[] {
  const out = validateNonnegative(s.replicas, 'spec.replicas');
  out.push(...validateNonnegative(s.minReadySeconds, 'spec.minReadySeconds'));
  // upstream's ReplicaSet check reuses the Deployment wording
  out.push(...validateSelector(s, 'deployment'));
  out.push(...validateReplicaSetTemplate(s));
  return out;
}

export const replicaSetStrategy: KindStrategy = {
  kind: 'ReplicaSet',
  statusSubresource: true,
  hasGeneration: true,
  defaults(o) {
    const s = ensure(o, 'spec');
    def(s, 'replicas', 1);
    defaultTemplate(s);
  },
  prepareForCreate(o) {
    o.status = { replicas: 0 };
  },
  validate: (o) => validateReplicaSetSpec(spec(o)),
  validateUpdate: (o, old) => [...validateReplicaSetSpec(spec(o)), ...immutableSelector(o, old)],
  warnings: (o) => podWarnings(obj(obj(o.spec, 'template'), 'spec') ?? {}, 'spec.template.spec'),
};

const RETENTION = ['Retain', 'Delete'];

function validateStatefulSetSpec(s: J): FieldError[] {
  const out: FieldError[] = [];
  const pmp = str(s, 'podManagementPolicy');
  if (!pmp) out.push(required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel')
    out.push(invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'"));
  const us = obj(s, 'updateStrategy') ?? {};
  const ut = str(us, 'type');
  if (!ut) out.push(required('spec.updateStrategy'));
  else if (ut === 'OnDelete') {
    if (isObj(us.rollingUpdate))
      out.push({ ...invalid('spec.updateStrategy.rollingUpdate', null, "only allowed for updateStrategy 'RollingUpdate'"), goValue: '&apps.RollingUpdateStatefulSetStrategy{…}' });
  } else if (ut === 'RollingUpdate') {
    const ru = obj(us, 'rollingUpdate');
    if (ru) out.push(...validateNonnegative(ru.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else out.push({ ...invalid('spec.updateStrategy', null, "must be 'RollingUpdate' or 'OnDelete'"), goValue: `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(ut)}, RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}` });
  const pol = obj(s, 'persistentVolumeClaimRetentionPolicy');
  for (const k of ['whenDeleted', 'whenScaled'])
    if (pol && !RETENTION.includes(str(pol, k)))
      out.push(unsupportedOrdered(`spec.persistentVolumeClaimRetentionPolicy.${k}`, str(pol, k), RETENTION));
  out.push(...validateNonnegative(s.replicas, 'spec.replicas'));
  out.push(...validateNonnegative(s.minReadySeconds, 'spec.minReadySeconds'));
  out.push(...validateNonnegative(obj(s, 'ordinals')?.start, 'spec.ordinals.start'));
  out.push(...validateSelector(s, 'statefulset'));
  // ValidatePodTemplateSpecForStatefulSet: labels and annotations only — the pod spec itself is not
  // validated (upstream leaves it so: the union of volumes and volumeClaimTemplates would have to be checked).
  out.push(...templateMatches(s));
  const md = obj(obj(s, 'template'), 'metadata');
  out.push(...validateLabels(obj(md, 'labels'), 'spec.template.labels'));
  out.push(...validateAnnotations(obj(md, 'annotations'), 'spec.template.annotations'));
  const ps = obj(obj(s, 'template'), 'spec') ?? {};
  if (str(ps, 'restartPolicy') !== 'Always') out.push(unsupportedOrdered('spec.template.spec.restartPolicy', str(ps, 'restartPolicy'), ['Always']));
  if (typeof ps.activeDeadlineSeconds === 'number')
    out.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return out;
}

const STS_UPDATABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export const statefulSetStrategy: KindStrategy = {
  kind: 'StatefulSet',
  statusSubresource: true,
  hasGeneration: true,
  defaults(o) {
    const s = ensure(o, 'spec');
    def(s, 'podManagementPolicy', 'OrderedReady');
    const us = ensure(s, 'updateStrategy');
    if (!str(us, 'type')) {
      us.type = 'RollingUpdate';
      if (!isObj(us.rollingUpdate)) us.rollingUpdate = { partition: 0 };
    }
    const ru = obj(us, 'rollingUpdate');
    if (us.type === 'RollingUpdate' && ru) def(ru, 'partition', 0);
    const pol = ensure(s, 'persistentVolumeClaimRetentionPolicy');
    def(pol, 'whenDeleted', 'Retain');
    def(pol, 'whenScaled', 'Retain');
    def(s, 'replicas', 1);
    def(s, 'revisionHistoryLimit', 10);
    defaultTemplate(s);
    // volumeClaimTemplates are PersistentVolumeClaims and get their defaults (status.phase included)
    for (const t of Array.isArray(s.volumeClaimTemplates) ? s.volumeClaimTemplates : []) {
      if (!isObj(t)) continue;
      def(t, 'apiVersion', 'v1');
      def(t, 'kind', 'PersistentVolumeClaim');
      defaultPvcSpec(ensure(t, 'spec'));
      def(ensure(t, 'status'), 'phase', 'Pending');
    }
  },
  prepareForCreate(o) {
    o.status = { replicas: 0, availableReplicas: 0 };
  },
  validate(o) {
    // StatefulSet names are DNS labels since pods are named <set>-<ordinal> (the store checks subdomains)
    const out: FieldError[] = [];
    const name = o.metadata.name ?? '';
    if (name && dns1123Subdomain(name).length === 0) for (const m of dns1123Label(name)) out.push(invalid('metadata.name', name, m));
    return [...out, ...validateStatefulSetSpec(spec(o))];
  },
  validateUpdate(o, old) {
    const out = validateStatefulSetSpec(spec(o));
    const a = { ...spec(o) };
    const b = { ...spec(old) };
    for (const k of STS_UPDATABLE) {
      delete a[k];
      delete b[k];
    }
    if (!deepEqual(a, b))
      out.push(forbiddenField('spec', "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    return out;
  },
  warnings: (o) => podWarnings(obj(obj(o.spec, 'template'), 'spec') ?? {}, 'spec.template.spec'),
};
