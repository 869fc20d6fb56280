// ServiceAccount admission (plugin/pkg/admission/serviceaccount): on pod create, default
// spec.serviceAccountName to "default", require the account to exist, and project the API token into every
// container as the kube-api-access-<suffix> volume.
import type { KObject } from '../../model/types';
import type { AdmissionPlugin } from '../../store/strategy';
import { arr, ensure, isObj, str, type J } from '../util';
import { admissionForbidden } from './namespace-lifecycle';

export const TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const VOLUME_PREFIX = 'kube-api-access-';
/** utilrand's alphabet for generated names (no vowels, no confusable digits). */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The 5-character suffix. Upstream draws it at random; admission has no access to the store's RNG, so we
 * derive it from the pod's namespace, name and the instant of creation (FNV-1a) — same inputs, same name.
 */
export function tokenVolumeSuffix(pod: KObject, now: number): string {
  let h = 2166136261;
  for (const ch of `${pod.metadata.namespace}/${pod.metadata.name ?? pod.metadata.generateName ?? ''}@${now}`)
    h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += ALPHANUMS[h % ALPHANUMS.length];
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return out;
}

/** TokenVolumeSource(): a one-hour (+7s) bound token, the cluster CA and the namespace. */
export function tokenVolumeSource(): J {
  return {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  };
}

function mountToken(spec: J, volumeName: string, hasVolume: boolean): void {
  const mount = { name: volumeName, readOnly: true, mountPath: TOKEN_MOUNT_PATH };
  let needs = false;
  for (const key of ['initContainers', 'containers'])
    for (const c of arr(spec, key)) {
      if (!isObj(c)) continue;
      // an existing mount at the default path prevents mounting the API token
      if (arr(c, 'volumeMounts').some((m) => str(m, 'mountPath') === TOKEN_MOUNT_PATH)) continue;
      c.volumeMounts = [...arr(c, 'volumeMounts'), { ...mount }];
      needs = true;
    }
  if (!hasVolume && needs) spec.volumes = [...arr(spec, 'volumes'), { name: volumeName, projected: tokenVolumeSource() }];
}

export const serviceAccountAdmission: AdmissionPlugin = {
  name: 'ServiceAccount',
  // Admit (the mutating phase) refuses a missing account before any validation runs, as upstream does:
  // the store lets an ApiError thrown here end the request.
  admit(req) {
    if (req.operation !== 'CREATE' || req.kind !== 'Pod') return;
    const spec = ensure(req.obj, 'spec');
    if (!str(spec, 'serviceAccountName')) spec.serviceAccountName = 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const ns = req.obj.metadata.namespace ?? 'default';
    const saName = str(spec, 'serviceAccountName');
    const sa = req.view.get('ServiceAccount', ns, saName) as J | undefined;
    // The "default" account is taken to exist even when no object is stored: in a cluster the
    // service-account controller creates it in every namespace at once (only the brief race right after a
    // namespace is created is lost). Any other name must exist.
    if (!sa && saName !== 'default')
      throw admissionForbidden('Pod', req.obj.metadata.name ?? '', `error looking up service account ${ns}/${saName}: serviceaccount "${saName}" not found`);
    // shouldAutomount: the pod's preference wins, then the account's, then true
    const automount = typeof spec.automountServiceAccountToken === 'boolean' ? spec.automountServiceAccountToken : sa?.automountServiceAccountToken !== false;
    if (automount) {
      const existing = arr(spec, 'volumes').find((v) => str(v, 'name').startsWith(VOLUME_PREFIX));
      const name = existing ? str(existing, 'name') : `${VOLUME_PREFIX}${tokenVolumeSuffix(req.obj, req.now)}`;
      mountToken(spec, name, existing !== undefined);
    }
    // the account's imagePullSecrets become the pod's when it names none
    if (arr(spec, 'imagePullSecrets').length === 0 && arr(sa, 'imagePullSecrets').length > 0)
      spec.imagePullSecrets = arr(sa, 'imagePullSecrets').map((r) => ({ name: str(r, 'name') }));
  },
};
