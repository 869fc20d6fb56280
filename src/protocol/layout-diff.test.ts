import { describe, expect, it } from 'vitest';
import type { GNode, Layout } from './layout';
import { applyLayoutDiff, diffLayout, EMPTY_LAYOUT } from './layout-diff';

const g = (id: string, x: number, parent?: string): GNode => ({ id, type: parent ? 'pod' : 'node', x, y: 0, w: 10, h: 10, parent, data: { k: id } });
const layout = (...nodes: GNode[]): Layout => ({ nodes, edges: [], width: 100, height: 10 });

describe('diffLayout / applyLayoutDiff', () => {
  it('an identical layout is no diff; a moved node is the only node sent', () => {
    const a = layout(g('n1', 0), g('n2', 20));
    expect(diffLayout(a, layout(g('n1', 0), g('n2', 20)))).toBeUndefined();
    const d = diffLayout(a, layout(g('n1', 0), g('n2', 40)))!;
    expect(d.nodes.map((n) => [n.id, n.x])).toEqual([['n2', 40]]);
    const b = applyLayoutDiff(a, d);
    expect(b.nodes[0]).toBe(a.nodes[0]); // unchanged nodes keep their identity
    expect(b.nodes[1].x).toBe(40);
  });
  it('a pod that gains a parent which is itself new still comes after it (React Flow needs parents first)', () => {
    const before = layout(g('pod', 0));
    const after = layout(g('node', 0), g('pod', 5, 'node'));
    const applied = applyLayoutDiff(before, diffLayout(before, after)!);
    expect(applied.nodes.map((n) => n.id)).toEqual(['node', 'pod']);
  });
  it('removed nodes and edges go; the size follows', () => {
    const a: Layout = { nodes: [g('a', 0), g('b', 20)], edges: [{ id: 'e', source: 'a', target: 'b', kind: 'claim' }], width: 30, height: 10 };
    const b = applyLayoutDiff(a, diffLayout(a, { nodes: [g('a', 0)], edges: [], width: 10, height: 10 })!);
    expect(b).toEqual({ nodes: [g('a', 0)], edges: [], width: 10, height: 10 });
    expect(applyLayoutDiff(EMPTY_LAYOUT, diffLayout(EMPTY_LAYOUT, a)!)).toEqual(a);
  });
});
