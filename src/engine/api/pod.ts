// Pod: SetDefaults_Pod/PodSpec, the registry strategy (pkg/registry/core/pod/strategy.go: status on create,
// QoS class, CheckGracefulDelete), ValidatePodCreate/ValidatePodUpdate (1.32) and GetWarningsForPod.
import type { KObject } from '../model/types';
import { tryParseQuantity } from '../model/quantity';
import type { KindStrategy } from '../store/strategy';
import { forbiddenField, invalid, required, type FieldError } from '../store/field-errors';
import { goDiff } from './diff';
import { defaultPodSpec } from './pod-defaults';
import { validatePodSpec } from './pod-spec';
import { arr, deepEqual, ensure, isObj, obj, spec, str, type J } from './util';
import { DEPRECATED_NODE_LABELS } from './warnings';

/** Field order of the internal core.PodSpec (what cmp.Diff prints). */
const POD_SPEC_STRUCT = {
  type: 'core.PodSpec',
  fields: [
    'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
    'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'automountServiceAccountToken', 'nodeName',
    'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'setHostnameAsFQDN', 'affinity', 'schedulerName',
    'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'preemptionPolicy', 'dnsConfig', 'readinessGates',
    'runtimeClassName', 'overhead', 'enableServiceLinks', 'topologySpreadConstraints', 'os', 'schedulingGates',
    'resourceClaims', 'resources',
  ],
  pointers: ['terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'automountServiceAccountToken', 'securityContext', 'affinity', 'priority', 'preemptionPolicy', 'enableServiceLinks'],
};

const UPDATABLE_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
].join(',');

