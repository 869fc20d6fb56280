// The graph layout travels from the worker to the UI as a difference: the worker keeps the last layout it
// sent, and a patch carries only the nodes whose box, parent or data changed (a new claim moves one card,
// not a thousand). Applying a diff keeps every unchanged node's identity, so the graph re-renders only the
// cards that moved.
import type { LayoutDiff } from './messages';
import type { GEdge, GNode, Layout } from './layout';

export const EMPTY_LAYOUT: Layout = { nodes: [], edges: [], width: 0, height: 0 };

export function sameGNode(a: GNode, b: GNode): boolean {
  if (a === b) return true;
  if (a.x !== b.x || a.y !== b.y || a.w !== b.w || a.h !== b.h || a.parent !== b.parent || a.type !== b.type) return false;
  const ka = Object.keys(a.data);
  return ka.length === Object.keys(b.data).length && ka.every((k) => a.data[k] === b.data[k]);
}

const sameGEdge = (a: GEdge, b: GEdge) => a === b || (a.source === b.source && a.target === b.target && a.kind === b.kind);

/** What changed from `prev` to `next`; undefined when nothing did. */
export function diffLayout(prev: Layout, next: Layout): LayoutDiff | undefined {
  const oldNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(prev.edges.map((e) => [e.id, e]));
  const nodes: GNode[] = [];
  const edges: GEdge[] = [];
  for (const n of next.nodes) {
    const o = oldNodes.get(n.id);
    if (!o || !sameGNode(o, n)) nodes.push(n);
    oldNodes.delete(n.id);
  }
  for (const e of next.edges) {
    const o = oldEdges.get(e.id);
    if (!o || !sameGEdge(o, e)) edges.push(e);
    oldEdges.delete(e.id);
  }
  const removedNodes = [...oldNodes.keys()];
  const removedEdges = [...oldEdges.keys()];
  if (!nodes.length && !edges.length && !removedNodes.length && !removedEdges.length && prev.width === next.width && prev.height === next.height)
    return undefined;
  return { nodes, removedNodes, edges, removedEdges, width: next.width, height: next.height };
}

/**
 * The layout after a diff. Unchanged nodes and edges keep their identity and their order; new ones come
 * last. Nodes without a parent come before nodes inside one (React Flow wants a parent before its
 * children, and a pod may gain a parent that is itself new).
 */
export function applyLayoutDiff(prev: Layout, d: LayoutDiff): Layout {
  const changed = new Map(d.nodes.map((n) => [n.id, n]));
  const gone = new Set(d.removedNodes);
  const top: GNode[] = [];
  const inner: GNode[] = [];
  const place = (n: GNode) => (n.parent ? inner : top).push(n);
  for (const n of prev.nodes) {
    if (gone.has(n.id)) continue;
    const c = changed.get(n.id);
    if (c) changed.delete(n.id);
    place(c ?? n);
  }
  for (const n of changed.values()) place(n);
  const changedEdges = new Map(d.edges.map((e) => [e.id, e]));
  const goneEdges = new Set(d.removedEdges);
  const edges: GEdge[] = [];
  for (const e of prev.edges) {
    if (goneEdges.has(e.id)) continue;
    const c = changedEdges.get(e.id);
    if (c) changedEdges.delete(e.id);
    edges.push(c ?? e);
  }
  for (const e of changedEdges.values()) edges.push(e);
  return { nodes: inner.length ? top.concat(inner) : top, edges, width: d.width, height: d.height };
}
