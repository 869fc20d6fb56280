// Volume source blocks of describe (describeVolumes and the PV `Source:` section), with upstream's
// literal texts and its odd indentation (`    VolumeAttributes:\t    k=v`).
import { arr, rec, str, type Rec } from '../printers/helpers';
import { LEVEL_0, LEVEL_1, LEVEL_2, type PrefixWriter } from './writer';
import { canonicalQuantity } from '../../model/quantity';

function goBool(v: unknown): string {
  return v === true ? 'true' : 'false';
}

function goPtrBool(v: unknown): string {
  return v === undefined || v === null ? '<nil>' : goBool(v);
}

function csiAttributes(w: PrefixWriter, attrs: unknown): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const a = rec(attrs);
  const keys = Object.keys(a).sort();
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((k, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${k}=${str(a[k])}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

/** One volume source (pod volume or PV source); false when the type is not one we print. */
export function printVolumeSource(w: PrefixWriter, src: Rec, persistent: boolean): boolean {
  if (src.hostPath) {
    const h = rec(src.hostPath);
    const t = h.type === undefined || h.type === null ? '<none>' : str(h.type);
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(h.path)}\n    HostPathType:\t${t}\n`);
  } else if (src.emptyDir) {
    const e = rec(src.emptyDir);
    const limit = e.sizeLimit && canonicalQuantity(str(e.sizeLimit)) !== '0' ? canonicalQuantity(str(e.sizeLimit)) : '<unset>';
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(e.medium)}\n    SizeLimit:\t${limit}\n`);
  } else if (src.secret) {
    const s = rec(src.secret);
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(s.secretName)}\n    Optional:\t${goBool(s.optional)}\n`);
  } else if (src.configMap) {
    const c = rec(src.configMap);
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(c.name)}\n    Optional:\t${goBool(c.optional)}\n`);
  } else if (src.nfs) {
    const n = rec(src.nfs);
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(n.server)}\n    Path:\t${str(n.path)}\n    ReadOnly:\t${goBool(n.readOnly)}\n`);
  } else if (src.persistentVolumeClaim) {
    const c = rec(src.persistentVolumeClaim);
    w.write(
      LEVEL_2,
      `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(c.claimName)}\n    ReadOnly:\t${goBool(c.readOnly)}\n`,
    );
  } else if (src.ephemeral) {
    w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    const t = rec(rec(src.ephemeral).volumeClaimTemplate);
    if (src.ephemeral && rec(src.ephemeral).volumeClaimTemplate) {
      const sp = rec(t.spec);
      const ann = rec(rec(t.metadata).annotations);
      const cls = ann['volume.beta.kubernetes.io/storage-class'] !== undefined ? str(ann['volume.beta.kubernetes.io/storage-class']) : str(sp.storageClassName);
      w.write(LEVEL_2, `StorageClass:\t${cls}\n`);
      w.write(LEVEL_2, `Volume:\t${str(sp.volumeName)}\n`);
      w.write(LEVEL_2, `Labels:\t${Object.keys(rec(rec(t.metadata).labels)).length ? '' : '<none>'}\n`);
      w.write(LEVEL_2, `Annotations:\t${Object.keys(ann).length ? '' : '<none>'}\n`);
      w.write(LEVEL_2, `Capacity:\t\n`);
      w.write(LEVEL_2, `Access Modes:\t\n`);
      if (sp.volumeMode) w.write(LEVEL_2, `VolumeMode:\t${str(sp.volumeMode)}\n`);
    }
  } else if (src.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(rec(src.local).path)}\n`);
  } else if (src.csi) {
    const c = rec(src.csi);
    if (persistent) {
      w.write(
        LEVEL_2,
        `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(c.driver)}\n    FSType:\t${str(c.fsType)}\n    VolumeHandle:\t${str(c.volumeHandle)}\n    ReadOnly:\t${goBool(c.readOnly)}\n`,
      );
    } else {
      w.write(
        LEVEL_2,
        `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(c.driver)}\n    FSType:\t${str(c.fsType)}\n    ReadOnly:\t${goBool(c.readOnly)}\n`,
      );
    }
    csiAttributes(w, c.volumeAttributes);
  } else if (src.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of arr(rec(src.projected).sources).map(rec)) {
      // v1.32 prints the *bool itself: <nil> when unset (a set pointer prints its address upstream).
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${str(rec(s.secret).name)}\n    SecretOptionalName:\t${goPtrBool(rec(s.secret).optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${str(rec(s.configMap).name)}\n    ConfigMapOptional:\t${goPtrBool(rec(s.configMap).optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${String(rec(s.serviceAccountToken).expirationSeconds ?? 3607)}\n`);
    }
  } else if (src.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const m of arr(rec(src.downwardAPI).items).map(rec)) {
      if (m.fieldRef) w.write(3, `${str(rec(m.fieldRef).fieldPath)} -> ${str(m.path)}\n`);
      if (m.resourceFieldRef) w.write(3, `${str(rec(m.resourceFieldRef).resource)} -> ${str(m.path)}\n`);
    }
  } else return false;
  return true;
}

export function describeVolumes(w: PrefixWriter, volumes: unknown, space = ''): void {
  const vs = arr(volumes).map(rec);
  if (!vs.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of vs) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${str(v.name)}:\n`);
    if (!printVolumeSource(w, v, false)) w.write(LEVEL_1, '<unknown>\n');
  }
}
