// The attach/detach controller (kube-controller-manager, pkg/controller/volume/attachdetach): for every node,
// the desired state of world is the attachable volumes of the pods assigned to it; the actual state is the
// VolumeAttachment objects. The reconciler attaches what is missing (CSI: creates a VolumeAttachment that the
// external-attacher acts on), refuses a second node for a volume that is not multi-attachable (Multi-Attach
// error), detaches what no pod needs once the kubelet reports it unmounted, and keeps node.status.volumesAttached.
import type { Controller, Intent, ReconcileContext } from '../types';
import type { KObject } from '../../model/types';
import type { StoreView } from '../../store/strategy';
import { driverByName } from '../../storage/cluster-config';
import { jsonEqual, type WatchEvent } from '../../store/store';
import { AttachableVolumesCache } from './desired-cache';
import {
  attachmentName,
  hasOutOfServiceTaint,
  isMultiAttachAllowed,
  isPodActiveOnNode,
  nodeIsReady,
  podNodeIndex,
  POD_NODE_INDEX,
  uniqueVolumeName,
  vaNodeIndex,
  VA_NODE_INDEX,
  vaPvIndex,
  VA_PV_INDEX,
  type AttachableVolume,
  type PodObj,
} from './volumes';

export const ATTACH_DETACH_CONTROLLER = 'attachdetach-controller';
/** reconciler maxWaitForUnmountDuration: force-detach from an unhealthy node after 6 minutes */
export const MAX_WAIT_FOR_UNMOUNT_MS = 6 * 60_000;
/** csi_attacher watchTimeout: how long Attach waits for VolumeAttachment.status.attached */
export const ATTACH_WATCH_TIMEOUT_MS = 2 * 60_000;

interface VaObj extends KObject {
  spec: { attacher: string; nodeName: string; source: { persistentVolumeName?: string } };
  status?: { attached?: boolean; attachError?: { time?: string; message?: string }; detachError?: { time?: string; message?: string } };
}

interface Desired {
  readonly av: AttachableVolume;
  readonly pods: PodObj[];
}

