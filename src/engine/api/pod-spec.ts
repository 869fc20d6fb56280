// ValidatePodSpec (pkg/apis/core/validation, 1.32) — the parts a storage lesson reaches: containers (names,
// images, ports, pull policy, resources), volumes and mounts, restart/DNS policy, tolerations, nodeSelector.
import { tryParseQuantity, cmpQuantity, canonicalQuantity } from '../model/quantity';
import { duplicate, invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Label, dns1123Subdomain, validateLabels, qualifiedName } from '../store/meta-validation';
import { validateVolumeMounts, validateVolumes } from './pod-volumes';
import { arr, has, isObj, obj, str, unsupportedOrdered, validateNodeSelector, type J } from './util';

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const TOLERATION_OPERATORS = ['Equal', 'Exists'];
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateResources(res: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  const limits = obj(res, 'limits') ?? {};
  const requests = obj(res, 'requests') ?? {};
  for (const [k, v] of Object.entries(requests)) {
    const req = tryParseQuantity(v);
    const lim = tryParseQuantity(limits[k]);
    if (req && req.nanos < 0n) out.push(invalid(`${path}.requests[${k}]`, canonicalQuantity(String(v)), 'must be greater than or equal to 0'));
    if (req && lim && cmpQuantity(req, lim) > 0)
      out.push(invalid(`${path}.requests`, canonicalQuantity(String(v)), `must be less than or equal to ${k} limit of ${canonicalQuantity(String(limits[k]))}`));
  }
  for (const [k, v] of Object.entries(limits)) {
    const lim = tryParseQuantity(v);
    if (lim && lim.nanos < 0n) out.push(invalid(`${path}.limits[${k}]`, canonicalQuantity(String(v)), 'must be greater than or equal to 0'));
  }
  return out;
}

function validateContainer(c: J, path: string, volumes: Map<string, J>, names: Set<string>): FieldError[] {
  const out: FieldError[] = [];
  const name = str(c, 'name');
  if (!name) out.push(required(`${path}.name`));
  else for (const m of dns1123Label(name)) out.push(invalid(`${path}.name`, name, m));
  if (name && names.has(name)) out.push(duplicate(`${path}.name`, name));
  names.add(name);
  if (!str(c, 'image')) out.push(required(`${path}.image`));
  const pull = str(c, 'imagePullPolicy');
  if (!pull) out.push(required(`${path}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull)) out.push(unsupportedOrdered(`${path}.imagePullPolicy`, pull, PULL_POLICIES));
  const tmp = str(c, 'terminationMessagePolicy');
  if (!tmp) out.push(required(`${path}.terminationMessagePolicy`, 'must be \'File\' or \'FallbackToLogsOnError\''));
  else if (!TERMINATION_MESSAGE_POLICIES.includes(tmp))
    out.push(invalid(`${path}.terminationMessagePolicy`, tmp, 'must be \'File\' or \'FallbackToLogsOnError\''));
  for (const [i, p] of arr(c, 'ports').entries()) {
    const pp = `${path}.ports[${i}]`;
    const port = isObj(p) ? p.containerPort : undefined;
    if (typeof port !== 'number' || port === 0) out.push(required(`${pp}.containerPort`));
    else if (port < 1 || port > 65535) out.push(invalid(`${pp}.containerPort`, port, 'must be between 1 and 65535, inclusive'));
    const proto = str(p, 'protocol');
    if (!proto) out.push(required(`${pp}.protocol`));
    else if (!PROTOCOLS.includes(proto)) out.push(unsupported(`${pp}.protocol`, proto, PROTOCOLS));
  }
  for (const [i, e] of arr(c, 'env').entries()) if (!str(e, 'name')) out.push(required(`${path}.env[${i}].name`));
  out.push(...validateVolumeMounts(c, volumes, `${path}.volumeMounts`));
  out.push(...validateResources(obj(c, 'resources'), `${path}.resources`));
  return out;
}

function validateTolerations(ts: unknown[], path: string): FieldError[] {
  const out: FieldError[] = [];
  for (const [i, t] of ts.entries()) {
    const tp = `${path}[${i}]`;
    const key = str(t, 'key');
    const op = str(t, 'operator');
    if (key) for (const m of qualifiedName(key)) out.push(invalid(`${tp}.key`, key, m));
    if (!key && op !== 'Exists') out.push(invalid(`${tp}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (has(t, 'tolerationSeconds') && str(t, 'effect') !== 'NoExecute')
      out.push(invalid(`${tp}.effect`, str(t, 'effect'), 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    if (op && !TOLERATION_OPERATORS.includes(op)) out.push(unsupportedOrdered(`${tp}.operator`, op, TOLERATION_OPERATORS));
    if (op === 'Exists' && str(t, 'value')) out.push(invalid(`${tp}.operator`, str(t, 'value'), 'value must be empty when `operator` is \'Exists\''));
    const eff = str(t, 'effect');
    if (eff && !TAINT_EFFECTS.includes(eff)) out.push(unsupportedOrdered(`${tp}.effect`, eff, TAINT_EFFECTS));
  }
  return out;
}

/** ValidatePodSpec with `path` = `spec` (pods) or `spec.template.spec` (workloads). */
export function validatePodSpec(s: J, path: string, podName: string): FieldError[] {
  const out: FieldError[] = [];
  const { names: volumes, errs } = validateVolumes(arr(s, 'volumes'), `${path}.volumes`, podName);
  out.push(...errs);
  const containerNames = new Set<string>();
  const containers = arr(s, 'containers');
  // ValidatePodSpec order: containers, then init containers (whose names may not repeat a container's)
  if (containers.length === 0) out.push(required(`${path}.containers`));
  for (const [i, c] of containers.entries())
    out.push(...validateContainer(isObj(c) ? c : {}, `${path}.containers[${i}]`, volumes, containerNames));
  for (const [i, c] of arr(s, 'initContainers').entries())
    out.push(...validateContainer(isObj(c) ? c : {}, `${path}.initContainers[${i}]`, volumes, containerNames));
  const rp = str(s, 'restartPolicy');
  if (!rp) out.push(required(`${path}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(rp)) out.push(unsupportedOrdered(`${path}.restartPolicy`, rp, RESTART_POLICIES));
  const dns = str(s, 'dnsPolicy');
  if (!dns) out.push(required(`${path}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dns)) out.push(unsupportedOrdered(`${path}.dnsPolicy`, dns, DNS_POLICIES));
  out.push(...validateLabels(obj(s, 'nodeSelector'), `${path}.nodeSelector`));
  const na = obj(obj(s, 'affinity'), 'nodeAffinity');
  const req = obj(na, 'requiredDuringSchedulingIgnoredDuringExecution');
  if (req) out.push(...validateNodeSelector(req, `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution`));
  const sa = str(s, 'serviceAccountName');
  if (sa) for (const m of dns1123Subdomain(sa)) out.push(invalid(`${path}.serviceAccountName`, sa, m));
  const nodeName = str(s, 'nodeName');
  if (nodeName) for (const m of dns1123Subdomain(nodeName)) out.push(invalid(`${path}.nodeName`, nodeName, m));
  const ads = s.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647))
    out.push(invalid(`${path}.activeDeadlineSeconds`, ads, 'must be between 1 and 2147483647, inclusive'));
  out.push(...validateTolerations(arr(s, 'tolerations'), `${path}.tolerations`));
  return out;
}
