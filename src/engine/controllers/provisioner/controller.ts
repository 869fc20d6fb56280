// The external provisioners of a simulated cluster: one csi-provisioner sidecar per CSI driver that can
// create volumes, plus non-CSI provisioners such as minikube's storage-provisioner. They share this
// controller because they share the library (sig-storage-lib-external-provisioner); each acts only on
// claims annotated with its own name and PVs it provisioned, and records events under its own identity.
import { objectKey } from '../../model/kinds';
import type { Controller, ControllerFactory } from '../types';
import { syncClaim } from './claim-sync';
import { syncVolume } from './volume-sync';
import { newState } from './state';

export const EXTERNAL_PROVISIONER = 'external-provisioner';

export const externalProvisioner: ControllerFactory = (): Controller => {
  const st = newState();
  return {
    name: EXTERNAL_PROVISIONER,
    watches: ['PersistentVolumeClaim', 'PersistentVolume'],
    keysFor(ev) {
      const md = ev.obj.metadata;
      return [objectKey(ev.kind, md.namespace, md.name)];
    },
    reconcile(key, ctx) {
      const [kind, ns, name] = key.split('/');
      if (kind === 'PersistentVolumeClaim') return syncClaim(key, ns, name, ctx, st);
      if (kind === 'PersistentVolume') return syncVolume(key, name, ctx, st);
      return [];
    },
    // The library's informers resync every 15 minutes, re-evaluating every claim and volume.
    resync: {
      periodMs: 15 * 60_000,
      keys: (view) => [
        ...view.list('PersistentVolumeClaim').map((c) => objectKey('PersistentVolumeClaim', c.metadata.namespace, c.metadata.name)),
        ...view.list('PersistentVolume').map((v) => objectKey('PersistentVolume', undefined, v.metadata.name)),
      ],
    },
  };
};
