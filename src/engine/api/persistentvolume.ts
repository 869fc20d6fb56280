// PersistentVolume: SetDefaults_PersistentVolume (core/v1/defaults.go), the registry strategy
// (pkg/registry/core/persistentvolume/strategy.go), ValidatePersistentVolume(Update) (core/validation) and
// GetWarningsForPersistentVolume (pkg/api/persistentvolume/util.go), as of 1.32.
import { rfc3339 } from '../clock/clock';
import type { KindStrategy } from '../store/strategy';
import { forbiddenField, invalid, required, unsupported, type FieldError } from '../store/field-errors';
import { goDiff } from './diff';
import {
  VOLUME_MODES,
  arr,
  canonicalizeQuantities,
  deepEqual,
  def,
  ensure,
  has,
  immutable,
  isObj,
  obj,
  spec,
  str,
  validateAccessModes,
  validateClassNameField,
  validateNodeSelector,
  validatePositiveQuantity,
  type J,
} from './util';
import { validatePvSource } from './pv-sources';
import {
  BETA_CLASS_ANNOTATION,
  DEPRECATED_CLASS_ANNOTATION_MSG,
  DEPRECATED_MOUNT_OPTIONS_MSG,
  DEPRECATED_NODE_LABELS,
  DEPRECATED_PV_PLUGINS,
  DEPRECATED_PV_PLUGIN_PATH,
  MOUNT_OPTIONS_ANNOTATION,
} from './warnings';

/** PersistentVolumeSource members in the Go struct's order (the order the "more than 1 volume type" check walks). */
export const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte',
  'cephfs', 'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk',
  'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi',
] as const;

const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

