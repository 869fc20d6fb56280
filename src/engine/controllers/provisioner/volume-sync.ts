// The volume side of an external provisioner (sig-storage-lib-external-provisioner syncVolume):
// keep the HonorPVReclaimPolicy finalizer in step with the reclaim policy, and when a PV it is responsible
// for is Released with policy Delete, delete the backend volume (DeleteVolume takes virtual time), then the
// PV object, then its own finalizer. A Retain PV is never touched: its disk and files stay.
import type { KObject, PersistentVolume } from '../../model/types';
import { objectKey } from '../../model/kinds';
import { lookup, splitPath, type DirNode } from '../../fs/tree';
import { deleteVolume } from '../../storage/csi-controller';
import { locatePersistentVolume } from '../../storage/locate';
import { isCsiDriver, type DriverSpec } from '../../storage/cluster-config';
import type { Intent, ReconcileContext } from '../types';
import { ANN_HOSTPATH_IDENTITY, ANN_PROVISIONED_BY, FINALIZER_PV } from './pv-builder';
import { CSI_PROVISIONER } from './claim-sync';
import { identityOf, latency, retryDelay, type ProvisionerState } from './state';

type PV = PersistentVolume & KObject;

const ANN_MIGRATED_TO = 'pv.kubernetes.io/migrated-to';

export function syncVolume(key: string, name: string, ctx: ReconcileContext, st: ProvisionerState): Intent[] {
  const pv = ctx.view.get<PersistentVolume>('PersistentVolume', undefined, name);
  if (!pv) {
    st.volumes.delete(name);
    return [];
  }
  const driver = responsibleDriver(pv, ctx);
  if (!driver) return [];
  const csi = isCsiDriver(driver);
  const finalizers = pv.metadata.finalizers ?? [];
  const has = finalizers.includes(FINALIZER_PV);
  if (csi) {
    // handleProtectionFinalizer (csi-provisioner runs the library with addFinalizer on, 1.31+).
    const policy = pv.spec?.persistentVolumeReclaimPolicy;
    let next: string[] | undefined;
    if (policy === 'Delete' && !pv.metadata.deletionTimestamp && pv.status?.phase === 'Bound' && !has) next = [...finalizers, FINALIZER_PV];
    if ((policy === 'Retain' || policy === 'Recycle') && has) next = finalizers.filter((f) => f !== FINALIZER_PV);
    if (next) return [{ type: 'patch', kind: 'PersistentVolume', name, patchType: 'merge', patch: { metadata: { finalizers: next } } }];
  }
  if (!shouldDelete(pv, csi, has)) {
    st.volumes.delete(name);
    return [];
  }
  const op = st.volumes.get(name);
  if (op?.phase === 'backoff' && ctx.now < op.retryAt) return [];
  if (!op || op.phase === 'backoff') {
    const ms = latency(ctx, driver.latency.deleteVolume);
    st.volumes.set(name, { phase: 'deleting', doneAt: ctx.now + ms, failures: op?.failures ?? 0 });
    // traced when the call starts; a failure is only known when it answers (a second trace then)
    const start: Intent[] = csi
      ? [{ type: 'trace', trace: { from: CSI_PROVISIONER, to: `csi-controller/${driver.name}`, call: 'DeleteVolume', objects: [objectKey('PersistentVolume', undefined, name)], ok: true, detail: pv.spec?.csi?.volumeHandle, durationMs: ms } }]
      : [];
    return [...start, { type: 'requeue', key, afterMs: ms }];
  }
  if (ctx.now < op.doneAt) return [];
  // DeleteVolume has answered.
  const source = { component: identityOf(st, driver, ctx).component };
  const err = csi ? deleteCsi(pv, driver, ctx) : deleteHostPath(pv, driver, ctx, st);
  const intents: Intent[] = [];
  if (csi && err && err !== 'ignored')
    intents.push({
      type: 'trace',
      trace: { from: CSI_PROVISIONER, to: `csi-controller/${driver.name}`, call: 'DeleteVolume', objects: [objectKey('PersistentVolume', undefined, name)], ok: false, detail: err, durationMs: 0 },
    });
  if (err === 'ignored') {
    st.volumes.delete(name);
    return intents;
  }
  if (err) {
    const failures = op.failures + 1;
    const ms = retryDelay(driver, failures);
    st.volumes.set(name, { phase: 'backoff', retryAt: ctx.now + ms, failures });
    return [...intents, { type: 'event', involved: pv, eventType: 'Warning', reason: 'VolumeFailedDelete', message: err, source }, { type: 'requeue', key, afterMs: ms }];
  }
  st.volumes.delete(name);
  intents.push({ type: 'delete', ref: { kind: 'PersistentVolume', name } });
  // The PV now only waits for finalizers; ours goes (pv-protection's is its controller's business).
  if (has) intents.push({ type: 'patch', kind: 'PersistentVolume', name, patchType: 'merge', patch: { metadata: { finalizers: finalizers.filter((f) => f !== FINALIZER_PV) } } });
  return intents;
}

