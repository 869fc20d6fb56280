// pv-protection-controller (pkg/controller/volume/pvprotection): kubernetes.io/pv-protection keeps
// a PV object while it is Bound; once it is not (Released, Available, Failed) a deleted PV goes.
// Deleting a PV object never touches the storage asset behind it.
import type { Controller, Intent, ReconcileContext } from '../types';
import type { WatchEvent } from '../../store/store';
import { PV_PROTECTION_FINALIZER } from '../volume/constants';
import type { PV } from '../volume/pv-helpers';
import { isDeletionCandidate, needToAddFinalizer, withFinalizer, withoutFinalizer } from './finalizers';

export const PV_PROTECTION_CONTROLLER_NAME = 'pv-protection-controller';

/** isBeingUsed: a PV is in use while its phase is Bound. */
export function pvIsBeingUsed(pv: PV): boolean {
  return pv.status?.phase === 'Bound';
}

export function newPVProtectionController(): Controller {
  return {
    name: PV_PROTECTION_CONTROLLER_NAME,
    watches: ['PersistentVolume'],
    keysFor(ev: WatchEvent): readonly string[] {
      if (ev.type === 'DELETED') return [];
      const pv = ev.obj;
      const interesting = needToAddFinalizer(pv, PV_PROTECTION_FINALIZER) || isDeletionCandidate(pv, PV_PROTECTION_FINALIZER);
      return interesting ? [pv.metadata.name] : [];
    },
    reconcile(key: string, ctx: ReconcileContext): readonly Intent[] {
      const pv = ctx.view.get<PV>('PersistentVolume', undefined, key) as PV | undefined;
      if (!pv) return [];
      if (isDeletionCandidate(pv, PV_PROTECTION_FINALIZER)) {
        if (!pvIsBeingUsed(pv)) return [{ type: 'update', obj: withoutFinalizer(pv, PV_PROTECTION_FINALIZER) }];
      }
      if (needToAddFinalizer(pv, PV_PROTECTION_FINALIZER)) return [{ type: 'update', obj: withFinalizer(pv, PV_PROTECTION_FINALIZER) }];
      return [];
    },
  };
}
