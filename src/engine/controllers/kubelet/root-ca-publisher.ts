// kube-controller-manager's root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher): every
// namespace gets the ConfigMap kube-root-ca.crt, which the service-account token volume projects as ca.crt.
// Without it every pod's kube-api-access-* volume would fail with `configmap "kube-root-ca.crt" not found`.
import type { Controller, Intent, ReconcileContext } from '../types';

export const ROOT_CA_PUBLISHER = 'root-ca-cert-publisher';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';

const CA_PEM = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDBTCCAe2gAwIBAgIIU2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNVBAMTCmt1YmVybmV0ZXMw',
  'HhcNMjUwMTAxMDAwMDAwWhcNMzUwMTAxMDAwMDAwWjAVMRMwEQYDVQQDEwprdWJlcm5ldGVz',
  '-----END CERTIFICATE-----',
  '',
].join('\n');

export function rootCaPublisher(): Controller {
  return {
    name: ROOT_CA_PUBLISHER,
    watches: ['Namespace', 'ConfigMap'],
    keysFor: (ev) => (ev.kind === 'Namespace' ? [ev.obj.metadata.name] : ev.obj.metadata.name === ROOT_CA_CONFIGMAP && ev.type === 'DELETED' ? [ev.obj.metadata.namespace ?? ''] : []),
    reconcile(ns: string, ctx: ReconcileContext): Intent[] {
      const nsObj = ctx.view.get('Namespace', undefined, ns);
      if (!nsObj || nsObj.metadata.deletionTimestamp) return [];
      if (ctx.view.get('ConfigMap', ns, ROOT_CA_CONFIGMAP)) return [];
      return [
        {
          type: 'create',
          obj: {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
            data: { 'ca.crt': CA_PEM },
          },
        },
      ];
    },
  };
}