export function attachDetachController(): Controller {
  // In-memory flags, as upstream keeps them in its actual state of world (not in the API).
  const multiAttachReported = new Set<string>();
  const attachReported = new Set<string>();
  const attachErrorSeen = new Map<string, string>();
  const detachRequestedAt = new Map<string, number>();
  /** when the current attach attempt started waiting for the external-attacher (csi_attacher watchTimeout) */
  const attachWaitSince = new Map<string, number>();

  const volumesOf = new AttachableVolumesCache();
  /**
   * Nodes whose last reconcile wrote nothing and whose outcome depends only on their own pods, attachments and
   * node object (and the claims/PVs those name): a claim or PV event wakes them only when it touches one of
   * those. Nodes with a volume still lacking an attachment (Multi-Attach), or waiting on an attacher that is not
   * installed, are woken by every claim/PV event as before.
   */
  const settled = new Set<string>();

  const allNodes = (view: StoreView) => view.list('Node').map((n) => n.metadata.name);

  return {
    name: ATTACH_DETACH_CONTROLLER,
    watches: ['Pod', 'Node', 'VolumeAttachment', 'PersistentVolume', 'PersistentVolumeClaim', 'CSIDriver'],
    indexes: [
      { kind: 'Pod', name: POD_NODE_INDEX, fn: podNodeIndex },
      { kind: 'VolumeAttachment', name: VA_NODE_INDEX, fn: vaNodeIndex },
      { kind: 'VolumeAttachment', name: VA_PV_INDEX, fn: vaPvIndex },
    ],
    keysFor(ev: WatchEvent, view: StoreView): readonly string[] {
      const stale = volumesOf.observe(ev);
      switch (ev.kind) {
        case 'Pod':
        case 'VolumeAttachment': {
          // Status-only pod updates (the kubelet's) change nothing the desired state of world holds.
          if (ev.kind === 'Pod' && ev.type === 'MODIFIED' && ev.old && sameDswSignature(ev.old as PodObj, ev.obj as PodObj)) return [];
          const keys = new Set<string>();
          for (const o of [ev.old, ev.obj]) {
            const n = (o?.spec as { nodeName?: string } | undefined)?.nodeName;
            if (n) keys.add(n);
          }
          // A detach, or a pod leaving the desired state, may unblock pods on other nodes waiting on a Multi-Attach.
          const left = ev.kind === 'Pod' && ev.type !== 'ADDED' && !isPodActiveOnNode(ev.obj as PodObj, (ev.obj.spec as { nodeName?: string })?.nodeName ?? '');
          if (ev.type === 'DELETED' || left) for (const n of allNodes(view)) keys.add(n);
          return [...keys];
        }
        case 'Node':
          return [ev.obj.metadata.name];
        case 'PersistentVolume':
        case 'PersistentVolumeClaim': {
          const touched = new Set<string>();
          for (const [ns, name] of stale) {
            const n = view.get<PodObj>('Pod', ns, name)?.spec?.nodeName;
            if (n) touched.add(n);
          }
          if (ev.kind === 'PersistentVolume')
            for (const va of view.byIndex<VaObj>('VolumeAttachment', VA_PV_INDEX, ev.obj.metadata.name)) touched.add(va.spec.nodeName);
          return allNodes(view).filter((n) => !settled.has(n) || touched.has(n));
        }
        default:
          return allNodes(view);
      }
    },
    reconcile(nodeName: string, ctx: ReconcileContext): Intent[] {
      const { view, now } = ctx;
      const node = view.get('Node', undefined, nodeName);
      const intents: Intent[] = [];
      const desired = new Map<string, Desired>();
      for (const pod of view.byIndex<PodObj>('Pod', POD_NODE_INDEX, nodeName)) {
        if (!isPodActiveOnNode(pod, nodeName)) continue;
        for (const av of volumesOf.get(view, pod)) {
          const d = desired.get(av.pvName) ?? { av, pods: [] };
          d.pods.push(pod);
          desired.set(av.pvName, d);
        }
      }
      const vas = node ? (view.byIndex('VolumeAttachment', VA_NODE_INDEX, nodeName) as VaObj[]) : [];
      const vaByPv = new Map(vas.map((va) => [va.spec.source.persistentVolumeName ?? '', va]));

      // Attach: volumes some pod on this node needs.
      let waiting = !node;
      for (const [pvName, d] of desired) {
        const maKey = `${pvName}\u0000${nodeName}`;
        const va = vaByPv.get(pvName);
        // Only a missing attachment (Multi-Attach check: other nodes' attachments and pods) and the wait for an
        // attacher that is not installed (virtual time) depend on more than this node's own objects.
        if (!va || (!va.metadata.deletionTimestamp && !va.status?.attached && !va.status?.attachError && !driverByName(ctx.cluster, d.av.driver)))
          waiting = true;
        if (va) {
          detachRequestedAt.delete(va.metadata.name);
          multiAttachReported.delete(maKey);
          if (va.metadata.deletionTimestamp) continue; // still detaching; attach again once it is gone
          intents.push(...attachOutcomeEvents(va, d));
          continue;
        }
        if (!node) continue;
        if (!isMultiAttachAllowed(d.av.pv)) {
          const elsewhere = (view.byIndex('VolumeAttachment', VA_PV_INDEX, pvName) as VaObj[]).filter((v) => v.spec.nodeName !== nodeName);
          if (elsewhere.length > 0) {
            if (!multiAttachReported.has(maKey)) {
              multiAttachReported.add(maKey);
              intents.push(...multiAttachEvents(view, volumesOf, d, elsewhere.map((v) => v.spec.nodeName)));
            }
            continue;
          }
        }
        multiAttachReported.delete(maKey);
        intents.push({
          type: 'create',
          obj: {
            apiVersion: 'storage.k8s.io/v1',
            kind: 'VolumeAttachment',
            metadata: { name: attachmentName(d.av.handle, d.av.driver, nodeName) },
            spec: { attacher: d.av.driver, nodeName, source: { persistentVolumeName: pvName } },
          },
        });
      }

      // Detach: attachments no pod on this node needs any more.
      const detaching = new Set<string>();
      for (const va of vas) {
        const pvName = va.spec.source.persistentVolumeName ?? '';
        if (desired.has(pvName)) continue;
        if (va.metadata.deletionTimestamp) {
          detaching.add(va.metadata.name);
          continue;
        }
        const pv = view.get('PersistentVolume', undefined, pvName) as { spec?: { csi?: { volumeHandle?: string } } } | undefined;
        const handle = pv?.spec?.csi?.volumeHandle;
        const inUse = (node?.status as { volumesInUse?: string[] } | undefined)?.volumesInUse ?? [];
        const mounted = handle !== undefined && inUse.includes(uniqueVolumeName(va.spec.attacher, handle));
        const requestedAt = detachRequestedAt.get(va.metadata.name) ?? now;
        detachRequestedAt.set(va.metadata.name, requestedAt);
        // Safe to detach once the kubelet no longer reports the volume in use; otherwise only a node that is
        // out of service, or unhealthy for longer than maxWaitForUnmountDuration, is force-detached.
        const force = hasOutOfServiceTaint(node) || (!nodeIsReady(node) && now - requestedAt >= MAX_WAIT_FOR_UNMOUNT_MS);
        if (mounted && !force) {
          if (!nodeIsReady(node)) intents.push({ type: 'requeue', key: nodeName, afterMs: requestedAt + MAX_WAIT_FOR_UNMOUNT_MS - now });
          continue;
        }
        detachRequestedAt.delete(va.metadata.name);
        attachWaitSince.delete(va.metadata.name);
        attachReported.delete(va.metadata.name);
        attachErrorSeen.delete(va.metadata.name);
        detaching.add(va.metadata.name);
        intents.push({ type: 'delete', ref: { kind: 'VolumeAttachment', name: va.metadata.name } });
      }

      if (node) intents.push(...volumesAttachedStatus(view, node, vas, detaching));
      if (waiting || intents.length > 0) settled.delete(nodeName);
      else settled.add(nodeName);
      return intents;

      function attachOutcomeEvents(va: VaObj, d: Desired): Intent[] {
        const out: Intent[] = [];
        if (va.status?.attached && !attachReported.has(va.metadata.name)) {
          attachReported.add(va.metadata.name);
          // GenerateMsg("AttachVolume.Attach succeeded", "") → "%v for volume %q %v": note the trailing space.
          const message = `AttachVolume.Attach succeeded for volume "${d.av.pvName}" `;
          for (const pod of d.pods) out.push({ type: 'event', involved: pod, eventType: 'Normal', reason: 'SuccessfulAttachVolume', message });
        }
        if (va.status?.attached) attachWaitSince.delete(va.metadata.name);
        else if (!va.status?.attachError && !driverByName(ctx.cluster, d.av.driver)) {
          // No csi-attacher runs for this driver (not installed): csi_attacher gives up after 2 min and retries.
          // (Installed drivers answer well within the timeout, so only this case needs the timer.)
          const since = attachWaitSince.get(va.metadata.name) ?? ctx.now;
          attachWaitSince.set(va.metadata.name, since);
          if (ctx.now - since >= ATTACH_WATCH_TIMEOUT_MS) {
            attachWaitSince.set(va.metadata.name, ctx.now);
            const message = `AttachVolume.Attach failed for volume "${d.av.pvName}" : timed out waiting for external-attacher of ${d.av.driver} CSI driver to attach volume ${d.av.handle}`;
            for (const pod of d.pods) out.push({ type: 'event', involved: pod, eventType: 'Warning', reason: 'FailedAttachVolume', message });
          }
          out.push({ type: 'requeue', key: nodeName, afterMs: (attachWaitSince.get(va.metadata.name) ?? ctx.now) + ATTACH_WATCH_TIMEOUT_MS - ctx.now });
        }
        const err = va.status?.attachError;
        if (!va.status?.attached && err?.message && attachErrorSeen.get(va.metadata.name) !== err.time) {
          attachErrorSeen.set(va.metadata.name, err.time ?? '');
          const message = `AttachVolume.Attach failed for volume "${d.av.pvName}" : ${err.message}`;
          for (const pod of d.pods) out.push({ type: 'event', involved: pod, eventType: 'Warning', reason: 'FailedAttachVolume', message });
        }
        return out;
      }
    },
  };
}

