// PersistentVolumeClaim: SetDefaults_PersistentVolumeClaim(Spec), the registry strategy
// (pkg/registry/core/persistentvolumeclaim/strategy.go + pkg/api/persistentvolumeclaim/util.go) and
// ValidatePersistentVolumeClaim(Update) as of 1.32 (RecoverVolumeExpansionFailure beta, on).
import { cmpQuantity, tryParseQuantity } from '../model/quantity';
import type { KObject } from '../model/types';
import type { KindStrategy } from '../store/strategy';
import { forbiddenField, invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Subdomain } from '../store/meta-validation';
import { goDiff } from './diff';
import {
  VOLUME_MODES,
  arr,
  canonicalizeQuantities,
  def,
  ensure,
  has,
  immutable,
  isObj,
  obj,
  sortKeys,
  spec,
  str,
  validateAccessModes,
  validateClassNameField,
  validateLabelSelector,
  validatePositiveQuantity,
  type J,
} from './util';
import { BETA_CLASS_ANNOTATION, DEPRECATED_CLASS_ANNOTATION_MSG, fractionalWarning } from './warnings';

export const PVC_SPEC_STRUCT = {
  type: 'core.PersistentVolumeClaimSpec',
  fields: ['accessModes', 'selector', 'resources', 'volumeName', 'storageClassName', 'volumeMode', 'dataSource', 'dataSourceRef', 'volumeAttributesClassName'],
  pointers: ['selector', 'storageClassName', 'volumeMode', 'dataSource', 'dataSourceRef', 'volumeAttributesClassName'],
} as const;

