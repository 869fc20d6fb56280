// StorageClass (storage.k8s.io/v1): SetDefaults_StorageClass (storage/v1/defaults.go) and
// ValidateStorageClass(Update) (pkg/apis/storage/validation/validation.go), 1.32.
import type { KindStrategy } from '../store/strategy';
import { duplicate, forbiddenField, invalid, required, tooLong, unsupported, type FieldError } from '../store/field-errors';
import { qualifiedName } from '../store/meta-validation';
import type { KObject } from '../model/types';
import { arr, deepEqual, def, immutable, isObj, str } from './util';
import { DEPRECATED_NODE_LABELS } from './warnings';

export const IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

const SC_RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const MAX_PARAMETERS = 512;
const MAX_PARAMETERS_SIZE = 256 * 1024;

/** storageutil.IsDefaultAnnotation: either annotation set to exactly "true". */
export function isDefaultClass(sc: KObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IS_DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_IS_DEFAULT_CLASS_ANNOTATION] === 'true';
}

function validateStorageClass(sc: KObject): FieldError[] {
  const out: FieldError[] = [];
  const prov = typeof sc.provisioner === 'string' ? sc.provisioner : '';
  if (!prov) out.push(required('provisioner'));
  else for (const m of qualifiedName(prov.toLowerCase())) out.push(invalid('provisioner', prov, m));
  const params = isObj(sc.parameters) ? sc.parameters : {};
  const keys = Object.keys(params);
  if (keys.length > MAX_PARAMETERS) out.push(tooLong('parameters', MAX_PARAMETERS));
  else {
    let size = 0;
    for (const k of keys) {
      if (k.length < 1) out.push(invalid('parameters', k, 'field can not be empty.'));
      size += k.length + String(params[k] ?? '').length;
    }
    if (size > MAX_PARAMETERS_SIZE) out.push(tooLong('parameters', MAX_PARAMETERS_SIZE));
  }
  const policy = typeof sc.reclaimPolicy === 'string' ? sc.reclaimPolicy : '';
  if (policy && !SC_RECLAIM_POLICIES.includes(policy)) out.push(unsupported('reclaimPolicy', policy, SC_RECLAIM_POLICIES));
  if (sc.volumeBindingMode === undefined || sc.volumeBindingMode === null) out.push(required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode as string))
    out.push(unsupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  out.push(...validateAllowedTopologies(sc.allowedTopologies));
  return out;
}

/** validateAllowedTopologies + ValidateTopologySelectorTerm (core/validation): values required and unique,
 * keys unique within a term, identical terms are duplicates. */
function validateAllowedTopologies(terms: unknown): FieldError[] {
  const out: FieldError[] = [];
  if (!Array.isArray(terms)) return out;
  const seenTerms: string[] = [];
  for (const [i, t] of terms.entries()) {
    const tp = `allowedTopologies[${i}]`;
    const keys = new Map<string, string[]>();
    for (const [j, e] of arr(t, 'matchLabelExpressions').entries()) {
      const ep = `${tp}.matchLabelExpressions[${j}]`;
      const key = str(e, 'key');
      const values = arr(e, 'values').map(String);
      if (values.length === 0) out.push(required(`${ep}.values`));
      const vs = new Set<string>();
      for (const [k, v] of values.entries()) {
        if (vs.has(v)) out.push(duplicate(`${ep}.values[${k}]`, v));
        vs.add(v);
      }
      for (const m of qualifiedName(key)) out.push(invalid(`${ep}.key`, key, m));
      if (keys.has(key)) out.push(duplicate(`${ep}.key`, key));
      keys.set(key, [...vs].sort());
    }
    const sig = JSON.stringify([...keys.entries()].sort());
    if (seenTerms.includes(sig)) out.push(duplicate(`${tp}.matchLabelExpressions`, ''));
    seenTerms.push(sig);
  }
  return out;
}

export const storageClassStrategy: KindStrategy = {
  kind: 'StorageClass',
  defaults(o) {
    def(o, 'reclaimPolicy', 'Delete');
    def(o, 'volumeBindingMode', 'Immediate');
  },
  validate(o) {
    return validateStorageClass(o);
  },
  validateUpdate(o, old) {
    const out = validateStorageClass(o);
    if (!deepEqual(o.parameters, old.parameters)) out.push(forbiddenField('parameters', 'updates to parameters are forbidden.'));
    if (o.provisioner !== old.provisioner) out.push(forbiddenField('provisioner', 'updates to provisioner are forbidden.'));
    if (o.reclaimPolicy !== old.reclaimPolicy) out.push(forbiddenField('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    out.push(...immutable(o.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
    return out;
  },
  warnings(o) {
    // GetWarningsForStorageClass: deprecated node labels in allowedTopologies
    const w: string[] = [];
    for (const [i, t] of arr(o, 'allowedTopologies').entries())
      for (const [j, e] of arr(t, 'matchLabelExpressions').entries()) {
        const msg = DEPRECATED_NODE_LABELS[str(e, 'key')];
        if (msg) w.push(`allowedTopologies[${i}].matchLabelExpressions[${j}].key: ${str(e, 'key')} is ${msg}`);
      }
    return w;
  },
};


