// The live graph. The layout is computed by the engine worker (src/worker/graph.ts) and arrives as a diff
// only when the cluster's structure changes; status changes re-render single cards. Call edges come from
// engine traces active at the current virtual time.
import { useEffect, useMemo, useRef } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { clusterStore, useCluster } from '../../state/cluster';
import { ui, uiStore, useUi } from '../../state/ui';
import { useT } from '../../i18n';
import { relatedTo, type GEdge, type GNode, type Layout } from '../../../protocol/layout';
import { sameGNode } from '../../../protocol/layout-diff';
import { focusViewport } from './viewport';
import { NODE_TYPES } from './nodes';
import { CallEdge } from './CallEdge';
import { activeTraces, BIG_GRAPH, derivedStore } from './derived';
import type { TimedTrace } from '../../../engine/sim/simulation';

const EDGE_TYPES = { call: CallEdge };

function useLayout(): Layout {
  return useCluster((s) => s.layout);
}

const LONG_EDGE = 3000;
/** kubelet → CSI node calls run between two chips inside a node: too close for a label (the pod's card names the call) */
const isNodeLocal = (c: string) => c.startsWith('kubelet/') || c.startsWith('csi-node/');

const EDGE_STYLE: Record<GEdge['kind'], string> = {
  claim: 'edge-claim',
  volume: 'edge-volume',
  class: 'edge-class',
  asset: 'edge-asset',
  attach: 'edge-attach',
  owner: 'edge-owner',
};

/**
 * Below this zoom the cards' type is too small to read on a projector (13–14 px at zoom 1 → ~10 px). When
 * the whole picture does not fit at this zoom, the view shows what the latest change concerned instead.
 */
export const MIN_READABLE_ZOOM = 0.75;
const FIT_PADDING = 0.08;

/**
 * Refits the view when the picture's structure changes (not on status changes) and when the pane is
 * resized: the whole picture if it is readable, else the objects and components the latest change touched
 * (the current lesson step), at the readable minimum zoom.
 */
function AutoFit({ layout, big, box }: { layout: Layout; big: boolean; box: React.RefObject<HTMLDivElement | null> }) {
  const rf = useReactFlow();
  // the pane's size as the ResizeObserver last reported it: reading clientWidth in a refit would force a
  // synchronous layout of a thousand cards
  const size = useRef<{ w: number; h: number } | undefined>(undefined);
  const fitRef = useRef<() => void>(() => {});
  fitRef.current = () => {
    const duration = big ? 0 : 300; // easing a large graph mounts and unmounts hundreds of cards per frame
    const pane = size.current ?? (box.current ? { w: box.current.clientWidth, h: box.current.clientHeight } : undefined);
    if (pane) size.current = pane;
    if (!pane || !layout.width || !layout.height) return void rf.fitView({ padding: FIT_PADDING, duration, maxZoom: 1.15 });
    const whole = Math.min(pane.w / (layout.width * (1 + 2 * FIT_PADDING)), pane.h / (layout.height * (1 + 2 * FIT_PADDING)));
    if (whole >= MIN_READABLE_ZOOM) return void rf.fitView({ padding: FIT_PADDING, duration, maxZoom: 1.15 });
    // Too big to read whole: stay at the readable zoom and show the latest change, keeping as much of
    // the picture's top-left (control plane, zones) in view as the change allows.
    const target = focusViewport(layout, clusterStore.getState().touched, pane.w, pane.h, MIN_READABLE_ZOOM);
    const cur = rf.getViewport();
    if (Math.abs(cur.x - target.x) < 1 && Math.abs(cur.y - target.y) < 1 && cur.zoom === target.zoom) return;
    void rf.setViewport(target, { duration });
  };
  // a new layout refits on the next frame (not inside the patch's commit)
  useEffect(() => {
    const id = requestAnimationFrame(() => fitRef.current());
    return () => cancelAnimationFrame(id);
  }, [layout, big]);
  // a resized pane (window, projector, folded side panel) refits too; one observer for the graph's life,
  // not one per layout change
  useEffect(() => {
    let t: ReturnType<typeof setTimeout> | undefined;
    let first = true;
    const ro = new ResizeObserver((entries) => {
      const r = entries[entries.length - 1]?.contentRect;
      if (r) size.current = { w: r.width, h: r.height };
      if (first) return void (first = false);
      clearTimeout(t);
      t = setTimeout(() => fitRef.current(), 120);
    });
    if (box.current) ro.observe(box.current);
    return () => {
      clearTimeout(t);
      ro.disconnect();
    };
  }, [box]);
  return null;
}

