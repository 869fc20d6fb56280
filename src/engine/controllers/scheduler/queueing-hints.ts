// Which cluster events can make a pod that failed scheduling schedulable again, per rejecting plugin
// (each plugin's EventsToRegister in pkg/scheduler/framework/plugins). An unschedulable pod is moved
// back to the active queue only by an event one of its rejecting plugins registered for, so unrelated
// changes do not re-run it (and do not repeat its FailedScheduling event).
import type { KindName } from '../../model/kinds';

/** 'AssignedPod' = a change to a pod bound to a node. */
export type HintEvent = KindName | 'AssignedPod';

const VOLUME_EVENTS: HintEvent[] = ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'CSINode', 'Node'];

export const PLUGIN_EVENTS: Readonly<Record<string, readonly HintEvent[]>> = {
  NodeUnschedulable: ['Node'],
  NodeName: ['Node'],
  TaintToleration: ['Node'],
  NodeAffinity: ['Node'],
  NodeResourcesFit: ['Node', 'AssignedPod'],
  InterPodAffinity: ['Node', 'AssignedPod'],
  VolumeRestrictions: ['PersistentVolumeClaim', 'AssignedPod'],
  NodeVolumeLimits: ['CSINode', 'Node', 'PersistentVolumeClaim', 'PersistentVolume', 'AssignedPod'],
  VolumeBinding: VOLUME_EVENTS,
  VolumeZone: ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'Node'],
  PodTopologySpread: ['Node', 'AssignedPod'],
  NodePorts: ['Node', 'AssignedPod'],
};

/** true when an event of this kind may help a pod rejected by these plugins (unknown plugins: always). */
export function eventMayHelp(plugins: ReadonlySet<string> | undefined, event: HintEvent): boolean {
  if (!plugins || plugins.size === 0) return true;
  for (const p of plugins) {
    const events = PLUGIN_EVENTS[p];
    if (!events || events.includes(event)) return true;
  }
  return false;
}
