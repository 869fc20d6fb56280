// generateContainerConfig's checks before a container is created (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables, makeMounts): environment from configMaps/secrets (envFrom, then env, with
// `optional` semantics and $(VAR) references) and recursive read-only mounts. A failure leaves the container
// Waiting with reason CreateContainerConfigError and the error as message; the kubelet says
// `Error: <error>` in a Failed event and retries on the next pod sync.
import type { KObject } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import type { PodObj } from '../attachdetach/volumes';
import { podHostname } from '../../shell/namespace';
import { decodeBase64, downwardValue } from './volume-plugins';

export type ContainerSpec = NonNullable<NonNullable<PodObj['spec']>['containers']>[number];

type Data = Record<string, string>;

function configMapData(view: StoreView, ns: string, name: string): Data | undefined {
  const cm = view.get('ConfigMap', ns, name) as (KObject & { data?: Data }) | undefined;
  return cm ? { ...(cm.data ?? {}) } : undefined;
}

function secretData(view: StoreView, ns: string, name: string): Data | undefined {
  const s = view.get('Secret', ns, name) as (KObject & { data?: Data; stringData?: Data }) | undefined;
  if (!s) return undefined;
  const out: Data = {};
  for (const [k, v] of Object.entries(s.data ?? {})) out[k] = decodeBase64(v);
  return { ...out, ...(s.stringData ?? {}) };
}

const expand = (v: string, env: Data) => v.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n) => env[n] ?? m);

/** The container's environment; with a view, configMap/secret references are resolved (or the error returned). */
export function resolveEnv(view: StoreView | undefined, pod: PodObj, spec: ContainerSpec | undefined): { env: Data; error?: string } {
  const ns = pod.metadata.namespace ?? 'default';
  const env: Data = { HOSTNAME: podHostname(pod), KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };
  for (const from of spec?.envFrom ?? []) {
    if (!view) continue;
    const ref = from.configMapRef ?? from.secretRef;
    const data = from.configMapRef ? configMapData(view, ns, ref?.name ?? '') : secretData(view, ns, ref?.name ?? '');
    if (!data) {
      if (ref?.optional) continue;
      return { env, error: `${from.configMapRef ? 'configmap' : 'secret'} "${ref?.name ?? ''}" not found` };
    }
    for (const [k, v] of Object.entries(data)) env[`${from.prefix ?? ''}${k}`] = v;
  }
  for (const e of spec?.env ?? []) {
    if (e.value !== undefined) env[e.name] = expand(e.value, env);
    else if (e.valueFrom?.fieldRef) env[e.name] = downwardValue(pod, e.valueFrom.fieldRef.fieldPath);
    else if (view && (e.valueFrom?.configMapKeyRef || e.valueFrom?.secretKeyRef)) {
      const cmRef = e.valueFrom.configMapKeyRef;
      const ref = (cmRef ?? e.valueFrom.secretKeyRef)!;
      const data = cmRef ? configMapData(view, ns, ref.name ?? '') : secretData(view, ns, ref.name ?? '');
      if (!data) {
        if (ref.optional) continue;
        return { env, error: `${cmRef ? 'configmap' : 'secret'} "${ref.name ?? ''}" not found` };
      }
      if (!(ref.key in data)) {
        if (ref.optional) continue;
        return { env, error: `couldn't find key ${ref.key} in ${cmRef ? 'ConfigMap' : 'Secret'} ${ns}/${ref.name ?? ''}` };
      }
      env[e.name] = data[ref.key];
    }
  }
  return { env };
}

/**
 * Why the runtime cannot create this container now, if anything. Recursive read-only mounts need a runtime
 * that reports support in node.status.runtimeHandlers (containerd 2.0+); the simulated nodes run containerd 1.7.
 */
export function containerConfigError(view: StoreView, pod: PodObj, spec: ContainerSpec | undefined): string | undefined {
  const r = resolveEnv(view, pod, spec);
  if (r.error) return r.error;
  for (const vm of spec?.volumeMounts ?? []) {
    // (Enabled without readOnly: true is refused by API validation, so it never reaches the kubelet.)
    if (vm.recursiveReadOnly !== 'Enabled' || !vm.readOnly) continue;
    const node = view.get('Node', undefined, pod.spec?.nodeName ?? '') as (KObject & { status?: { runtimeHandlers?: { features?: { recursiveReadOnlyMounts?: boolean } }[] } }) | undefined;
    const supported = (node?.status?.runtimeHandlers ?? []).some((h) => h.features?.recursiveReadOnlyMounts);
    if (!supported) return `failed to resolve recursive read-only mode: volume "${vm.name}" requested recursive read-only mode, but it is not supported by the runtime`;
  }
  return undefined;
}
