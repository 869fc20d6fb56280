// Pod volumes and volume mounts: ValidateVolumes / validateVolumeSource / ValidateVolumeMounts of
// pkg/apis/core/validation/validation.go (1.32), including upstream's own path quirks (`cephFS`,
// `downwarAPI`, `persistentDisk`, and subPath errors reported on `volumeMounts.subPath` without an index).
import { duplicate, forbiddenField, invalid, notFoundField, required, unsupported, type FieldError } from '../store/field-errors';
import { dns1123Label, dns1123Subdomain } from '../store/meta-validation';
import { tryParseQuantity } from '../model/quantity';
import { noBacksteps, validateCsiDriverName, validateHostPath, validateNfs } from './pv-sources';
import { validatePvcSpec } from './persistentvolumeclaim';
import { arr, has, isObj, obj, str, type J } from './util';

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

/** Sources in the order validateVolumeSource checks them, with the path segment it reports a conflict on. */
const SOURCE_ORDER: readonly [string, string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
];

function mode(v: unknown, path: string): FieldError[] {
  return typeof v === 'number' && (v > 0o777 || v < 0) ? [invalid(path, v, FILE_MODE_MSG)] : [];
}

function localDescending(p: string, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (p.startsWith('/')) out.push(invalid(path, p, 'must be a relative path'));
  out.push(...noBacksteps(p, path));
  return out;
}

/** ValidateLocalNonReservedPath */
function localNonReserved(p: string, path: string): FieldError[] {
  const out = localDescending(p, path);
  if (p.startsWith('..') && !p.startsWith('../')) out.push(invalid(path, p, "must not start with '..'"));
  return out;
}

function keyToPath(kp: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (!str(kp, 'key')) out.push(required(`${path}.key`));
  if (!str(kp, 'path')) out.push(required(`${path}.path`));
  out.push(...localNonReserved(str(kp, 'path'), `${path}.path`));
  out.push(...mode(isObj(kp) ? kp.mode : undefined, `${path}.mode`));
  return out;
}

const DOWNWARD_FIELDS = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];

