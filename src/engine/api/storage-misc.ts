// CSIDriver, CSINode and VolumeAttachment (storage.k8s.io/v1): SetDefaults_CSIDriver and the checks of
// pkg/apis/storage/validation/validation.go that the playground's objects can reach (1.32).
import type { KindStrategy } from '../store/strategy';
import { duplicate, invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Subdomain, qualifiedName } from '../store/meta-validation';
import { validateCsiDriverName } from './pv-sources';
import { arr, deepEqual, def, ensure, has, obj, spec, str } from './util';

const FS_GROUP_POLICIES = ['File', 'None', 'ReadWriteOnceWithFSType'];
const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];

export const csiDriverStrategy: KindStrategy = {
  kind: 'CSIDriver',
  defaults(o) {
    const s = ensure(o, 'spec');
    def(s, 'attachRequired', true);
    def(s, 'podInfoOnMount', false);
    def(s, 'storageCapacity', false);
    def(s, 'fsGroupPolicy', 'ReadWriteOnceWithFSType');
    if (arr(s, 'volumeLifecycleModes').length === 0) s.volumeLifecycleModes = ['Persistent'];
    def(s, 'requiresRepublish', false);
    def(s, 'seLinuxMount', false); // SELinuxMountReadWriteOncePod is beta and on
  },
  validate(o) {
    return validateCsiDriverSpec(spec(o));
  },
  validateUpdate(o, old) {
    const out = validateCsiDriverSpec(spec(o));
    // upstream spells the path "attachedRequired"
    if (!deepEqual(spec(o).attachRequired, spec(old).attachRequired))
      out.push(invalid('spec.attachedRequired', spec(o).attachRequired ?? null, 'field is immutable'));
    if (!deepEqual(spec(o).volumeLifecycleModes, spec(old).volumeLifecycleModes))
      out.push({ ...invalid('spec.volumeLifecycleModes', null, 'field is immutable'), goValue: goStrings(arr(spec(o), 'volumeLifecycleModes')) });
    return out;
  },
};

function goStrings(v: unknown[]): string {
  return `[]storage.VolumeLifecycleMode{${v.map((x) => JSON.stringify(x)).join(', ')}}`;
}

function validateCsiDriverSpec(s: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  if (!has(s, 'attachRequired')) out.push(required('spec.attachedRequired'));
  if (!has(s, 'podInfoOnMount')) out.push(required('spec.podInfoOnMount'));
  if (!has(s, 'storageCapacity')) out.push(required('spec.storageCapacity'));
  if (has(s, 'fsGroupPolicy') && !FS_GROUP_POLICIES.includes(s.fsGroupPolicy as string))
    out.push(unsupported('spec.fsGroupPolicy', s.fsGroupPolicy, FS_GROUP_POLICIES));
  const auds = new Set<string>();
  for (const [i, t] of arr(s, 'tokenRequests').entries()) {
    const a = str(t, 'audience');
    if (auds.has(a)) {
      out.push(duplicate(`spec.tokenRequests[${i}].audience`, a));
      continue;
    }
    auds.add(a);
    const exp = (t as Record<string, unknown>).expirationSeconds;
    if (typeof exp === 'number' && exp < 600)
      out.push(invalid(`spec.tokenRequests[${i}].expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
    if (typeof exp === 'number' && exp > 2 ** 32)
      out.push(invalid(`spec.tokenRequests[${i}].expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
  }
  for (const m of arr(s, 'volumeLifecycleModes'))
    if (!LIFECYCLE_MODES.includes(m as string)) out.push({ ...unsupported('spec.volumeLifecycleModes', m, []), detail: 'supported values: "Persistent", "Ephemeral"' });
  if (!has(s, 'seLinuxMount')) out.push(required('spec.seLinuxMount'));
  return out;
}

export const csiNodeStrategy: KindStrategy = {
  kind: 'CSINode',
  validate(o) {
    return validateCsiNodeSpec(spec(o));
  },
  validateUpdate(o, old) {
    const out = validateCsiNodeSpec(spec(o));
    // An existing driver entry may not change (drivers may be added or removed).
    for (const od of arr(spec(old), 'drivers'))
      for (const nd of arr(spec(o), 'drivers'))
        if (str(od, 'name') === str(nd, 'name') && !deepEqual(od, nd))
          out.push({ ...invalid('spec.drivers', null, 'field is immutable'), goValue: 'storage.CSINodeDriver{…}' });
    return out;
  },
};

function validateCsiNodeSpec(s: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  const names = new Set<string>();
  for (const [i, d] of arr(s, 'drivers').entries()) {
    const p = `spec.drivers[${i}]`;
    const name = str(d, 'name');
    out.push(...validateCsiDriverName(name, `${p}.name`));
    const nodeID = str(d, 'nodeID');
    if (!nodeID) out.push(required(`${p}.nodeID`));
    if (nodeID.length > 192) out.push(invalid(`${p}.nodeID`, nodeID, 'must be 192 characters or less'));
    const count = obj(d, 'allocatable')?.count;
    if (typeof count === 'number' && count < 0) out.push(invalid(`${p}.allocatable.count`, count, 'must be greater than or equal to 0'));
    if (names.has(name)) out.push(duplicate(`${p}.name`, name));
    names.add(name);
    const keys = new Set<string>();
    for (const k of arr(d, 'topologyKeys').map(String)) {
      if (!k) out.push(required(p));
      if (keys.has(k)) out.push(duplicate(p, k));
      keys.add(k);
      for (const m of qualifiedName(k)) out.push(invalid(p, k, m));
    }
  }
  return out;
}

export const volumeAttachmentStrategy: KindStrategy = {
  kind: 'VolumeAttachment',
  statusSubresource: true,
  prepareForCreate(o) {
    delete o.status; // the attacher reports status
  },
  validate(o) {
    return validateVolumeAttachment(o.spec);
  },
  validateUpdate(o, old) {
    const out = validateVolumeAttachment(o.spec);
    if (!deepEqual(o.spec, old.spec)) out.push({ ...invalid('spec', null, 'field is immutable'), goValue: 'storage.VolumeAttachmentSpec{…}' });
    return out;
  },
};

function validateVolumeAttachment(s: unknown): FieldError[] {
  const out: FieldError[] = [];
  const attacher = str(s, 'attacher');
  if (!attacher) out.push(required('spec.attacher'));
  const src = obj(s, 'source') ?? {};
  const pvName = src.persistentVolumeName;
  const inline = has(src, 'inlineVolumeSpec');
  if (!inline && (pvName === undefined || pvName === null))
    out.push(required('spec.source', 'must specify exactly one of inlineVolumeSpec and persistentVolumeName'));
  else if (inline && pvName !== undefined && pvName !== null)
    out.push({ type: 'Forbidden', field: 'spec.source', detail: 'must specify exactly one of inlineVolumeSpec and persistentVolumeName' });
  else if (!inline && pvName === '') out.push(required('spec.source.persistentVolumeName', 'must specify non empty persistentVolumeName'));
  for (const m of dns1123Subdomain(str(s, 'nodeName'))) out.push(invalid('spec.nodeName', str(s, 'nodeName'), m));
  // ValidateVolumeAttachmentV1: the attacher is a CSI driver name, the PV name a DNS subdomain
  out.push(...validateCsiDriverName(attacher, 'spec.attacher'));
  if (typeof pvName === 'string' && pvName)
    for (const m of dns1123Subdomain(pvName)) out.push(invalid('spec.source.persistentVolumeName', pvName, m));
  return out;
}
