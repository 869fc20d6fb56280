// `kubectl get pv`, `kubectl get pvc`, `kubectl get pods` as kubectl prints them, live.
import { useMemo } from 'react';
import type { KObject } from '../../../engine/model/types';
import { useCluster } from '../../state/cluster';
import { formatTable, podTable, pvcTable, pvTable } from './printers';

const AGE_STEP_MS = 1000;

export function Tables() {
  const objects = useCluster((s) => s.objects);
  // ages change every second of virtual time, not every frame
  const now = useCluster((s) => Math.floor((s.time + s.epoch) / AGE_STEP_MS) * AGE_STEP_MS);
  const text = useMemo(() => {
    const of = (k: string) =>
      Object.values(objects)
        .filter((o: KObject) => o.kind === k && (!o.metadata.namespace || o.metadata.namespace === 'default'))
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const block = (cmd: string, t: ReturnType<typeof pvTable>) => `$ ${cmd}\n${t.rows.length ? formatTable(t) : 'No resources found'}\n`;
    return [
      block('kubectl get pv', pvTable(of('PersistentVolume'), now)),
      block('kubectl get pvc', pvcTable(of('PersistentVolumeClaim'), now)),
      block('kubectl get pods', podTable(of('Pod'), now)),
    ].join('\n');
  }, [objects, now]);
  return (
    <pre className="code tables" data-testid="tables">
      {text}
    </pre>
  );
}
