// The eviction manager's local-storage check (pkg/kubelet/eviction, emptyDirLimitEviction): every
// housekeeping interval (10 s) a pod whose disk-backed emptyDir holds more than its sizeLimit is evicted —
// phase Failed, reason Evicted, a DisruptionTarget condition, containers killed, and a Warning Evicted event
// with `Usage of EmptyDir volume "<name>" exceeds the limit "<sizeLimit>". ` (helpers.go emptyDirMessageFmt).
import { containerFieldPath } from './containers';
import type { Intent, ReconcileContext } from '../types';
import { usedBytes } from '../../fs/tree';
import { parseQuantity, quantityValue } from '../../model/quantity';
import { rfc3339 } from '../../clock/clock';
import type { PodObj } from '../attachdetach/volumes';
import { kubeletSource } from './volume-manager';
import type { PodRt } from './runtime';

export const EVICTION_MONITORING_PERIOD_MS = 10_000;

/** The eviction message for the first emptyDir over its limit, if any. */
export function emptyDirOverLimit(ctx: ReconcileContext, pod: PodObj, prt: PodRt): string | undefined {
  for (const vol of pod.spec?.volumes ?? []) {
    const limit = vol.emptyDir?.sizeLimit as string | undefined;
    if (!limit || vol.emptyDir?.medium === 'Memory') continue;
    const rec = prt.volumes.get(vol.name)?.mount;
    const asset = rec && ctx.backends.get(rec.assetId);
    if (!asset) continue;
    let bytes: number;
    try {
      bytes = quantityValue(parseQuantity(limit));
    } catch {
      continue;
    }
    if (usedBytes(asset.root) > bytes) return `Usage of EmptyDir volume "${vol.name}" exceeds the limit "${limit}". `;
  }
  return undefined;
}

/** Kills the pod's containers and marks it Failed/Evicted (the object stays, as for any evicted pod). */
export function evict(ctx: ReconcileContext, pod: PodObj, prt: PodRt, message: string): { intents: Intent[]; status: Record<string, unknown> } {
  const intents: Intent[] = [{ type: 'event', involved: pod, eventType: 'Warning', reason: 'Evicted', message, source: kubeletSource(prt.node) }];
  for (const c of prt.containers) {
    if (c.step !== 'running') continue;
    intents.push({ type: 'event', involved: pod, eventType: 'Normal', reason: 'Killing', message: `Stopping container ${c.name}`, fieldPath: containerFieldPath(c), source: kubeletSource(prt.node) });
    c.terminated = { exitCode: 137, reason: 'Error', startedAt: c.startedAt ?? ctx.now, finishedAt: ctx.now, containerID: c.containerID ?? '' };
    c.step = 'terminated';
  }
  const disruption = { lastProbeTime: null, lastTransitionTime: rfc3339(ctx.now), message, reason: 'TerminationByKubelet', status: 'True', type: 'DisruptionTarget' };
  return { intents, status: { phase: 'Failed', reason: 'Evicted', message, disruption } };
}
