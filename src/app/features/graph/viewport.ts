// Where the graph looks when the whole picture cannot be shown at a readable size.
import type { Layout } from '../../../protocol/layout';

/** Top-left absolute boxes of the layout's nodes (children are placed relative to their parent). */
export function absBoxes(layout: Layout): Map<string, { x: number; y: number; w: number; h: number }> {
  const m = new Map<string, { x: number; y: number; w: number; h: number }>();
  for (const n of layout.nodes) {
    const p = n.parent ? m.get(n.parent) : undefined;
    m.set(n.id, { x: (p?.x ?? 0) + n.x, y: (p?.y ?? 0) + n.y, w: n.w, h: n.h });
  }
  return m;
}

/**
 * The viewport at zoom `zoom` that shows the focus objects (the latest change; the zones when nothing
 * changed yet): centred on them, but pulled towards the picture's top-left as long as they stay in view, so
 * the teacher sees the change with as much context as fits. Pure: the same layout, change and pane give
 * the same view.
 */
export function focusViewport(layout: Layout, touched: readonly string[], paneW: number, paneH: number, zoom: number): { x: number; y: number; zoom: number } {
  const boxes = absBoxes(layout);
  // a volume's disk goes with it: the attach happens there
  const keys = new Set(touched);
  for (const n of layout.nodes) if (n.type === 'asset' && typeof n.data.pv === 'string' && keys.has(n.data.pv)) keys.add(n.id);
  let focus = [...keys].map((k) => boxes.get(k)).filter((b): b is NonNullable<typeof b> => !!b);
  if (!focus.length) focus = layout.nodes.filter((n) => n.type === 'zone').map((n) => boxes.get(n.id)!);
  const viewW = paneW / zoom;
  const viewH = paneH / zoom;
  const margin = 24;
  // the leftmost (topmost) origin that still shows the whole change, but not left of the picture; a
  // change wider than the view starts at its own left edge
  const axis = (lo: number, hi: number, view: number): number => (hi - lo + 2 * margin >= view ? lo - margin : Math.max(-margin, hi + margin - view));
  const x0 = axis(Math.min(...focus.map((b) => b.x)), Math.max(...focus.map((b) => b.x + b.w)), viewW);
  const y0 = axis(Math.min(...focus.map((b) => b.y)), Math.max(...focus.map((b) => b.y + b.h)), viewH);
  return { x: -x0 * zoom, y: -y0 * zoom, zoom };
}

