// A CSI/cloud call travelling along an edge. Its position is (virtual now − trace time) / TRAVEL_MS:
// driven by the engine's virtual clock, so pausing freezes it, scrubbing replays it, speed scales it.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useCluster } from '../../state/cluster';
import { TRAVEL_MS } from './derived';

export function CallEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const now = useCluster((s) => s.time + s.epoch);
  const d = (data ?? {}) as { call?: string; time?: number; ok?: boolean };
  const frac = Math.max(0, Math.min(1, (now - (d.time ?? now)) / TRAVEL_MS));
  return (
    <>
      <BaseEdge id={props.id} path={path} className={`call-edge ${d.ok === false ? 'failed' : ''}`} />
      <EdgeLabelRenderer>
        <div
          className={`call-label ${d.ok === false ? 'failed' : ''} ${frac >= 1 ? 'arrived' : ''}`}
          data-testid={`graph.call.${d.call}`}
          style={{ offsetPath: `path('${path}')`, offsetDistance: `${frac * 100}%`, offsetRotate: '0deg' }}
        >
          {d.call}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