export function GraphView() {
  const t = useT();
  const layout = useLayout();
  const selected = useUi((s) => s.selected);
  const box = useRef<HTMLDivElement>(null);

  const absPos = useMemo(() => {
    const m = new Map<string, { x: number; y: number }>();
    for (const n of layout.nodes) {
      const p = n.parent ? m.get(n.parent) : undefined;
      m.set(n.id, { x: (p?.x ?? 0) + n.x + n.w / 2, y: (p?.y ?? 0) + n.y + n.h / 2 });
    }
    return m;
  }, [layout]);

  // React Flow skips nodes whose object is unchanged: reuse the previous object when nothing moved.
  const prevNodes = useRef(new Map<string, { g: GNode; n: Node }>());
  const nodes: Node[] = useMemo(() => {
    const next = new Map<string, { g: GNode; n: Node }>();
    const out = layout.nodes.map((g) => {
      const old = prevNodes.current.get(g.id);
      if (old && sameGNode(old.g, g)) {
        next.set(g.id, old);
        return old.n;
      }
      const n: Node = {
        id: g.id,
        type: g.type,
        position: { x: g.x, y: g.y },
        data: g.data as Record<string, unknown>,
        parentId: g.parent,
        extent: g.parent ? ('parent' as const) : undefined,
        draggable: false,
        connectable: false,
        selectable: g.type !== 'zone' && g.type !== 'section',
        focusable: g.type !== 'zone' && g.type !== 'section',
        zIndex: g.type === 'zone' ? -2 : g.type === 'node' ? -1 : g.parent ? 1 : 0,
        style: { width: g.w, height: g.h },
      };
      next.set(g.id, { g, n });
      return n;
    });
    prevNodes.current = next;
    return out;
  }, [layout]);

  // as with nodes: an edge whose ends did not move keeps its object, so React Flow skips it
  const prevEdges = useRef(new Map<string, Edge>());
  const baseEdges: Edge[] = useMemo(() => {
    const next = new Map<string, Edge>();
    const out = layout.edges.map((e) => {
      const s = absPos.get(e.source);
      const d = absPos.get(e.target);
      const sideways = e.kind === 'class' || (s && d && Math.abs(s.y - d.y) < 40);
      const leftwards = s && d && d.x < s.x;
      const sourceHandle = sideways ? (leftwards ? 'sl' : 'r') : 'b';
      const targetHandle = sideways ? (leftwards ? 'tr' : 'l') : 't';
      // a dashed line across thousands of pixels costs Chromium tens of thousands of dashes on every
      // repaint (pan/zoom with 1,000 volumes): long edges are drawn solid
      const className = s && d && Math.abs(s.x - d.x) + Math.abs(s.y - d.y) > LONG_EDGE ? `${EDGE_STYLE[e.kind]} edge-long` : EDGE_STYLE[e.kind];
      const old = prevEdges.current.get(e.id);
      const edge: Edge =
        old && old.source === e.source && old.target === e.target && old.sourceHandle === sourceHandle && old.targetHandle === targetHandle && old.className === className
          ? old
          : { id: e.id, source: e.source, target: e.target, sourceHandle, targetHandle, className, animated: false, focusable: false, selectable: false };
      next.set(e.id, edge);
      return edge;
    });
    prevEdges.current = next;
    return out;
  }, [layout, absPos]);

  // Which traces are in flight right now; a string key keeps this from re-rendering every frame.
  const activeKey = useCluster((s) =>
    activeTraces(s.traces, s.time + s.epoch)
      .map((tr) => tr.seq)
      .join(','),
  );
  const callEdges: Edge[] = useMemo(() => {
    const s = clusterStore.getState();
    const ids = new Set(activeKey.split(',').filter(Boolean).map(Number));
    const out: Edge[] = [];
    for (const tr of s.traces) {
      if (!ids.has(tr.seq)) continue;
      const src = `comp:${tr.from}`;
      const dst = `comp:${tr.to}`;
      const a = absPos.get(src);
      const b = absPos.get(dst);
      if (!a || !b) continue;
      const sideways = Math.abs(a.y - b.y) < 40;
      const leftwards = b.x < a.x;
      const upwards = b.y < a.y;
      out.push({
        id: `call:${tr.seq}`,
        source: src,
        target: dst,
        type: 'call',
        sourceHandle: sideways ? (leftwards ? 'sl' : 'r') : upwards ? 'st' : 'b',
        targetHandle: sideways ? (leftwards ? 'tr' : 'l') : upwards ? 'tb' : 't',
        data: { call: tr.call, time: tr.time, durationMs: tr.durationMs, ok: tr.ok, compact: isNodeLocal(tr.from) && isNodeLocal(tr.to) },
        zIndex: 5,
        selectable: false,
        focusable: false,
      });
    }
    return out;
  }, [activeKey, absPos]);

  useEffect(() => {
    // setState notifies every card's selectors even when nothing changed: only on a change
    if (derivedStore.getState().animate !== nodes.length <= BIG_GRAPH) derivedStore.setState({ animate: nodes.length <= BIG_GRAPH });
  }, [nodes.length]);

  // the first picture is on screen after the next frame: let the editor chunk load then
  useEffect(() => {
    if (!nodes.some((n) => n.type === 'node') || uiStore.getState().graphPainted) return;
    const id = requestAnimationFrame(() => setTimeout(() => uiStore.setState({ graphPainted: true }), 0));
    return () => cancelAnimationFrame(id);
  }, [nodes]);

  // busy: objects and components a call in flight concerns
  useEffect(() => {
    const s = clusterStore.getState();
    const ids = new Set(activeKey.split(',').filter(Boolean).map(Number));
    const busy = new Set<string>();
    const calls = new Map<string, TimedTrace[]>();
    for (const tr of s.traces)
      if (ids.has(tr.seq)) {
        busy.add(`comp:${tr.from}`);
        busy.add(`comp:${tr.to}`);
        for (const o of tr.objects) {
          busy.add(o);
          calls.set(o, [...(calls.get(o) ?? []), tr]);
        }
      }
    derivedStore.setState({ busy, calls });
  }, [activeKey]);

  // related: what the selection is connected to
  useEffect(() => {
    if (!selected || !layout.nodes.some((n) => n.id === selected)) {
      const d = derivedStore.getState();
      if (d.selected !== undefined || d.related !== undefined) derivedStore.setState({ selected: undefined, related: undefined });
      return;
    }
    const parents = new Map<string, string>();
    for (const n of layout.nodes) if (n.parent) parents.set(n.id, n.parent);
    derivedStore.setState({ selected, related: relatedTo(selected, layout.edges, parents) });
  }, [selected, layout]);

  const edges = useMemo(() => {
    const rel = derivedStore.getState().related;
    const withRel = rel
      ? baseEdges.map((e) => ({ ...e, className: `${e.className} ${rel.has(e.source) && rel.has(e.target) ? 'edge-related' : 'edge-dim'}` }))
      : baseEdges;
    return [...withRel, ...callEdges];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [baseEdges, callEdges, selected, layout]);

  return (
    <div className="graph" data-testid="graph" ref={box}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        edgeTypes={EDGE_TYPES}
        fitView
        fitViewOptions={{ padding: FIT_PADDING, maxZoom: 1.15, minZoom: MIN_READABLE_ZOOM }}
        minZoom={0.1}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > BIG_GRAPH}
        nodesDraggable={false}
        nodesConnectable={false}
        proOptions={{ hideAttribution: true }}
        onNodeClick={(_, n) => {
          if (n.type === 'zone' || n.type === 'section') return;
          const id = n.type === 'asset' ? `asset:${String(n.data.id)}` : n.id;
          ui.select(id === selected ? undefined : id);
        }}
        onPaneClick={() => ui.select(undefined)}
      >
        <AutoFit layout={layout} big={nodes.length > BIG_GRAPH} box={box} />
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-right" />
        {nodes.length > 40 && nodes.length <= BIG_GRAPH * 2 && <MiniMap pannable zoomable />}
      </ReactFlow>
      <div className="graph-legend">{t('graph.legend')}</div>
    </div>
  );
}
