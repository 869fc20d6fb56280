// A CSI/cloud call travelling along an edge. The engine emits the trace when the call starts, with its
// latency; the label's position is f(virtual now − trace time, duration) computed by a motion value
// derived from the virtual clock (virtual-now.ts): pausing freezes it, scrubbing replays it, speed scales
// it, and a running clock moves it without re-rendering React.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { motion, useTransform } from 'motion/react';
import { progressAt, virtualNow } from './virtual-now';

export interface CallData {
  call: string;
  time: number;
  durationMs?: number;
  ok: boolean;
}

export function CallEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const d = (data ?? {}) as unknown as CallData;
  const progress = useTransform(virtualNow, (now) => progressAt(d, now));
  const offset = useTransform(progress, (p) => `${p * 100}%`);
  const failed = d.ok === false;
  return (
    <>
      <BaseEdge id={props.id} path={path} className={`call-edge ${failed ? 'failed' : ''}`} />
      <EdgeLabelRenderer>
        <motion.div
          className={`call-label ${failed ? 'failed' : ''}`}
          data-testid={`graph.call.${d.call}`}
          style={{ offsetPath: `path('${path}')`, offsetDistance: offset, offsetRotate: '0deg' }}
        >
          <span>{d.call}</span>
          {d.durationMs !== undefined && d.durationMs > 0 && <span className="call-ms">{formatMs(d.durationMs)}</span>}
          <motion.span className="call-bar" style={{ scaleX: progress }} aria-hidden />
        </motion.div>
      </EdgeLabelRenderer>
    </>
  );
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
