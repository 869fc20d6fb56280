// The storage admission plugins: DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault),
// StorageObjectInUseProtection (…/storageobjectinuseprotection) and PersistentVolumeClaimResize
// (…/persistentvolume/resize).
import type { KObject } from '../../model/types';
import { cmpQuantity, tryParseQuantity } from '../../model/quantity';
import { parseTime } from '../../clock/clock';
import type { AdmissionPlugin, StoreView } from '../../store/strategy';
import { ensure, has, obj, str } from '../util';
import { isDefaultClass } from '../storageclass';
import { BETA_CLASS_ANNOTATION } from '../warnings';
import { admissionForbidden } from './namespace-lifecycle';

/** storageutil.GetDefaultClass: of several defaults the newest wins, ties broken by name. */
export function defaultStorageClass(view: StoreView): KObject | undefined {
  const defaults = view.list('StorageClass').filter(isDefaultClass);
  defaults.sort((a, b) => {
    const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
    return ta === tb ? (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0) : tb - ta;
  });
  return defaults[0];
}

export const defaultStorageClassAdmission: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  admit(req) {
    if (req.operation !== 'CREATE' || req.kind !== 'PersistentVolumeClaim') return;
    const spec = ensure(req.obj, 'spec');
    // an explicit class (even "") or the beta annotation opts out of defaulting
    if (has(spec, 'storageClassName')) return;
    if (req.obj.metadata.annotations && BETA_CLASS_ANNOTATION in req.obj.metadata.annotations) return;
    const sc = defaultStorageClass(req.view);
    if (sc) spec.storageClassName = sc.metadata.name;
  },
};

const PROTECTION: Partial<Record<string, string>> = {
  PersistentVolumeClaim: 'kubernetes.io/pvc-protection',
  PersistentVolume: 'kubernetes.io/pv-protection',
};

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(req) {
    const fin = PROTECTION[req.kind];
    if (req.operation !== 'CREATE' || !fin) return;
    const md = req.obj.metadata;
    if (!(md.finalizers ?? []).includes(fin)) md.finalizers = [...(md.finalizers ?? []), fin];
  },
};

/** GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
function claimClass(pvc: KObject): string {
  const ann = pvc.metadata.annotations?.[BETA_CLASS_ANNOTATION];
  if (ann !== undefined) return ann;
  return str(pvc.spec, 'storageClassName');
}

export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  validate(req) {
    if (req.operation !== 'UPDATE' || req.kind !== 'PersistentVolumeClaim' || !req.old) return undefined;
    const size = (o: KObject) => tryParseQuantity(obj(obj(o.spec, 'resources'), 'requests')?.storage);
    const oldSize = size(req.old) ?? { nanos: 0n, format: 'BinarySI' as const };
    const newSize = size(req.obj) ?? { nanos: 0n, format: 'BinarySI' as const };
    if (cmpQuantity(newSize, oldSize) <= 0) return undefined;
    const name = req.obj.metadata.name;
    if (str(req.old.status, 'phase') !== 'Bound')
      return admissionForbidden('PersistentVolumeClaim', name, 'Only bound persistent volume claims can be expanded');
    const cls = claimClass(req.obj);
    const oldCls = claimClass(req.old);
    const sc = cls && cls === oldCls ? req.view.get('StorageClass', undefined, cls) : undefined;
    if (sc?.allowVolumeExpansion === true) return undefined;
    return admissionForbidden(
      'PersistentVolumeClaim',
      name,
      'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  },
};
