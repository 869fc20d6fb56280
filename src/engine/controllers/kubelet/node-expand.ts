// Online expansion on the node (operation_generator NodeExpandVolume): when the resizer left a claim with
// FileSystemResizePending and a pod on this node has the volume mounted, the kubelet grows the file system
// (CSI NodeExpandVolume), records the new size in the claim's status.capacity, clears the conditions and says
// `MountVolume.NodeExpandVolume succeeded for volume "<pv>" <node>` on the pod and on the claim.
import type { Intent, ReconcileContext } from '../types';
import type { KObject, PersistentVolume, PersistentVolumeClaim } from '../../model/types';
import { driverByName } from '../../storage/cluster-config';
import { boundVolumeOf, type PodObj } from '../attachdetach/volumes';
import { kubeletSource } from './volume-manager';
import { nodeRt, type KubeletState, type PodRt } from './runtime';

export function syncNodeExpansion(ctx: ReconcileContext, state: KubeletState, pod: PodObj, prt: PodRt): { intents: Intent[]; wake?: number } {
  const intents: Intent[] = [];
  let wake: number | undefined;
  const nrt = nodeRt(state, prt.node);
  for (const vol of pod.spec?.volumes ?? []) {
    const vr = prt.volumes.get(vol.name);
    if (vr?.phase !== 'mounted' || !vr.mount) continue;
    const b = boundVolumeOf(ctx.view, pod, vol);
    const csi = b?.pv.spec?.csi;
    if (!b || !csi) continue;
    const pending = ((b.pvc.status?.conditions ?? []) as readonly { type: string }[]).some((c) => c.type === 'FileSystemResizePending');
    if (!pending) continue;
    const driver = driverByName(ctx.cluster, csi.driver);
    const staged = nrt.staged.get(b.pv.metadata.name);
    if (!driver || !staged) continue;
    if (staged.expandDue === undefined) {
      staged.expandDue = ctx.now + ctx.rng.int(driver.latency.stage[0], driver.latency.stage[1]);
      intents.push({
        type: 'trace',
        trace: { from: `kubelet/${prt.node}`, to: `csi-node/${prt.node}`, call: 'NodeExpandVolume', objects: [`PersistentVolume//${b.pv.metadata.name}`], ok: true, detail: staged.globalPath, durationMs: staged.expandDue - ctx.now },
      });
    }
    if (ctx.now < staged.expandDue) {
      wake = wake === undefined ? staged.expandDue : Math.min(wake, staged.expandDue);
      continue;
    }
    staged.expandDue = undefined;
    intents.push(...finishExpansion(pod, prt, b.pvc, b.pv));
    const asset = ctx.backends.get(vr.mount.assetId);
    if (asset) vr.mount = { ...vr.mount, sizeBytes: asset.sizeBytes };
  }
  return { intents, wake };
}

function finishExpansion(pod: PodObj, prt: PodRt, pvc: PersistentVolumeClaim & KObject, pv: PersistentVolume & KObject): Intent[] {
  const { conditions: _c, allocatedResourceStatuses: _a, ...rest } = (pvc.status ?? {}) as Record<string, unknown>;
  const status = { ...rest, capacity: { ...(pvc.status?.capacity ?? {}), storage: pv.spec?.capacity?.storage } };
  // node_expander.go records the success on the pod and on the claim (GenerateMsg: `… for volume "<pv>" <node>`).
  const message = `MountVolume.NodeExpandVolume succeeded for volume "${pv.metadata.name}" ${prt.node}`;
  const source = kubeletSource(prt.node);
  return [
    { type: 'event', involved: pod, eventType: 'Normal', reason: 'FileSystemResizeSuccessful', message, source },
    { type: 'event', involved: pvc, eventType: 'Normal', reason: 'FileSystemResizeSuccessful', message, source },
    { type: 'updateStatus', obj: { ...structuredClone(pvc), status } },
  ];
}
