// The word kubectl prints in the STATUS column, computed from a plain object: the PV/PVC phase, and for
// pods the same derivation as kubectl's printPod (pkg/printers/internalversion/printers.go): the phase,
// overridden by status.reason, by a waiting/terminated container's reason, and by "Terminating" once
// deletionTimestamp is set.
import type { KObject } from '../engine/model/types';

interface ContainerStatus {
  state?: { waiting?: { reason?: string }; terminated?: { reason?: string; signal?: number; exitCode?: number }; running?: unknown };
  ready?: boolean;
}

export function displayStatus(o: KObject): string | undefined {
  const status = (o.status ?? {}) as Record<string, unknown>;
  switch (o.kind) {
    case 'PersistentVolume':
    case 'PersistentVolumeClaim':
    case 'Namespace':
      if (o.kind === 'PersistentVolumeClaim' && o.metadata.deletionTimestamp) return 'Terminating';
      if (o.kind === 'PersistentVolume' && o.metadata.deletionTimestamp) return 'Terminating';
      return (status.phase as string | undefined) ?? 'Pending';
    case 'Pod':
      return podStatus(o);
    case 'VolumeAttachment':
      return status.attached ? 'Attached' : 'Attaching';
    default:
      return undefined;
  }
}

function podStatus(o: KObject): string {
  const status = (o.status ?? {}) as { phase?: string; reason?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
  let reason = status.reason || status.phase || 'Pending';
  for (const cs of status.initContainerStatuses ?? []) {
    const w = cs.state?.waiting?.reason;
    if (w && w !== 'PodInitializing') {
      reason = `Init:${w}`;
      break;
    }
  }
  let hasRunning = false;
  for (const cs of [...(status.containerStatuses ?? [])].reverse()) {
    const w = cs.state?.waiting?.reason;
    const t = cs.state?.terminated;
    if (w) reason = w;
    else if (t?.reason) reason = t.reason;
    else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode ?? 0}`;
    else if (cs.state?.running && cs.ready) hasRunning = true;
  }
  if (reason === 'Completed' && hasRunning) reason = 'Running';
  if (o.metadata.deletionTimestamp) reason = 'Terminating';
  return reason;
}

export type Tone = 'ok' | 'progress' | 'warn' | 'bad' | 'idle';

/** Colour family of a status word, shared by badges, graph nodes and tables. */
export function toneOf(status: string | undefined): Tone {
  switch (status) {
    case 'Bound':
    case 'Running':
    case 'Active':
    case 'Attached':
    case 'Succeeded':
    case 'Completed':
      return 'ok';
    case 'Available':
      return 'idle';
    case 'Pending':
    case 'ContainerCreating':
    case 'Attaching':
    case 'PodInitializing':
      return 'progress';
    case 'Released':
    case 'Terminating':
      return 'warn';
    case undefined:
      return 'idle';
    default:
      return /Err|Fail|BackOff|Lost|Unknown|Evicted/.test(status) ? 'bad' : 'progress';
  }
}
