// configMap and secret volumes follow their sources: the kubelet rewrites a mounted volume's files on its
// periodic pod sync after the object changed (typically within a minute), while a subPath bind mount keeps
// the file it started with (ContainerRt.pinned).
import type { ReconcileContext } from '../types';
import type { PodObj } from '../attachdetach/volumes';
import { refreshProjectedFiles } from './volume-plugins';
import type { PodRt } from './runtime';

export function referencesSource(pod: PodObj, kind: string, name: string): boolean {
  return (pod.spec?.volumes ?? []).some((v) => {
    const sources = [v, ...(v.projected?.sources ?? [])] as { configMap?: { name?: string }; secret?: { name?: string; secretName?: string } }[];
    return sources.some((s) => (kind === 'ConfigMap' ? s.configMap?.name === name : (s.secret?.secretName ?? s.secret?.name) === name));
  });
}

/** configMap/secret volumes follow their sources on the kubelet's periodic sync (10–60 s later here). */
export function syncProjectedRefresh(ctx: ReconcileContext, pod: PodObj, prt: PodRt): number | undefined {
  let wake: number | undefined;
  for (const vol of pod.spec?.volumes ?? []) {
    const vr = prt.volumes.get(vol.name);
    if (vr?.phase !== 'mounted' || !vr.ownedAsset?.startsWith('vol:')) continue;
    if (vr.refreshDue === undefined) {
      if (!refreshProjectedFiles(ctx, pod, vol, vr.ownedAsset, false)) continue;
      vr.refreshDue = ctx.now + ctx.rng.int(10_000, 60_000);
    }
    if (ctx.now < vr.refreshDue) {
      wake = wake === undefined ? vr.refreshDue : Math.min(wake, vr.refreshDue);
      continue;
    }
    refreshProjectedFiles(ctx, pod, vol, vr.ownedAsset, true);
    vr.refreshDue = undefined;
  }
  return wake;
}