function downwardFile(f: unknown, path: string): FieldError[] {
  const out: FieldError[] = [];
  if (!str(f, 'path')) out.push(required(`${path}.path`));
  out.push(...localNonReserved(str(f, 'path'), `${path}.path`));
  const ref = obj(f, 'fieldRef');
  if (ref) {
    const fp = str(ref, 'fieldPath');
    if (!fp) out.push(required(`${path}.fieldRef.fieldPath`));
    else if (!DOWNWARD_FIELDS.includes(fp) && !/^metadata\.(labels|annotations)\['.+'\]$/.test(fp))
      out.push(unsupported(`${path}.fieldRef.fieldPath`, fp, DOWNWARD_FIELDS));
    if (has(f, 'resourceFieldRef')) out.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (!has(f, 'resourceFieldRef')) out.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  out.push(...mode((f as J)?.mode, `${path}.mode`));
  return out;
}

function projected(src: J, path: string): FieldError[] {
  const out = mode(src.defaultMode, `${path}.defaultMode`);
  const paths = new Set<string>();
  const seen = (p: string, bad: string) => {
    if (!p) return;
    if (paths.has(p)) out.push(invalid(path, bad, 'conflicting duplicate paths'));
    paths.add(p);
  };
  for (const [i, s] of arr(src, 'sources').entries()) {
    const sp = `${path}.sources[${i}]`;
    let n = 0;
    for (const k of ['secret', 'configMap'] as const) {
      const o = obj(s, k);
      if (!o) continue;
      n++;
      if (!str(o, 'name')) out.push(required(`${sp}.${k}.name`));
      for (const [j, it] of arr(o, 'items').entries()) {
        out.push(...keyToPath(it, `${sp}.${k}.items[${j}]`));
        seen(str(it, 'path'), str(o, 'name'));
      }
    }
    const dapi = obj(s, 'downwardAPI');
    if (dapi) {
      n++;
      for (const f of arr(dapi, 'items')) {
        out.push(...downwardFile(f, `${sp}.downwardAPI`));
        seen(str(f, 'path'), str(f, 'path'));
      }
    }
    const tok = obj(s, 'serviceAccountToken');
    if (tok) {
      n++;
      const exp = typeof tok.expirationSeconds === 'number' ? tok.expirationSeconds : 0;
      if (exp < 600) out.push(invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) out.push(invalid(`${sp}.serviceAccountToken.expirationSeconds`, exp, 'may not specify a duration larger than 2^32 seconds'));
      // upstream reports these on the projected volume's path, not the source's
      if (!str(tok, 'path')) out.push(required(`${path}.path`));
      else out.push(...localNonReserved(str(tok, 'path'), `${path}.path`));
    }
    if (has(s, 'clusterTrustBundle')) n++;
    if (n > 1) out.push(forbiddenField(sp, 'may not specify more than 1 volume type'));
  }
  return out;
}

function validateSource(v: J, path: string, volName: string, podName: string): FieldError[] {
  const out: FieldError[] = [];
  let n = 0;
  for (const [key, errKey] of SOURCE_ORDER) {
    if (!has(v, key)) continue;
    const src = isObj(v[key]) ? (v[key] as J) : {};
    const p = `${path}.${key}`;
    if (n > 0) {
      out.push(forbiddenField(`${path}.${errKey}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    switch (key) {
      case 'emptyDir': {
        const q = tryParseQuantity(src.sizeLimit);
        if (q && q.nanos < 0n) out.push(forbiddenField(`${p}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'hostPath':
        out.push(...validateHostPath(src, p));
        break;
      case 'nfs':
        out.push(...validateNfs(src, p));
        break;
      case 'secret':
        if (!str(src, 'secretName')) out.push(required(`${p}.secretName`));
        out.push(...mode(src.defaultMode, `${p}.defaultMode`));
        for (const [j, it] of arr(src, 'items').entries()) out.push(...keyToPath(it, `${p}.items[${j}]`));
        break;
      case 'configMap':
        if (!str(src, 'name')) out.push(required(`${p}.name`));
        out.push(...mode(src.defaultMode, `${p}.defaultMode`));
        for (const [j, it] of arr(src, 'items').entries()) out.push(...keyToPath(it, `${p}.items[${j}]`));
        break;
      case 'persistentVolumeClaim':
        if (!str(src, 'claimName')) out.push(required(`${p}.claimName`));
        break;
      case 'downwardAPI':
        out.push(...mode(src.defaultMode, `${p}.defaultMode`));
        for (const f of arr(src, 'items')) out.push(...downwardFile(f, p));
        break;
      case 'projected':
        out.push(...projected(src, p));
        break;
      case 'csi': {
        out.push(...validateCsiDriverName(str(src, 'driver'), `${p}.driver`));
        const ref = obj(src, 'nodePublishSecretRef');
        if (ref && !str(ref, 'name')) out.push(required(`${p}.nodePublishSecretRef.name`));
        else if (ref) for (const m of dns1123Subdomain(str(ref, 'name'))) out.push(invalid(`${p}.nodePublishSecretRef.name`, str(ref, 'name'), m));
        break;
      }
      case 'ephemeral': {
        const tpl = obj(src, 'volumeClaimTemplate');
        if (!tpl) out.push(required(`${p}.volumeClaimTemplate`));
        else out.push(...validatePvcSpec(isObj(tpl.spec) ? tpl.spec : {}, `${p}.volumeClaimTemplate.spec`));
        if (tpl && podName && volName)
          for (const m of dns1123Subdomain(`${podName}-${volName}`))
            out.push(invalid(`${p}.name`, volName, `PVC name "${podName}-${volName}": ${m}`));
        break;
      }
      case 'gcePersistentDisk':
        if (!str(src, 'pdName')) out.push(required(`${path}.persistentDisk.pdName`));
        break;
      case 'awsElasticBlockStore':
      case 'cinder':
        if (!str(src, 'volumeID')) out.push(required(`${p}.volumeID`));
        break;
      case 'iscsi':
        if (!str(src, 'targetPortal')) out.push(required(`${p}.targetPortal`));
        if (!str(src, 'iqn')) out.push(required(`${p}.iqn`));
        break;
      case 'gitRepo':
        if (!str(src, 'repository')) out.push(required(`${p}.repository`));
        out.push(...localDescending(str(src, 'directory'), `${p}.directory`));
        break;
      default:
        break;
    }
  }
  if (n === 0) out.push(required(path, 'must specify a volume type'));
  return out;
}

/** ValidateVolumes: returns the names of the valid volumes (mounts of invalid ones are "Not found" too). */
export function validateVolumes(volumes: unknown[], path: string, podName: string): { names: Map<string, J>; errs: FieldError[] } {
  const errs: FieldError[] = [];
  const names = new Map<string, J>();
  const ephemeralClaims = new Set<string>();
  if (podName) for (const v of volumes) if (has(v, 'ephemeral')) ephemeralClaims.add(`${podName}-${str(v, 'name')}`);
  for (const [i, v] of volumes.entries()) {
    const vp = `${path}[${i}]`;
    const vol = isObj(v) ? v : {};
    const name = str(vol, 'name');
    const el = validateSource(vol, vp, name, podName);
    if (!name) el.push(required(`${vp}.name`));
    else for (const m of dns1123Label(name)) el.push(invalid(`${vp}.name`, name, m));
    if (names.has(name)) el.push(duplicate(`${vp}.name`, name));
    if (el.length === 0) names.set(name, vol);
    else errs.push(...el);
    const claim = str(obj(vol, 'persistentVolumeClaim'), 'claimName');
    if (claim && ephemeralClaims.has(claim))
      errs.push(invalid(`${vp}.persistentVolumeClaim.claimName`, claim, 'must not reference a PVC that gets created for an ephemeral volume'));
  }
  return { names, errs };
}

const PROPAGATIONS = ['Bidirectional', 'HostToContainer', 'None'];
const RRO_MODES = ['Disabled', 'Enabled', 'IfPossible'];

/** ValidateVolumeMounts for one container (volumeDevices: name → devicePath). */
export function validateVolumeMounts(c: J, volumes: Map<string, J>, path: string): FieldError[] {
  const out: FieldError[] = [];
  const mountpoints = new Set<string>();
  const devices = new Map<string, string>(arr(c, 'volumeDevices').map((d) => [str(d, 'name'), str(d, 'devicePath')]));
  const privileged = obj(c, 'securityContext')?.privileged === true;
  for (const [i, m] of arr(c, 'volumeMounts').entries()) {
    const mp = `${path}[${i}]`;
    const name = str(m, 'name');
    const mountPath = str(m, 'mountPath');
    if (!name) out.push(required(`${mp}.name`));
    if (!volumes.has(name)) out.push(notFoundField(`${mp}.name`, name));
    if (!mountPath) out.push(required(`${mp}.mountPath`));
    if (mountpoints.has(mountPath)) out.push(invalid(`${mp}.mountPath`, mountPath, 'must be unique'));
    mountpoints.add(mountPath);
    if (devices.has(name)) out.push(invalid(`${mp}.name`, name, 'must not already exist in volumeDevices'));
    if ([...devices.values()].includes(mountPath)) out.push(invalid(`${mp}.mountPath`, mountPath, 'must not already exist as a path in volumeDevices'));
    const subPath = str(m, 'subPath');
    const subPathExpr = str(m, 'subPathExpr');
    if (subPath) out.push(...localDescending(subPath, `${path}.subPath`));
    if (subPathExpr) {
      if (subPath) out.push(invalid(`${mp}.subPathExpr`, subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      out.push(...localDescending(subPathExpr, `${path}.subPathExpr`));
    }
    const prop = (m as J).mountPropagation;
    if (prop !== undefined && prop !== null) {
      if (!PROPAGATIONS.includes(prop as string)) out.push(unsupported(`${path}.mountPropagation`, prop, PROPAGATIONS));
      if (prop === 'Bidirectional' && !privileged)
        out.push(forbiddenField(`${path}.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    const rro = (m as J).recursiveReadOnly;
    if (rro !== undefined && rro !== null && rro !== 'Disabled') {
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if ((m as J).readOnly !== true) out.push(forbiddenField(`${path}.recursiveReadOnly`, 'may only be specified when readOnly is true'));
        if (prop !== undefined && prop !== null && prop !== 'None')
          out.push(forbiddenField(`${path}.recursiveReadOnly`, 'may only be specified when mountPropagation is None or not specified'));
      } else out.push(unsupported(`${path}.recursiveReadOnly`, rro, RRO_MODES));
    }
  }
  return out;
}
