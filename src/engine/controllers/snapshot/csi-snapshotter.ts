// The csi-snapshotter sidecar (external-snapshotter pkg/sidecar-controller): for a dynamic
// VolumeSnapshotContent of its driver it calls CreateSnapshot (named `snapshot-<VolumeSnapshot uid>`) and
// records snapshotHandle, readyToUse, restoreSize (bytes) and creationTime (Unix nanoseconds) in the content's
// status; when the content is deleted with deletionPolicy Delete it calls DeleteSnapshot, then lets it go.
import type { Controller, Intent, ReconcileContext } from '../types';
import { driverByName } from '../../storage/cluster-config';
import { createSnapshot, deleteSnapshot } from '../../storage/csi-controller';
import { VSC_FINALIZER, type Vsc } from './snapshot-controller';

export const CSI_SNAPSHOTTER = 'csi-snapshotter';

export function csiSnapshotter(): Controller {
  const inflight = new Map<string, number>();
  return {
    name: CSI_SNAPSHOTTER,
    watches: ['VolumeSnapshotContent'],
    keysFor: (ev) => [ev.obj.metadata.name],
    reconcile(name: string, ctx: ReconcileContext): Intent[] {
      const vsc = ctx.view.get('VolumeSnapshotContent', undefined, name) as Vsc | undefined;
      if (!vsc) {
        inflight.delete(name);
        return [];
      }
      const driver = driverByName(ctx.cluster, vsc.spec.driver);
      if (!driver) return [];
      const to = `csi-controller/${driver.name}`;
      const objects = [`VolumeSnapshotContent//${name}`];
      if (vsc.metadata.deletionTimestamp) {
        if (!(vsc.metadata.finalizers ?? []).includes(VSC_FINALIZER)) return [];
        const intents: Intent[] = [];
        if (vsc.spec.deletionPolicy === 'Delete' && vsc.status?.snapshotHandle) {
          deleteSnapshot(ctx.backends, vsc.status.snapshotHandle, ctx.now);
          intents.push({ type: 'trace', trace: { from: CSI_SNAPSHOTTER, to, call: 'DeleteSnapshot', objects, ok: true, detail: vsc.status.snapshotHandle, durationMs: 0 } });
        }
        const next = structuredClone(vsc);
        next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== VSC_FINALIZER);
        return [...intents, { type: 'update', obj: next }];
      }
      if (vsc.status?.snapshotHandle || !vsc.spec.source.volumeHandle) return [];
      const due = inflight.get(name);
      if (due === undefined) {
        const ms = ctx.rng.int(driver.latency.snapshot[0], driver.latency.snapshot[1]);
        inflight.set(name, ctx.now + ms);
        return [
          { type: 'trace', trace: { from: CSI_SNAPSHOTTER, to, call: 'CreateSnapshot', objects, ok: true, detail: vsc.spec.source.volumeHandle, durationMs: ms } },
          { type: 'requeue', key: name, afterMs: ms },
        ];
      }
      if (ctx.now < due) return [{ type: 'requeue', key: name, afterMs: due - ctx.now }];
      inflight.delete(name);
      const r = createSnapshot(ctx.backends, driver, vsc.spec.source.volumeHandle, `snapshot-${vsc.spec.volumeSnapshotRef.uid ?? name}`, ctx.now, ctx.rng);
      if (!r.ok) return [{ type: 'requeue', key: name, afterMs: 30_000 }];
      const status = {
        creationTime: ctx.now * 1_000_000,
        readyToUse: r.value.readyToUse,
        restoreSize: r.value.sizeBytes,
        snapshotHandle: r.value.snapshotId,
      };
      return [{ type: 'updateStatus', obj: { ...structuredClone(vsc), status } }];
    },
  };
}
