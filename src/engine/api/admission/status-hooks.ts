// persistentvolumeStatusStrategy.PrepareForUpdate (pkg/registry/core/persistentvolume/strategy.go): when a
// status write changes status.phase and leaves lastPhaseTransitionTime alone, the apiserver stamps it with
// the current time. Our store has no status-update hook on strategies, so this runs in the mutating
// admission phase, which sees every update (a spec update cannot change status: the store keeps the old one).
import { rfc3339 } from '../../clock/clock';
import type { AdmissionPlugin } from '../../store/strategy';
import { isObj } from '../util';

export const persistentVolumePhaseTransitionTime: AdmissionPlugin = {
  name: 'PersistentVolumeStatusStrategy',
  admit(req) {
    if (req.operation !== 'UPDATE' || req.kind !== 'PersistentVolume' || !req.old) return;
    const next = isObj(req.obj.status) ? req.obj.status : undefined;
    const prev = isObj(req.old.status) ? req.old.status : {};
    if (!next || next.phase === prev.phase) return;
    if (next.lastPhaseTransitionTime === undefined || next.lastPhaseTransitionTime === prev.lastPhaseTransitionTime)
      next.lastPhaseTransitionTime = rfc3339(req.now);
  },
};
