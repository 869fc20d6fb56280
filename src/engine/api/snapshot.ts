// VolumeSnapshot, VolumeSnapshotContent, VolumeSnapshotClass (snapshot.storage.k8s.io/v1): CRDs from
// kubernetes-csi/external-snapshotter, so "validation" is the CRD's OpenAPI schema (required fields, enums)
// and its x-kubernetes-validations CEL rules, whose errors read `<path>: Invalid value: "object": <message>`.
import type { KindStrategy } from '../store/strategy';
import { invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { has, obj, str, type J } from './util';

const DELETION_POLICIES = ['Delete', 'Retain'];

/** A CEL rule failure: the bad value is printed as the JSON type name, as the apiserver does. */
function cel(path: string, type: 'object' | 'string', message: string): FieldError {
  return { ...invalid(path, null, message), goValue: `"${type}"` };
}

function immutableString(next: J | undefined, old: J | undefined, key: string, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (has(old, key) && !has(next, key)) out.push(cel(path, 'object', `${key} is required once set`));
  if (has(old, key) && has(next, key) && next![key] !== old![key]) out.push(cel(`${path}.${key}`, 'string', `${key} is immutable`));
  return out;
}

function validateSnapshot(o: J): FieldError[] {
  const spec = obj(o, 'spec');
  if (!spec) return [required('spec')];
  const out: FieldError[] = [];
  const src = obj(spec, 'source');
  if (!src) out.push(required('spec.source'));
  else if (has(src, 'persistentVolumeClaimName') === has(src, 'volumeSnapshotContentName'))
    out.push(cel('spec.source', 'object', 'exactly one of volumeSnapshotContentName and persistentVolumeClaimName must be set'));
  if (spec.volumeSnapshotClassName === '')
    out.push(cel('spec.volumeSnapshotClassName', 'string', 'volumeSnapshotClassName must not be the empty string when set'));
  return out;
}

export const volumeSnapshotStrategy: KindStrategy = {
  kind: 'VolumeSnapshot',
  statusSubresource: true,
  hasGeneration: true,
  prepareForCreate(o) {
    delete o.status;
  },
  validate: (o) => validateSnapshot(o),
  validateUpdate(o, old) {
    const out = validateSnapshot(o);
    const ns = obj(obj(o, 'spec'), 'source');
    const os = obj(obj(old, 'spec'), 'source');
    out.push(...immutableString(ns, os, 'persistentVolumeClaimName', 'spec.source'));
    out.push(...immutableString(ns, os, 'volumeSnapshotContentName', 'spec.source'));
    return out;
  },
};

function validateContent(o: J): FieldError[] {
  const spec = obj(o, 'spec');
  if (!spec) return [required('spec')];
  const out: FieldError[] = [];
  const policy = str(spec, 'deletionPolicy');
  if (!has(spec, 'deletionPolicy')) out.push(required('spec.deletionPolicy'));
  else if (!DELETION_POLICIES.includes(policy)) out.push(unsupported('spec.deletionPolicy', spec.deletionPolicy, DELETION_POLICIES));
  if (!has(spec, 'driver')) out.push(required('spec.driver'));
  const src = obj(spec, 'source');
  if (!src) out.push(required('spec.source'));
  else if (has(src, 'volumeHandle') === has(src, 'snapshotHandle'))
    out.push(cel('spec.source', 'object', 'exactly one of volumeHandle and snapshotHandle must be set'));
  const ref = obj(spec, 'volumeSnapshotRef');
  if (!ref) out.push(required('spec.volumeSnapshotRef'));
  else if (!has(ref, 'name') || !has(ref, 'namespace'))
    out.push(cel('spec.volumeSnapshotRef', 'object', 'both spec.volumeSnapshotRef.name and spec.volumeSnapshotRef.namespace must be set'));
  return out;
}

export const volumeSnapshotContentStrategy: KindStrategy = {
  kind: 'VolumeSnapshotContent',
  statusSubresource: true,
  hasGeneration: true,
  prepareForCreate(o) {
    delete o.status;
  },
  validate: (o) => validateContent(o),
  validateUpdate(o, old) {
    const out = validateContent(o);
    const ns = obj(obj(o, 'spec'), 'source');
    const os = obj(obj(old, 'spec'), 'source');
    for (const k of ['volumeHandle', 'snapshotHandle'])
      if (has(os, k) && has(ns, k) && ns![k] !== os![k]) out.push(cel(`spec.source.${k}`, 'string', `${k} is immutable`));
    const nm = obj(o, 'spec')?.sourceVolumeMode;
    const om = obj(old, 'spec')?.sourceVolumeMode;
    if (om !== undefined && nm !== om) out.push(cel('spec.sourceVolumeMode', 'string', 'sourceVolumeMode is immutable'));
    return out;
  },
};

export const volumeSnapshotClassStrategy: KindStrategy = {
  kind: 'VolumeSnapshotClass',
  validate(o) {
    const out: FieldError[] = [];
    if (!has(o, 'deletionPolicy')) out.push(required('deletionPolicy'));
    else if (!DELETION_POLICIES.includes(str(o, 'deletionPolicy'))) out.push(unsupported('deletionPolicy', o.deletionPolicy, DELETION_POLICIES));
    if (!has(o, 'driver')) out.push(required('driver'));
    return out;
  },
  validateUpdate(o) {
    return this.validate!(o, undefined as never);
  },
};
