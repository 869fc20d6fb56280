// NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle): no new objects in a
// namespace that is being deleted. A missing namespace is the store's NotFound (`namespaces "x" not found`).
import { kindInfo, type KindName } from '../../model/kinds';
import { ApiError, qualifiedResource } from '../../store/errors';
import type { AdmissionPlugin } from '../../store/strategy';

/** admission.NewForbidden: `<resource> "<name>" is forbidden: <why>` (no name part for generateName creates). */
export function admissionForbidden(kind: KindName, name: string, why: string): ApiError {
  const k = kindInfo(kind);
  const res = qualifiedResource(k);
  const message = name ? `${res} "${name}" is forbidden: ${why}` : `${res} is forbidden: ${why}`;
  return new ApiError('Forbidden', message, { name, group: k.group, kind: k.plural });
}

export const namespaceLifecycle: AdmissionPlugin = {
  name: 'NamespaceLifecycle',
  admit(req) {
    if (req.operation !== 'CREATE' || req.kind === 'Namespace' || !kindInfo(req.kind).namespaced) return;
    const ns = req.obj.metadata.namespace;
    if (!ns) return;
    const nsObj = req.view.get('Namespace', undefined, ns);
    // upstream looks at the phase only (the namespace controller sets Terminating on deletion)
    if ((nsObj?.status as { phase?: string } | undefined)?.phase !== 'Terminating') return;
    const err = admissionForbidden(req.kind, req.obj.metadata.name ?? '', `unable to create new content in namespace ${ns} because it is being terminated`);
    err.details.causes = [{ reason: 'NamespaceTerminating', message: `namespace ${ns} is being terminated`, field: 'metadata.namespace' }];
    throw err;
  },
};
