// A CSI/cloud call travelling along an edge. The engine emits the trace when the call starts, with its
// latency; the label's position is f(virtual now − trace time, duration) computed by a motion value
// derived from the virtual clock (virtual-now.ts): pausing freezes it, scrubbing replays it, speed scales
// it, and a running clock moves it without re-rendering React.
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useRef } from 'react';
import { useTransform } from 'motion/react';
import { progressAt, useMotionStyle, virtualNow } from './virtual-now';

export interface CallData {
  call: string;
  time: number;
  durationMs?: number;
  ok: boolean;
  /** a call inside a node (kubelet → CSI node): a dot travels instead of a label */
  compact?: boolean;
}

export function CallEdge(props: EdgeProps) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props;
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const d = (data ?? {}) as unknown as CallData;
  const progress = useTransform(virtualNow, (now) => progressAt(d, now));
  const offset = useTransform(progress, (p) => `${p * 100}%`);
  const fill = useTransform(progress, (p) => `scaleX(${p})`);
  // Along a sideways edge the label leaves with its back edge on the caller and arrives with its front
  // edge on the callee, so it stays in the gap between the two cards instead of covering their names.
  const sideways = Math.abs(targetY - sourceY) < 40;
  const forward = targetX >= sourceX;
  const anchor = useTransform(progress, (p) => `${sideways && !d.compact ? (forward ? p : 1 - p) * 100 : 50}% 50%`);
  const label = useRef<HTMLDivElement>(null);
  const bar = useRef<HTMLSpanElement>(null);
  useMotionStyle(label, { 'offset-distance': offset, 'offset-anchor': anchor });
  useMotionStyle(bar, { transform: fill });
  const failed = d.ok === false;
  return (
    <>
      <BaseEdge id={props.id} path={path} className={`call-edge ${failed ? 'failed' : ''}`} />
      <EdgeLabelRenderer>
        <div
          ref={label}
          className={`${d.compact ? 'call-dot' : 'call-label'} ${failed ? 'failed' : ''}`}
          data-testid={`graph.call.${d.call}`}
          title={d.call}
          style={{ offsetPath: `path('${path}')`, offsetRotate: '0deg' }}
        >
          {!d.compact && <span>{d.call}</span>}
          {!d.compact && <span ref={bar} className="call-bar" aria-hidden />}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
