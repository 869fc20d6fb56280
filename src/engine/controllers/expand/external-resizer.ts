// The CSI external-resizer sidecar (kubernetes-csi/external-resizer): for claims annotated with its driver
// whose request exceeds status.capacity it sets the Resizing condition, calls ControllerExpandVolume, writes
// the new size to the PV's spec.capacity and then either finishes (file systems that need no node step) or
// hands over to the kubelet with FileSystemResizePending (NodeExpandVolume on the node using the volume).
import type { Controller, Intent, ReconcileContext } from '../types';
import type { KObject, PersistentVolume, PersistentVolumeClaim } from '../../model/types';
import { rfc3339 } from '../../clock/clock';
import { driverByName } from '../../storage/cluster-config';
import { controllerExpandVolume } from '../../storage/csi-controller';
import { ensureStaticAsset } from '../../storage/locate';
import { formatQuantity, parseQuantity, quantityFromBytes, quantityValue } from '../../model/quantity';
import { needsResize, RESIZER_ANNOTATION } from './expand-controller';

export const CSI_RESIZER = 'csi-resizer';
export const FS_RESIZE_PENDING_MESSAGE = 'Waiting for user to (re-)start a pod to finish file system resize of volume on node.';

type PV = PersistentVolume & KObject;
type Cond = { type: string; status: string; lastProbeTime: null; lastTransitionTime: string; message?: string };

export function pvcCondition(type: string, now: number, message?: string): Cond {
  return { type, status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now), ...(message ? { message } : {}) };
}

export function statusOf(o: KObject): Record<string, unknown> {
  return { ...((o.status as Record<string, unknown> | undefined) ?? {}) };
}

export function withStatus(o: KObject, status: Record<string, unknown>): KObject {
  return { ...structuredClone(o), status };
}

export function externalResizer(): Controller {
  const inflight = new Map<string, number>();
  // failed attempts back off exponentially (workqueue rate limiter), so a status write does not retry at once
  const retry = new Map<string, { at: number; delay: number }>();
  return {
    name: CSI_RESIZER,
    watches: ['PersistentVolumeClaim'],
    keysFor: (ev) => (ev.type === 'DELETED' ? [] : [`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`]),
    reconcile(key: string, ctx: ReconcileContext): Intent[] {
      const [ns, name] = key.split('/');
      const pvc = ctx.view.get<PersistentVolumeClaim>('PersistentVolumeClaim', ns, name);
      if (!pvc) {
        inflight.delete(key);
        return [];
      }
      const driverName = pvc.metadata.annotations?.[RESIZER_ANNOTATION];
      const driver = driverName ? driverByName(ctx.cluster, driverName) : undefined;
      if (!driver || !needsResize(pvc)) return [];
      const conds = (pvc.status?.conditions ?? []) as readonly { type: string }[];
      if (conds.some((c) => c.type === 'FileSystemResizePending')) return []; // the kubelet's turn
      const pv = ctx.view.get<PersistentVolume>('PersistentVolume', undefined, pvc.spec?.volumeName ?? '');
      if (!pv?.spec?.csi) return [];
      const source = { component: `external-resizer ${driver.name}` };
      const request = pvc.spec!.resources!.requests!.storage as string;
      const due = inflight.get(key);
      const r0 = retry.get(key);
      if (due === undefined && r0 && ctx.now < r0.at) return [{ type: 'requeue', key, afterMs: r0.at - ctx.now }];
      if (due === undefined) {
        const ms = ctx.rng.int(driver.latency.expand[0], driver.latency.expand[1]);
        inflight.set(key, ctx.now + ms);
        const next = withStatus(pvc, { ...statusOf(pvc), conditions: [pvcCondition('Resizing', ctx.now)], allocatedResources: { storage: request }, allocatedResourceStatuses: { storage: 'ControllerResizeInProgress' } });
        return [
          { type: 'updateStatus', obj: next },
          { type: 'event', involved: pvc, eventType: 'Normal', reason: 'Resizing', message: `External resizer is resizing volume ${pv.metadata.name}`, source },
          { type: 'trace', trace: { from: CSI_RESIZER, to: `csi-controller/${driver.name}`, call: 'ControllerExpandVolume', objects: [`PersistentVolume//${pv.metadata.name}`], ok: true, detail: request, durationMs: ms } },
          { type: 'requeue', key, afterMs: ms },
        ];
      }
      if (ctx.now < due) return [{ type: 'requeue', key, afterMs: due - ctx.now }];
      inflight.delete(key);
      // a statically provisioned volume's asset exists once something touched it; make sure it does
      ensureStaticAsset(ctx.backends, ctx.cluster, pv, ctx.now);
      const r = controllerExpandVolume(ctx.backends, driver, pv.spec.csi.volumeHandle, quantityValue(parseQuantity(request)));
      if (!r.ok) {
        const delay = Math.min(300_000, (r0?.delay ?? 5_000) * 2);
        retry.set(key, { at: ctx.now + delay, delay });
        const err = r.error.message;
        const next = withStatus(pvc, { ...statusOf(pvc), conditions: [], allocatedResourceStatuses: { storage: 'ControllerResizeFailed' } });
        return [
          { type: 'updateStatus', obj: next },
          { type: 'event', involved: pvc, eventType: 'Warning', reason: 'VolumeResizeFailed', message: `resize volume "${pv.metadata.name}" by resizer "${driver.name}" failed: ${err}`, source },
          { type: 'requeue', key, afterMs: delay },
        ];
      }
      retry.delete(key);
      const size = formatQuantity(quantityFromBytes(r.value.capacityBytes));
      const nextPv = structuredClone(pv) as PV;
      nextPv.spec!.capacity = { ...(nextPv.spec!.capacity ?? {}), storage: size };
      const intents: Intent[] = [{ type: 'update', obj: nextPv }];
      if (r.value.nodeExpansionRequired) {
        const next = withStatus(pvc, { ...statusOf(pvc), conditions: [pvcCondition('FileSystemResizePending', ctx.now, FS_RESIZE_PENDING_MESSAGE)], allocatedResourceStatuses: { storage: 'NodeResizePending' } });
        intents.push({ type: 'updateStatus', obj: next }, { type: 'event', involved: pvc, eventType: 'Normal', reason: 'FileSystemResizeRequired', message: 'Require file system resize of volume on node', source });
      } else {
        const { conditions: _c, allocatedResourceStatuses: _a, ...rest } = statusOf(pvc);
        const next = withStatus(pvc, { ...rest, capacity: { ...(pvc.status?.capacity ?? {}), storage: size } });
        intents.push({ type: 'updateStatus', obj: next }, { type: 'event', involved: pvc, eventType: 'Normal', reason: 'VolumeResizeSuccessful', message: 'Resize volume succeeded', source });
      }
      return intents;
    },
  };
}
