// The CSI external-attacher sidecar (kubernetes-csi/external-attacher): watches VolumeAttachments of its
// driver, adds its finalizer, calls ControllerPublishVolume and sets status.attached; on deletion calls
// ControllerUnpublishVolume and removes the finalizer. The simulated cloud keeps Asset.attachedTo in step,
// and refuses to attach a single-attach disk to a second node or across zones, as a cloud API does.
import type { Controller, Intent, ReconcileContext } from '../types';
import type { KObject } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import { driverByName } from '../../storage/cluster-config';
import { ensureStaticAsset } from '../../storage/locate';
import type { PvObj } from './volumes';

export const CSI_ATTACHER = 'csi-attacher';

interface VaObj extends KObject {
  spec: { attacher: string; nodeName: string; source: { persistentVolumeName?: string } };
  status?: { attached?: boolean; attachmentMetadata?: Record<string, string>; attachError?: { time: string; message: string } };
}

/** external-attacher's finalizer: `external-attacher/` + the driver name with every [^a-zA-Z0-9-] made '-'. */
export function attacherFinalizer(driver: string): string {
  let name = driver.replace(/[^a-zA-Z0-9-]/g, '-');
  if (name.endsWith('-')) name += 'X';
  return `external-attacher/${name}`;
}

type Op = { readonly kind: 'attach' | 'detach'; readonly due: number };
const PV_KEY = 'pv/';

/**
 * SyncNewOrUpdatedPersistentVolume: only a PV being deleted loses the attacher's finalizer, and only once no
 * VolumeAttachment names it any more.
 */
function syncPersistentVolume(ctx: ReconcileContext, name: string): Intent[] {
  const pv = ctx.view.get('PersistentVolume', undefined, name) as PvObj | undefined;
  if (!pv?.metadata.deletionTimestamp) return [];
  const ours = (pv.metadata.finalizers ?? []).filter((f) => f.startsWith('external-attacher/'));
  if (!ours.length) return [];
  const inUse = ctx.view.list('VolumeAttachment').some((va) => (va as VaObj).spec?.source?.persistentVolumeName === name);
  if (inUse) return [];
  const next = structuredClone(pv) as PvObj;
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => !ours.includes(f));
  return [{ type: 'update', obj: next }];
}

