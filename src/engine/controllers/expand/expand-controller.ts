// kube-controller-manager's expand controller (pkg/controller/volume/expand): a bound claim whose request
// grew beyond status.capacity and whose volume is CSI is left to the CSI external-resizer — the controller
// names it in the `volume.kubernetes.io/storage-resizer` annotation and says so with an ExternalExpanding event.
import type { Controller, Intent, ReconcileContext } from '../types';
import type { KObject, PersistentVolume, PersistentVolumeClaim } from '../../model/types';
import { cmpQuantity, tryParseQuantity } from '../../model/quantity';

export const EXPAND_CONTROLLER = 'volume_expand';
export const RESIZER_ANNOTATION = 'volume.kubernetes.io/storage-resizer';

type PVC = PersistentVolumeClaim & KObject;

/** spec.resources.requests.storage > status.capacity.storage (both parseable) */
export function needsResize(pvc: PVC): boolean {
  const want = tryParseQuantity(pvc.spec?.resources?.requests?.storage);
  const have = tryParseQuantity(pvc.status?.capacity?.storage);
  return !!want && !!have && cmpQuantity(want, have) > 0;
}

export function expandController(): Controller {
  return {
    name: EXPAND_CONTROLLER,
    watches: ['PersistentVolumeClaim'],
    keysFor: (ev) => (ev.type === 'DELETED' ? [] : [`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`]),
    reconcile(key: string, ctx: ReconcileContext): Intent[] {
      const [ns, name] = key.split('/');
      const pvc = ctx.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
      if (!pvc || pvc.status?.phase !== 'Bound' || !needsResize(pvc)) return [];
      const pv = ctx.view.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec?.volumeName ?? '');
      const driver = pv?.spec?.csi?.driver;
      if (!driver || pvc.metadata.annotations?.[RESIZER_ANNOTATION] === driver) return [];
      const next = structuredClone(pvc) as PVC;
      next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [RESIZER_ANNOTATION]: driver };
      return [
        { type: 'update', obj: next },
        { type: 'event', involved: pvc, eventType: 'Normal', reason: 'ExternalExpanding', message: 'waiting for an external controller to expand this PVC' },
      ];
    },
  };
}
