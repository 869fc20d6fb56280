// Per-source checks of a PersistentVolume's (and a pod volume's) storage source: validateHostPathVolumeSource,
// validateNFSVolumeSource, validateLocalVolumeSource, validateCSIPersistentVolumeSource … in core/validation.
// Sources the playground never provisions only get their required-field checks.
import { invalid, required, tooLong, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Subdomain } from '../store/meta-validation';
import { has, isObj, obj, str } from './util';

export const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];

/** validatePathNoBacksteps: one error even for `../../..`. */
export function noBacksteps(p: string, path: string): FieldError[] {
  return p.split('/').includes('..') ? [invalid(path, p, "must not contain '..'")] : [];
}

export function validateHostPath(src: unknown, path: string): FieldError[] {
  const p = str(src, 'path');
  if (!p) return [required(`${path}.path`)];
  const out = noBacksteps(p, `${path}.path`);
  if (has(src, 'type') && !HOST_PATH_TYPES.includes((src as Record<string, unknown>).type as string))
    out.push(unsupported(`${path}.type`, (src as Record<string, unknown>).type, HOST_PATH_TYPES));
  return out;
}

export function validateNfs(src: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (!str(src, 'server')) out.push(required(`${path}.server`));
  const p = str(src, 'path');
  if (!p) out.push(required(`${path}.path`));
  if (!p.startsWith('/')) out.push(invalid(`${path}.path`, p, 'must be an absolute path'));
  return out;
}

/** ValidateCSIDriverName */
export function validateCsiDriverName(name: string, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (!name) out.push(required(path));
  if (name.length > 63) out.push(tooLong(path, 63));
  for (const m of dns1123Subdomain(name.toLowerCase())) out.push(invalid(path, name, m));
  return out;
}

function secretRef(src: unknown, key: string, path: string): FieldError[] {
  const ref = obj(src, key);
  if (!ref) return [];
  const out: FieldError[] = [];
  if (!str(ref, 'name')) out.push(required(`${path}.${key}.name`));
  if (!str(ref, 'namespace')) out.push(required(`${path}.${key}.namespace`));
  return out;
}

const REQUIRED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  gcePersistentDisk: ['pdName'],
  awsElasticBlockStore: ['volumeID'],
  cinder: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'],
  azureFile: ['secretName', 'shareName'],
  iscsi: ['targetPortal', 'iqn'],
  vsphereVolume: ['volumePath'],
  photonPersistentDisk: ['pdID'],
  portworxVolume: ['volumeID'],
  flexVolume: ['driver'],
};

export function validatePvSource(kind: string, src: unknown, path: string): FieldError[] {
  if (!isObj(src)) return [];
  switch (kind) {
    case 'hostPath':
      return validateHostPath(src, path);
    case 'nfs':
      return validateNfs(src, path);
    case 'local': {
      const p = str(src, 'path');
      return p ? noBacksteps(p, `${path}.path`) : [required(`${path}.path`)];
    }
    case 'csi': {
      const out = validateCsiDriverName(str(src, 'driver'), `${path}.driver`);
      if (!str(src, 'volumeHandle')) out.push(required(`${path}.volumeHandle`));
      for (const k of ['controllerPublishSecretRef', 'nodeStageSecretRef', 'nodePublishSecretRef', 'controllerExpandSecretRef', 'nodeExpandSecretRef'])
        out.push(...secretRef(src, k, path));
      return out;
    }
    default:
      return (REQUIRED_FIELDS[kind] ?? []).filter((f) => !str(src, f)).map((f) => required(`${path}.${f}`));
  }
}
