import { describe, expect, it } from 'vitest';
import type { GNode, Layout } from '../../../protocol/layout';
import { focusViewport } from './viewport';

const box = (id: string, x: number, y: number, type: GNode['type'] = 'object', parent?: string): GNode => ({ id, type, x, y, w: 200, h: 70, parent, data: {} });
const layout = (nodes: GNode[]): Layout => ({ nodes, edges: [], width: Math.max(...nodes.map((n) => n.x + n.w)), height: Math.max(...nodes.map((n) => n.y + n.h)) });

describe('focusViewport', () => {
  const l = layout([box('zone:a', 0, 100, 'zone'), box('Node//n1', 10, 10, 'node', 'zone:a'), box('PersistentVolume//far', 3000, 600), box('PersistentVolume//near', 100, 300)]);
  it('keeps the picture’s top-left in view when the change is near it', () => {
    const v = focusViewport(l, ['PersistentVolume//near'], 800, 600, 0.75);
    expect(v).toEqual({ x: 24 * 0.75, y: 24 * 0.75, zoom: 0.75 });
  });
  it('scrolls just far enough that a change far right is fully visible at the given zoom', () => {
    const v = focusViewport(l, ['PersistentVolume//far'], 800, 600, 0.75);
    const left = -v.x / v.zoom;
    const right = left + 800 / v.zoom;
    expect(left).toBeLessThanOrEqual(3000);
    expect(right).toBeGreaterThanOrEqual(3200);
    expect(right).toBeLessThanOrEqual(3200 + 25); // no further than needed
  });
  it('children are placed relative to their parent; nothing touched → the zones', () => {
    const a = focusViewport(l, ['Node//n1'], 800, 600, 0.75);
    const b = focusViewport(l, [], 800, 600, 0.75);
    expect(a).toEqual(b);
  });
});
