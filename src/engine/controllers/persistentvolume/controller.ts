// The persistentvolume-controller of kube-controller-manager (pv_controller_base.go): a claim queue
// and a volume queue fed by PV and PVC watch events, plus its own periodic resync of every claim
// and volume (--pvclaimbinder-sync-period, default 15s) — which is why Pending-claim events repeat
// and aggregate into "(x3 over 45s)". Pods and StorageClasses are only read (through listers
// upstream): creating a class or a pod does not trigger a claim sync; the next resync sees it.
import type { Controller, Intent, ReconcileContext } from '../types';
import type { WatchEvent } from '../../store/store';
import type { StoreView } from '../../store/strategy';
import { POD_PVC_INDEX_DECL } from '../volume/pod-pvc-index';
import { hasAnnotation, type PV, type PVC } from '../volume/pv-helpers';
import { ANN_BIND_COMPLETED } from '../volume/constants';
import type { KObject } from '../../model/types';
import { PersistentVolumeOrderedIndex } from './index';
import { CONTROLLER_NAME, DEFAULT_OPTIONS, SyncOps, type PVControllerOptions } from './ops';
import { syncClaim } from './sync-claim';
import { claimQueueKey, syncVolume, volumeQueueKey } from './sync-volume';

export const PV_CLAIM_BINDER_SYNC_PERIOD_MS = 15_000;

const sameInputs = (was: { a: KObject; b: KObject | undefined } | undefined, now: { a: KObject; b: KObject | undefined }) =>
  was !== undefined && was.a === now.a && was.b === now.b;

export interface PersistentVolumeController extends Controller {
  /** the controller's PV cache (exposed for tests and benchmarks) */
  readonly volumes: PersistentVolumeOrderedIndex;
  /** one sync of a key, with what upstream's sync function would have returned as error */
  sync(key: string, ctx: ReconcileContext): { intents: Intent[]; error?: string };
}

export function newPersistentVolumeController(options: PVControllerOptions = DEFAULT_OPTIONS): PersistentVolumeController {
  const volumes = new PersistentVolumeOrderedIndex();
  let initialized = false;

  // initializeCaches: fill the volume index from the store the first time the controller runs, so
  // it also works on a store that had volumes before the controller was started.
  const ensureInitialized = (view: StoreView) => {
    if (initialized) return;
    initialized = true;
    for (const pv of view.list<PV>('PersistentVolume')) volumes.upsert(pv as PV);
  };

  // Syncs that found nothing to do, with the two objects their outcome was computed from. Most syncs are
  // the 15 s resync of a claim/volume that is long Bound; when neither object has been written since
  // (stored objects are replaced, never mutated), the sync would find nothing to do again.
  const noOps = new Map<string, { readonly a: KObject; readonly b: KObject | undefined }>();

  const sync = (key: string, ctx: ReconcileContext): { intents: Intent[]; error?: string } => {
    ensureInitialized(ctx.view);
    const ops = new SyncOps(ctx, volumes, options);
    let inputs: { a: KObject; b: KObject | undefined } | undefined;
    if (key.startsWith('claim/')) {
      const rest = key.slice('claim/'.length);
      const slash = rest.indexOf('/');
      const claim = ctx.view.get<PVC>('PersistentVolumeClaim', rest.slice(0, slash), rest.slice(slash + 1)) as PVC | undefined;
      // A deleted claim was handled when its DELETED event arrived (deleteClaim).
      if (claim) {
        // A claim marked bind-completed goes through syncBoundClaim, which reads only the claim and the
        // volume it names (no class, no volume cache, no clock unless it writes).
        const volumeName = claim.spec?.volumeName;
        if (hasAnnotation(claim, ANN_BIND_COMPLETED))
          inputs = { a: claim, b: volumeName ? ctx.view.get('PersistentVolume', undefined, volumeName) : undefined };
        if (inputs && sameInputs(noOps.get(key), inputs)) return { intents: [] };
        syncClaim(ops, claim);
      }
    } else if (key.startsWith('volume/')) {
      const volume = ctx.view.get<PV>('PersistentVolume', undefined, key.slice('volume/'.length)) as PV | undefined;
      if (volume) {
        // Unbound, or bound to a claim that names it back: syncVolume reads only the volume and that claim.
        // (A missing or misbound claim goes through reclaim, which this does not try to predict.)
        const ref = volume.spec?.claimRef;
        if (!ref || !ref.uid) inputs = { a: volume, b: undefined };
        else {
          const claim = ctx.view.get<PVC>('PersistentVolumeClaim', ref.namespace, ref.name ?? '') as PVC | undefined;
          if (claim && claim.metadata.uid === ref.uid && claim.spec?.volumeName === volume.metadata.name) inputs = { a: volume, b: claim };
        }
        if (inputs && sameInputs(noOps.get(key), inputs)) return { intents: [] };
        syncVolume(ops, volume);
      }
    }
    if (inputs && ops.intents.length === 0 && ops.error === undefined) noOps.set(key, inputs);
    else noOps.delete(key);
    return { intents: ops.intents, error: ops.error };
  };

  return {
    name: CONTROLLER_NAME,
    watches: ['PersistentVolume', 'PersistentVolumeClaim'],
    volumes,
    sync,
    indexes: [POD_PVC_INDEX_DECL],
    keysFor(ev: WatchEvent, view: StoreView): readonly string[] {
      ensureInitialized(view);
      if (ev.kind === 'PersistentVolume') {
        const pv = ev.obj as PV;
        if (ev.type === 'DELETED') {
          volumes.delete(pv.metadata.name);
          noOps.delete(volumeQueueKey(pv.metadata.name));
          // deleteVolume: sync the claim now so it turns Lost without waiting for the resync.
          const ref = pv.spec?.claimRef;
          return ref ? [claimQueueKey(ref.namespace, ref.name ?? '')] : [];
        }
        volumes.upsert(pv);
        return [volumeQueueKey(pv.metadata.name)];
      }
      if (ev.kind === 'PersistentVolumeClaim') {
        const pvc = ev.obj as PVC;
        if (ev.type === 'DELETED') {
          noOps.delete(claimQueueKey(pvc.metadata.namespace, pvc.metadata.name));
          // deleteClaim: sync the volume now so it is Released without waiting for the resync.
          return pvc.spec?.volumeName ? [volumeQueueKey(pvc.spec.volumeName)] : [];
        }
        return [claimQueueKey(pvc.metadata.namespace, pvc.metadata.name)];
      }
      return [];
    },
    reconcile(key: string, ctx: ReconcileContext): readonly Intent[] {
      // Upstream only logs a sync error; the object is retried at the next event or resync.
      return sync(key, ctx).intents;
    },
    resync: {
      periodMs: PV_CLAIM_BINDER_SYNC_PERIOD_MS,
      keys(view: StoreView): readonly string[] {
        const keys: string[] = [];
        for (const pvc of view.list('PersistentVolumeClaim')) keys.push(claimQueueKey(pvc.metadata.namespace, pvc.metadata.name));
        for (const pv of view.list('PersistentVolume')) keys.push(volumeQueueKey(pv.metadata.name));
        return keys;
      },
    },
  };
}