function validateSpec(s: J): FieldError[] {
  const out: FieldError[] = [];
  const modes = arr(s, 'accessModes');
  if (modes.length === 0) out.push(required('spec.accessModes'));
  out.push(...validateAccessModes(modes, 'spec.accessModes'));

  const cap = obj(s, 'capacity') ?? {};
  const keys = Object.keys(cap);
  if (keys.length === 0) out.push(required('spec.capacity'));
  if (!('storage' in cap) || keys.length > 1)
    out.push({ ...unsupported('spec.capacity', null, ['storage']), goValue: goResourceList(cap) });
  for (const k of keys.sort()) out.push(...validatePositiveQuantity(cap[k], `spec.capacity[${k}]`));

  const policy = str(s, 'persistentVolumeReclaimPolicy');
  if (policy && !RECLAIM_POLICIES.includes(policy))
    out.push(unsupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));

  let nodeAffinitySpecified = false;
  const na = obj(s, 'nodeAffinity');
  if (na) {
    // validateVolumeNodeAffinity: any nodeAffinity counts as specified; `required` must be there and carry terms.
    nodeAffinitySpecified = true;
    if (has(na, 'required')) out.push(...validateNodeSelector(na.required, 'spec.nodeAffinity.required'));
    else out.push(required('spec.nodeAffinity.required', 'must specify required node constraints'));
  }

  let count = 0;
  for (const src of PV_SOURCES) {
    if (!has(s, src)) continue;
    // upstream quirks: flexVolume is counted without the conflict check, cephfs conflicts are reported as
    // `cephFS`, and GCE PD field errors under `persistentDisk`
    if (count > 0 && src !== 'flexVolume') {
      out.push(forbiddenField(`spec.${src === 'cephfs' ? 'cephFS' : src}`, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    out.push(...validatePvSource(src, s[src], `spec.${src === 'gcePersistentDisk' ? 'persistentDisk' : src}`));
    if (src === 'local' && !nodeAffinitySpecified)
      out.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  }
  if (count === 0) out.push(required('spec', 'must specify a volume type'));

  const hostPath = str(obj(s, 'hostPath'), 'path');
  if (has(s, 'hostPath') && cleanPath(hostPath) === '/' && policy === 'Recycle')
    out.push(forbiddenField('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"));

  const cls = str(s, 'storageClassName');
  if (cls) out.push(...validateClassNameField(cls, 'spec.storageClassName'));
  if (has(s, 'volumeMode') && !VOLUME_MODES.includes(s.volumeMode as string))
    out.push(unsupported('spec.volumeMode', s.volumeMode, VOLUME_MODES));
  return out;
}

/** %#v of a core.ResourceList as the NotSupported error prints it. */
function goResourceList(m: J): string {
  const keys = Object.keys(m);
  if (keys.length === 0) return 'core.ResourceList(nil)';
  return `core.ResourceList{${keys
    .sort()
    .map((k) => `"${k}":resource.Quantity{…}`)
    .join(', ')}}`;
}

/** path.Clean for the `/` check: collapse slashes and dots. */
export function cleanPath(p: string): string {
  if (!p) return '.';
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length && parts[parts.length - 1] !== '..') parts.pop();
      else if (!abs) parts.push('..');
    } else parts.push(seg);
  }
  const joined = parts.join('/');
  return abs ? `/${joined}` : joined || '.';
}

function sourceOf(s: J): J {
  const out: J = {};
  for (const k of PV_SOURCES) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

export const persistentVolumeStrategy: KindStrategy = {
  kind: 'PersistentVolume',
  statusSubresource: true,
  defaults(o) {
    const s = ensure(o, 'spec');
    def(s, 'persistentVolumeReclaimPolicy', 'Retain');
    def(s, 'volumeMode', 'Filesystem');
    canonicalizeQuantities(obj(s, 'capacity'));
    const hp = obj(s, 'hostPath');
    if (hp) def(hp, 'type', '');
    if (isObj(o.status)) def(o.status, 'phase', 'Pending');
    else o.status = { phase: 'Pending' };
  },
  prepareForCreate(o, ctx) {
    // The status of a new PV is the apiserver's: Pending, with the phase transition time (GA in 1.31).
    o.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now) };
  },
  prepareForStatusUpdate(o, old, ctx) {
    // persistentvolumeStatusStrategy.PrepareForUpdate: a phase change the writer did not stamp gets the
    // current time as lastPhaseTransitionTime (PersistentVolumeLastPhaseTransitionTime, GA in 1.31).
    const next = isObj(o.status) ? o.status : undefined;
    const prev = isObj(old.status) ? old.status : {};
    if (!next || next.phase === prev.phase) return;
    if (next.lastPhaseTransitionTime === undefined || next.lastPhaseTransitionTime === prev.lastPhaseTransitionTime)
      next.lastPhaseTransitionTime = rfc3339(ctx.now);
  },
  validate(o) {
    return validateSpec(spec(o));
  },
  validateUpdate(o, old) {
    const out = validateSpec(spec(o));
    const ns = spec(o);
    const os = spec(old);
    const newSrc = sourceOf(ns);
    const oldSrc = sourceOf(os);
    // A CSI PV may gain a controllerExpandSecretRef it did not have.
    const oc = obj(oldSrc, 'csi');
    const nc = obj(newSrc, 'csi');
    if (oc && nc && !has(oc, 'controllerExpandSecretRef') && has(nc, 'controllerExpandSecretRef')) {
      newSrc.csi = { ...nc };
      delete (newSrc.csi as J).controllerExpandSecretRef;
    }
    if (!deepEqual(newSrc, oldSrc)) {
      const diff = goDiff({ type: 'core.PersistentVolumeSource', fields: [...PV_SOURCES], pointers: [...PV_SOURCES] }, oldSrc, newSrc);
      out.push(forbiddenField('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${diff}`));
    }
    out.push(...immutable(ns.volumeMode, os.volumeMode, 'volumeMode'));
    // nodeAffinity may be set when it was unset, never changed afterwards.
    if (has(os, 'nodeAffinity') && !deepEqual(ns.nodeAffinity, os.nodeAffinity))
      out.push({ ...invalid('nodeAffinity', null, 'field is immutable'), goValue: 'core.VolumeNodeAffinity{…}' });
    return out;
  },
  warnings(o) {
    const w: string[] = [];
    if (o.metadata.annotations && BETA_CLASS_ANNOTATION in o.metadata.annotations)
      w.push(`metadata.annotations[${BETA_CLASS_ANNOTATION}]: ${DEPRECATED_CLASS_ANNOTATION_MSG}`);
    const s = spec(o);
    if (s.persistentVolumeReclaimPolicy === 'Recycle')
      w.push('spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.');
    if (o.metadata.annotations && MOUNT_OPTIONS_ANNOTATION in o.metadata.annotations)
      w.push(`metadata.annotations[${MOUNT_OPTIONS_ANNOTATION}]: ${DEPRECATED_MOUNT_OPTIONS_MSG}`);
    for (const [i, t] of arr(obj(obj(s, 'nodeAffinity'), 'required'), 'nodeSelectorTerms').entries())
      for (const [j, e] of arr(t, 'matchExpressions').entries()) {
        const msg = DEPRECATED_NODE_LABELS[str(e, 'key')];
        if (msg) w.push(`spec.nodeAffinity.required.nodeSelectorTerms[${i}].matchExpressions[${j}].key: ${str(e, 'key')} is ${msg}`);
      }
    for (const [src, msg] of Object.entries(DEPRECATED_PV_PLUGINS))
      if (has(s, src)) w.push(`spec.${DEPRECATED_PV_PLUGIN_PATH[src] ?? src}: ${msg}`);
    return w;
  },
};