/** isProvisionerForVolume: provisioned by this driver (or migrated to it), or a static CSI PV of it. */
function responsibleDriver(pv: PV, ctx: ReconcileContext): DriverSpec | undefined {
  const ann = pv.metadata.annotations ?? {};
  const names = ann[ANN_PROVISIONED_BY] !== undefined ? [ann[ANN_PROVISIONED_BY], ann[ANN_MIGRATED_TO]] : [pv.spec?.csi?.driver, ann[ANN_MIGRATED_TO]];
  const d = ctx.cluster.drivers.find((x) => x.provisions && names.includes(x.name));
  // Statically provisioned PVs are only a CSI provisioner's business (and only with a CSI source).
  if (d && ann[ANN_PROVISIONED_BY] === undefined && (!isCsiDriver(d) || !pv.spec?.csi)) return undefined;
  return d;
}

function shouldDelete(pv: PV, csi: boolean, hasFinalizer: boolean): boolean {
  if (pv.metadata.deletionTimestamp && (!csi || !hasFinalizer)) return false;
  return pv.status?.phase === 'Released' && pv.spec?.persistentVolumeReclaimPolicy === 'Delete';
}

/** csi-provisioner Delete: refuse while a VolumeAttachment still names the PV, else DeleteVolume. */
function deleteCsi(pv: PV, driver: DriverSpec, ctx: ReconcileContext): string | undefined {
  for (const va of ctx.view.list('VolumeAttachment')) {
    const spec = (va as { spec?: { source?: { persistentVolumeName?: string }; nodeName?: string } }).spec;
    if (spec?.source?.persistentVolumeName === pv.metadata.name) return `persistentvolume ${pv.metadata.name} is still attached to node ${spec.nodeName}`;
  }
  const handle = pv.spec?.csi?.volumeHandle;
  if (!handle) return 'invalid CSI PV';
  const r = deleteVolume(ctx.backends, driver, handle, ctx.now);
  return r.ok ? undefined : r.error.message;
}

/** minikube hostPathProvisioner.Delete: only its own PVs (identity annotation), then os.RemoveAll(path). */
function deleteHostPath(pv: PV, driver: DriverSpec, ctx: ReconcileContext, st: ProvisionerState): string | undefined {
  const ann = pv.metadata.annotations?.[ANN_HOSTPATH_IDENTITY];
  if (ann === undefined) return 'identity annotation not found on PV';
  if (ann !== identityOf(st, driver, ctx).hostPathIdentity) return 'ignored';
  const path = pv.spec?.hostPath?.path;
  const loc = locatePersistentVolume(pv, driver.hostPathNode ?? ctx.cluster.nodes[0]?.name, ctx.cluster);
  const asset = loc && ctx.backends.get(loc.assetId);
  if (asset && path) removeAll(asset.root, path);
  return undefined;
}

function removeAll(root: DirNode, path: string): void {
  const parts = splitPath(path);
  const leaf = parts.pop();
  const parent = lookup(root, parts.join('/'));
  if (leaf && parent?.type === 'dir') delete parent.entries[leaf];
}