function validateDataSource(ds: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (!str(ds, 'name')) out.push(required(`${path}.name`));
  if (!str(ds, 'kind')) out.push(required(`${path}.kind`));
  const group = str(ds, 'apiGroup');
  if (!group && str(ds, 'kind') !== 'PersistentVolumeClaim')
    out.push(invalid(path, str(ds, 'kind'), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
  if (group) for (const m of dns1123Subdomain(group)) out.push(invalid(`${path}.apiGroup`, group, m));
  return out;
}

/** ValidatePersistentVolumeClaimSpec; StatefulSet volumeClaimTemplates reuse it with their own path. */
export function validatePvcSpec(s: J, path: string): FieldError[] {
  const out: FieldError[] = [];
  const modes = arr(s, 'accessModes');
  if (modes.length === 0) out.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  if (has(s, 'selector')) out.push(...validateLabelSelector(s.selector, `${path}.selector`));
  out.push(...validateAccessModes(modes, `${path}.accessModes`));
  const requests = obj(obj(s, 'resources'), 'requests') ?? {};
  if (!('storage' in requests)) out.push(required(`${path}.resources[storage]`));
  else out.push(...validatePositiveQuantity(requests.storage, `${path}.resources[storage]`));
  const cls = str(s, 'storageClassName');
  if (cls) out.push(...validateClassNameField(cls, `${path}.storageClassName`));
  if (has(s, 'volumeMode') && !VOLUME_MODES.includes(s.volumeMode as string))
    out.push(unsupported(`${path}.volumeMode`, s.volumeMode, VOLUME_MODES));
  if (has(s, 'dataSource')) out.push(...validateDataSource(s.dataSource, `${path}.dataSource`));
  if (has(s, 'dataSourceRef')) {
    const ref = obj(s, 'dataSourceRef');
    out.push(...validateDataSource(ref, `${path}.dataSourceRef`));
    const ds = obj(s, 'dataSource');
    // Both set: they must agree (unless dataSourceRef names another namespace).
    if (ds && !str(ref, 'namespace') && (str(ds, 'kind') !== str(ref, 'kind') || str(ds, 'name') !== str(ref, 'name') || str(ds, 'apiGroup') !== str(ref, 'apiGroup')))
      out.push({ ...invalid(path, null, 'must match dataSourceRef'), goValue: `${path}.dataSource` });
  }
  return out;
}

/** SetDefaults_PersistentVolumeClaimSpec plus quantity canonicalisation (shared with volumeClaimTemplates). */
export function defaultPvcSpec(s: J): void {
  def(s, 'volumeMode', 'Filesystem');
  const res = obj(s, 'resources');
  canonicalizeQuantities(obj(res, 'requests'));
  canonicalizeQuantities(obj(res, 'limits'));
}

function isPvcOrSnapshot(ds: J | undefined): boolean {
  if (!ds) return false;
  const g = str(ds, 'apiGroup');
  return (ds.kind === 'PersistentVolumeClaim' && !g) || (ds.kind === 'VolumeSnapshot' && g === 'snapshot.storage.k8s.io');
}

/** EnforceDataSourceBackwardsCompatibility + NormalizeDataSources (AnyVolumeDataSource is on). */
function normalizeDataSources(s: J, old: J | undefined): void {
  // DropDisabledFields: CrossNamespaceVolumeDataSource is alpha (off), so a namespaced dataSourceRef is dropped
  if (str(obj(s, 'dataSourceRef'), 'namespace') && !has(old, 'dataSourceRef')) delete s.dataSourceRef;
  const inUse = old && (has(old, 'dataSource') || has(old, 'dataSourceRef'));
  if (!inUse && !has(s, 'dataSourceRef') && !isPvcOrSnapshot(obj(s, 'dataSource'))) delete s.dataSource;
  if (old) return; // NormalizeDataSources runs on create (and reads), not on updates
  const ds = obj(s, 'dataSource');
  const ref = obj(s, 'dataSourceRef');
  const copy = (x: J) => ({ ...(has(x, 'apiGroup') ? { apiGroup: x.apiGroup } : {}), kind: x.kind, name: x.name });
  if (ds && !ref) s.dataSourceRef = copy(ds);
  else if (ref && !ds && !str(ref, 'namespace')) s.dataSource = copy(ref);
}

function storageOf(o: KObject): unknown {
  return obj(obj(spec(o), 'resources'), 'requests')?.storage;
}

export const persistentVolumeClaimStrategy: KindStrategy = {
  kind: 'PersistentVolumeClaim',
  statusSubresource: true,
  defaults(o) {
    defaultPvcSpec(ensure(o, 'spec'));
    if (isObj(o.status)) def(o.status, 'phase', 'Pending');
    else o.status = { phase: 'Pending' };
  },
  prepareForCreate(o) {
    o.status = { phase: 'Pending' };
    normalizeDataSources(ensure(o, 'spec'), undefined);
  },
  prepareForUpdate(o, old) {
    normalizeDataSources(ensure(o, 'spec'), spec(old));
  },
  validate(o) {
    return validatePvcSpec(spec(o), 'spec');
  },
  validateUpdate(o, old) {
    const out = validatePvcSpec(spec(o), 'spec');
    const newSpec = structuredClone(spec(o));
    const oldSpec = structuredClone(spec(old));
    // The PV controller sets spec.volumeName once.
    if (!str(oldSpec, 'volumeName')) oldSpec.volumeName = newSpec.volumeName;
    const oldAnn = old.metadata.annotations ?? {};
    const newAnn = o.metadata.annotations ?? {};
    const oldCls = oldSpec.storageClassName;
    const newCls = newSpec.storageClassName;
    const oldHasAnn = BETA_CLASS_ANNOTATION in oldAnn;
    const newHasAnn = BETA_CLASS_ANNOTATION in newAnn;
    if (oldHasAnn && oldCls === undefined && newCls === oldAnn[BETA_CLASS_ANNOTATION] && (!newHasAnn || newAnn[BETA_CLASS_ANNOTATION] === oldAnn[BETA_CLASS_ANNOTATION])) {
      // validateStorageClassUpgradeFromAnnotation: the beta annotation moves into the field
      delete newSpec.storageClassName;
    } else {
      // ValidateImmutableAnnotation (note: Child, not Key, so the path has no brackets)
      if ((newAnn[BETA_CLASS_ANNOTATION] ?? '') !== (oldAnn[BETA_CLASS_ANNOTATION] ?? ''))
        out.push(invalid(`metadata.annotations.${BETA_CLASS_ANNOTATION}`, newAnn[BETA_CLASS_ANNOTATION] ?? '', 'field is immutable'));
      // validateStorageClassUpgradeFromNil: retroactive default StorageClass assignment (GA in 1.28)
      if (newCls !== undefined && oldCls === undefined && (!oldHasAnn || newCls === oldAnn[BETA_CLASS_ANNOTATION])) delete newSpec.storageClassName;
    }
    const bound = str(o.status, 'phase') === 'Bound';
    if (bound) {
      const req = obj(obj(newSpec, 'resources'), 'requests');
      if (req) req.storage = storageOf(old);
      if (has(newSpec, 'volumeAttributesClassName')) newSpec.volumeAttributesClassName = oldSpec.volumeAttributesClassName;
    }
    if (JSON.stringify(sortKeys(newSpec)) !== JSON.stringify(sortKeys(oldSpec))) {
      const diff = goDiff(PVC_SPEC_STRUCT, oldSpec, newSpec);
      out.push(forbiddenField('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff}`));
    }
    const newSize = tryParseQuantity(storageOf(o));
    const oldSize = tryParseQuantity(storageOf(old));
    if (newSize && oldSize && cmpQuantity(newSize, oldSize) < 0) {
      // RecoverVolumeExpansionFailure: shrinking is allowed down to (not to) status.capacity
      const statusSize = tryParseQuantity(obj(obj(old, 'status'), 'capacity')?.storage) ?? { nanos: 0n, format: 'BinarySI' as const };
      if (cmpQuantity(newSize, statusSize) <= 0)
        out.push(forbiddenField('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
    out.push(...immutable(spec(o).volumeMode, spec(old).volumeMode, 'volumeMode'));
    return out;
  },
  warnings(o) {
    const w: string[] = [];
    if (o.metadata.annotations && BETA_CLASS_ANNOTATION in o.metadata.annotations)
      w.push(`metadata.annotations[${BETA_CLASS_ANNOTATION}]: ${DEPRECATED_CLASS_ANNOTATION_MSG}`);
    const res = obj(spec(o), 'resources');
    w.push(...fractionalWarning(obj(res, 'requests')?.storage, 'spec.resources.requests[storage]'));
    w.push(...fractionalWarning(obj(res, 'limits')?.storage, 'spec.resources.limits[storage]'));
    return w;
  },
};