export function externalAttacher(): Controller {
  const inflight = new Map<string, Op>();
  return {
    name: CSI_ATTACHER,
    watches: ['VolumeAttachment', 'PersistentVolume'],
    keysFor: (ev) => {
      if (ev.kind === 'PersistentVolume') return [`${PV_KEY}${ev.obj.metadata.name}`];
      const pv = (ev.obj as VaObj).spec?.source?.persistentVolumeName;
      // a VolumeAttachment that goes away may release its PV's finalizer
      return ev.type === 'DELETED' && pv ? [ev.obj.metadata.name, `${PV_KEY}${pv}`] : [ev.obj.metadata.name];
    },
    reconcile(key: string, ctx: ReconcileContext): Intent[] {
      if (key.startsWith(PV_KEY)) return syncPersistentVolume(ctx, key.slice(PV_KEY.length));
      const name = key;
      const va = ctx.view.get('VolumeAttachment', undefined, name) as VaObj | undefined;
      if (!va) {
        inflight.delete(name);
        return [];
      }
      const driver = driverByName(ctx.cluster, va.spec.attacher);
      if (!driver) return []; // no attacher sidecar runs for a driver this cluster does not have
      const fin = attacherFinalizer(driver.name);
      const finalizers = va.metadata.finalizers ?? [];
      const controller = `csi-controller/${driver.name}`;
      const objects = [`VolumeAttachment//${name}`, `PersistentVolume//${va.spec.source.persistentVolumeName ?? ''}`];
      const op = inflight.get(name);

      if (va.metadata.deletionTimestamp) {
        if (!finalizers.includes(fin)) return [];
        if (!op || op.kind !== 'detach') {
          const ms = ctx.rng.int(driver.latency.detach[0], driver.latency.detach[1]);
          inflight.set(name, { kind: 'detach', due: ctx.now + ms });
          return [
            { type: 'trace', trace: { from: CSI_ATTACHER, to: controller, call: 'ControllerUnpublishVolume', objects, ok: true, detail: `node ${va.spec.nodeName}`, durationMs: ms } },
            { type: 'requeue', key: name, afterMs: ms },
          ];
        }
        if (ctx.now < op.due) return [{ type: 'requeue', key: name, afterMs: op.due - ctx.now }];
        inflight.delete(name);
        const asset = assetOf(ctx, va);
        if (asset) asset.attachedTo = asset.attachedTo.filter((n) => n !== va.spec.nodeName);
        const next = structuredClone(va);
        next.metadata.finalizers = finalizers.filter((f) => f !== fin);
        return [{ type: 'update', obj: next }];
      }

      if (va.status?.attached) return [];
      if (!finalizers.includes(fin)) {
        const next = structuredClone(va);
        next.metadata.finalizers = [...finalizers, fin];
        return [{ type: 'update', obj: next }];
      }
      // csi_handler addPVFinalizer: the PV keeps the attacher's finalizer so it cannot go while attached
      const pv = ctx.view.get('PersistentVolume', undefined, va.spec.source.persistentVolumeName ?? '') as PvObj | undefined;
      if (pv && !(pv.metadata.finalizers ?? []).includes(fin)) {
        const nextPv = structuredClone(pv) as PvObj;
        nextPv.metadata.finalizers = [...(nextPv.metadata.finalizers ?? []), fin];
        return [{ type: 'update', obj: nextPv }, { type: 'requeue', key: name, afterMs: 0 }];
      }
      if (!op || op.kind !== 'attach') {
        const ms = ctx.rng.int(driver.latency.attach[0], driver.latency.attach[1]);
        inflight.set(name, { kind: 'attach', due: ctx.now + ms });
        return [
          { type: 'trace', trace: { from: CSI_ATTACHER, to: controller, call: 'ControllerPublishVolume', objects, ok: true, detail: `node ${va.spec.nodeName}`, durationMs: ms } },
          { type: 'requeue', key: name, afterMs: ms },
        ];
      }
      if (ctx.now < op.due) return [{ type: 'requeue', key: name, afterMs: op.due - ctx.now }];
      inflight.delete(name);
      const err = publish(ctx, va);
      const next = structuredClone(va);
      if (err) {
        next.status = { ...(next.status ?? {}), attached: false, attachError: { time: rfc3339(ctx.now), message: err } };
        // external-attacher retries failed operations with exponential backoff; a fixed retry keeps this simple.
        return [{ type: 'updateStatus', obj: next }, { type: 'requeue', key: name, afterMs: 10_000 }];
      }
      next.status = { attached: true };
      return [{ type: 'updateStatus', obj: next }];
    },
  };
}

function assetOf(ctx: ReconcileContext, va: VaObj) {
  const pv = ctx.view.get('PersistentVolume', undefined, va.spec.source.persistentVolumeName ?? '') as PvObj | undefined;
  if (!pv) return undefined;
  return ensureStaticAsset(ctx.backends, ctx.cluster, pv, ctx.now, va.spec.nodeName);
}

/** ControllerPublishVolume against the simulated cloud; returns the gRPC error text on failure. */
function publish(ctx: ReconcileContext, va: VaObj): string | undefined {
  const pvName = va.spec.source.persistentVolumeName ?? '';
  const pv = ctx.view.get('PersistentVolume', undefined, pvName) as PvObj | undefined;
  if (!pv) return `rpc error: code = NotFound desc = persistentvolume ${pvName} not found`;
  const asset = assetOf(ctx, va);
  const handle = pv.spec?.csi?.volumeHandle ?? '';
  if (!asset || asset.deletedAt !== undefined) return `rpc error: code = NotFound desc = volume ${handle} not found`;
  const node = va.spec.nodeName;
  if (asset.kind === 'disk') {
    const nodeObj = ctx.view.get('Node', undefined, node);
    const zone = nodeObj?.metadata.labels?.['topology.kubernetes.io/zone'];
    if (asset.zone && zone && asset.zone !== zone)
      return `rpc error: code = FailedPrecondition desc = disk ${handle} is in zone ${asset.zone} and cannot be attached to node ${node} in zone ${zone}`;
    const other = asset.attachedTo.find((n) => n !== node);
    if (other) return `rpc error: code = FailedPrecondition desc = disk ${handle} is already attached to node ${other}`;
  }
  if (!asset.attachedTo.includes(node)) asset.attachedTo = [...asset.attachedTo, node];
  return undefined;
}