type QoS = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** qos.GetPodQOS: only cpu and memory count. */
export function podQOS(s: J): QoS {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  for (const c of [...arr(s, 'containers'), ...arr(s, 'initContainers')]) {
    const res = obj(c, 'resources');
    for (const [k, v] of Object.entries(obj(res, 'requests') ?? {})) {
      const q = tryParseQuantity(v);
      if ((k === 'cpu' || k === 'memory') && q && q.nanos !== 0n) requests.set(k, (requests.get(k) ?? 0n) + q.nanos);
    }
    const found = new Set<string>();
    for (const [k, v] of Object.entries(obj(res, 'limits') ?? {})) {
      const q = tryParseQuantity(v);
      if ((k === 'cpu' || k === 'memory') && q && q.nanos !== 0n) {
        limits.set(k, (limits.get(k) ?? 0n) + q.nanos);
        found.add(k);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) for (const [k, v] of requests) if (limits.get(k) !== v) guaranteed = false;
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** ValidatePodUpdate's spec rules (metadata is checked by the store). */
function validatePodUpdate(o: KObject, old: KObject): FieldError[] {
  const ns = spec(o);
  const os = spec(old);
  const out: FieldError[] = [];
  for (const key of ['containers', 'initContainers'] as const) {
    const nc = arr(ns, key);
    const oc = arr(os, key);
    if (nc.length !== oc.length) return [forbiddenField(`spec.${key}`, 'pod updates may not add or remove containers')];
    for (const [i, c] of nc.entries()) if (!str(c, 'image')) out.push(required(`spec.${key}[${i}].image`));
  }
  const nAds = ns.activeDeadlineSeconds;
  const oAds = os.activeDeadlineSeconds;
  if (typeof nAds === 'number') {
    if (nAds < 0 || nAds > 2147483647) return [...out, invalid('spec.activeDeadlineSeconds', nAds, 'must be between 0 and 2147483647, inclusive')];
    if (typeof oAds === 'number' && oAds < nAds) return [...out, invalid('spec.activeDeadlineSeconds', nAds, 'must be less than or equal to previous value')];
  } else if (typeof oAds === 'number') out.push(invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  // validateOnlyAddedTolerations
  const nt = arr(ns, 'tolerations');
  for (const t of arr(os, 'tolerations')) {
    const found = nt.some((x) => isObj(t) && isObj(x) && deepEqual({ ...t, tolerationSeconds: x.tolerationSeconds }, x));
    if (!found) {
      out.push(forbiddenField('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds'));
      break;
    }
  }
  // Munge the updatable fields back to their old values; anything still different is forbidden.
  const munged = structuredClone(ns);
  for (const key of ['containers', 'initContainers'] as const) {
    const oc = arr(os, key);
    for (const [i, c] of arr(munged, key).entries()) if (isObj(c)) c.image = (oc[i] as J | undefined)?.image;
  }
  if (oAds === undefined) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = oAds;
  if (os.schedulingGates === undefined) delete munged.schedulingGates;
  else munged.schedulingGates = os.schedulingGates;
  if (os.tolerations === undefined) delete munged.tolerations;
  else munged.tolerations = os.tolerations;
  const oTgps = os.terminationGracePeriodSeconds;
  if (typeof oTgps === 'number' && oTgps < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oTgps;
  // spec.serviceAccount is the v1-only alias of serviceAccountName; the internal struct has no such field
  const a = { ...os };
  const b = { ...munged };
  delete a.serviceAccount;
  delete b.serviceAccount;
  if (!deepEqual(a, b))
    out.push(forbiddenField('spec', `pod updates may not change fields other than ${UPDATABLE_FIELDS}\n${goDiff(POD_SPEC_STRUCT, a, b)}`));
  return out;
}

export function podWarnings(s: J, path: string): string[] {
  const w: string[] = [];
  for (const k of Object.keys(obj(s, 'nodeSelector') ?? {}))
    if (DEPRECATED_NODE_LABELS[k]) w.push(`${path}.nodeSelector[${k}]: ${DEPRECATED_NODE_LABELS[k]}`);
  const req = obj(obj(obj(s, 'affinity'), 'nodeAffinity'), 'requiredDuringSchedulingIgnoredDuringExecution');
  for (const [i, t] of arr(req, 'nodeSelectorTerms').entries())
    for (const [j, e] of arr(t, 'matchExpressions').entries()) {
      const msg = DEPRECATED_NODE_LABELS[str(e, 'key')];
      if (msg)
        w.push(`${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}].matchExpressions[${j}].key: ${str(e, 'key')} is ${msg}`);
    }
  for (const [i, v] of arr(s, 'volumes').entries()) {
    if (isObj(v) && v.photonPersistentDisk) w.push(`${path}.volumes[${i}].photonPersistentDisk: deprecated in v1.11, non-functional in v1.16+`);
    if (isObj(v) && v.gitRepo) w.push(`${path}.volumes[${i}].gitRepo: deprecated in v1.11`);
    if (isObj(v) && v.scaleIO) w.push(`${path}.volumes[${i}].scaleIO: deprecated in v1.16, non-functional in v1.22+`);
  }
  return w;
}

export const podStrategy: KindStrategy = {
  kind: 'Pod',
  statusSubresource: true,
  defaults(o) {
    const s = ensure(o, 'spec');
    defaultPodSpec(s);
    // v1 conversion keeps the deprecated serviceAccount alias in step with serviceAccountName
    if (str(s, 'serviceAccountName') && !str(s, 'serviceAccount')) s.serviceAccount = s.serviceAccountName;
    if (!str(s, 'serviceAccountName') && str(s, 'serviceAccount')) s.serviceAccountName = s.serviceAccount;
  },
  prepareForCreate(o) {
    o.status = { phase: 'Pending', qosClass: podQOS(spec(o)) };
  },
  validate(o) {
    const out = validatePodSpec(spec(o), 'spec', o.metadata.name ?? '');
    if (arr(spec(o), 'ephemeralContainers').length > 0) out.push(forbiddenField('spec.ephemeralContainers', 'cannot be set on create'));
    if (str(spec(o), 'nodeName') && arr(spec(o), 'schedulingGates').length > 0)
      out.push(forbiddenField('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
    return out;
  },
  validateUpdate(o, old) {
    return [...validatePodSpec(spec(o), 'spec', o.metadata.name ?? ''), ...validatePodUpdate(o, old)];
  },
  gracefulDeleteSeconds(o, requested) {
    // CheckGracefulDelete: unscheduled or finished pods go at once; negative becomes 1
    const s = spec(o);
    let period = requested ?? (typeof s.terminationGracePeriodSeconds === 'number' ? s.terminationGracePeriodSeconds : 0);
    if (!str(s, 'nodeName')) period = 0;
    const phase = str(o.status, 'phase');
    if (phase === 'Failed' || phase === 'Succeeded') period = 0;
    return period < 0 ? 1 : period;
  },
  warnings(o) {
    return podWarnings(spec(o), 'spec');
  },
};
