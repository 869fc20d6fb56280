// kube-controller-manager's ephemeral volume controller (pkg/controller/volume/ephemeral): for every generic
// ephemeral volume of a pod it creates the claim `<pod>-<volume>` from the volumeClaimTemplate, owned by the
// pod (controller: true), so the garbage collector deletes it with the pod. A claim of that name that the pod
// does not own is left alone (the scheduler and kubelet then refuse the pod).
import type { Controller, Intent, ReconcileContext } from '../types';
import type { PodObj } from '../attachdetach/volumes';

export const EPHEMERAL_VOLUME_CONTROLLER = 'ephemeral-volume-controller';

export function ephemeralVolumeController(): Controller {
  return {
    name: EPHEMERAL_VOLUME_CONTROLLER,
    watches: ['Pod', 'PersistentVolumeClaim'],
    keysFor(ev) {
      if (ev.kind === 'Pod') return ev.type === 'DELETED' ? [] : [`${ev.obj.metadata.namespace}/${ev.obj.metadata.name}`];
      // a deleted claim is re-created for a pod that still needs it
      const owner = ev.obj.metadata.ownerReferences?.find((o) => o.kind === 'Pod' && o.controller);
      return ev.type === 'DELETED' && owner ? [`${ev.obj.metadata.namespace}/${owner.name}`] : [];
    },
    reconcile(key: string, ctx: ReconcileContext): Intent[] {
      const [ns, name] = key.split('/');
      const pod = ctx.view.get<PodObj>('Pod', ns, name);
      if (!pod || pod.metadata.deletionTimestamp) return [];
      const intents: Intent[] = [];
      for (const vol of pod.spec?.volumes ?? []) {
        const tpl = vol.ephemeral?.volumeClaimTemplate;
        if (!tpl) continue;
        const claimName = `${pod.metadata.name}-${vol.name}`;
        if (ctx.view.get('PersistentVolumeClaim', ns, claimName)) continue;
        intents.push({
          type: 'create',
          obj: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: {
              name: claimName,
              namespace: ns,
              ...(tpl.metadata?.labels ? { labels: { ...tpl.metadata.labels } } : {}),
              ...(tpl.metadata?.annotations ? { annotations: { ...tpl.metadata.annotations } } : {}),
              ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, uid: pod.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
            },
            spec: structuredClone(tpl.spec) as Record<string, unknown>,
          },
        });
      }
      return intents;
    },
  };
}