/** What of a pod the attach/detach controller looks at: its node, its volumes, whether it is still active. */
function sameDswSignature(a: PodObj, b: PodObj): boolean {
  const node = a.spec?.nodeName ?? '';
  return (
    node === (b.spec?.nodeName ?? '') &&
    isPodActiveOnNode(a, node) === isPodActiveOnNode(b, node) &&
    jsonEqual(a.spec?.volumes ?? [], b.spec?.volumes ?? [])
  );
}

/** reconciler.reportMultiAttachError: one event per waiting pod, naming only pods of that pod's namespace. */
function multiAttachEvents(view: StoreView, volumesOf: AttachableVolumesCache, d: Desired, otherNodes: string[]): Intent[] {
  const users: PodObj[] = [];
  for (const n of otherNodes)
    for (const p of view.byIndex<PodObj>('Pod', POD_NODE_INDEX, n))
      if (isPodActiveOnNode(p, n) && volumesOf.get(view, p).some((v) => v.pvName === d.av.pvName)) users.push(p);
  const prefix = `Multi-Attach error for volume "${d.av.pvName}"`;
  return d.pods.map((pod): Intent => {
    let msg: string;
    if (users.length === 0) msg = "Volume is already exclusively attached to one node and can't be attached to another";
    else {
      const local = users.filter((u) => u.metadata.namespace === pod.metadata.namespace).map((u) => u.metadata.name);
      const others = users.length - local.length;
      if (local.length > 0) {
        msg = `Volume is already used by pod(s) ${local.join(', ')}`;
        if (others > 0) msg += ` and ${others} pod(s) in different namespaces`;
      } else msg = `Volume is already used by ${others} pod(s) in different namespaces`;
    }
    return { type: 'event', involved: pod, eventType: 'Warning', reason: 'FailedAttachVolume', message: `${prefix} ${msg}` };
  });
}

/** nodeStatusUpdater: attached volumes, minus those being detached (upstream removes them before detaching). */
function volumesAttachedStatus(view: StoreView, node: KObject, vas: readonly VaObj[], detaching: Set<string>): Intent[] {
  const want: { name: string; devicePath: string }[] = [];
  for (const va of vas) {
    if (!va.status?.attached || detaching.has(va.metadata.name)) continue;
    const pv = view.get('PersistentVolume', undefined, va.spec.source.persistentVolumeName ?? '') as
      | { spec?: { csi?: { volumeHandle?: string } } }
      | undefined;
    const handle = pv?.spec?.csi?.volumeHandle;
    if (handle) want.push({ name: uniqueVolumeName(va.spec.attacher, handle), devicePath: '' });
  }
  want.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const have = (node.status as { volumesAttached?: unknown[] } | undefined)?.volumesAttached ?? [];
  if (jsonEqual(have, want)) return [];
  return [
    {
      type: 'patch',
      kind: 'Node',
      name: node.metadata.name,
      patchType: 'merge',
      patch: { status: { volumesAttached: want.length ? want : null } },
      subresource: 'status',
    },
  ];
}
