import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifests';

describe('parseManifests', () => {
  it('reads several documents with their positions', () => {
    const r = parseManifests('# c\napiVersion: v1\nkind: A\n---\napiVersion: v1\nkind: B\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.docs.map((d) => (d.value as { kind: string }).kind)).toEqual(['A', 'B']);
    expect(r.docs[1].line).toBe(5);
  });

  it('reads flow-style (KYAML) documents', () => {
    const r = parseManifests('---\n{\n  apiVersion: "v1",\n  kind: "PersistentVolume",\n  spec: { capacity: { storage: "1Gi", }, },\n}\n');
    expect(r.ok && (r.docs[0].value as { kind: string }).kind).toBe('PersistentVolume');
  });

  it('reports a syntax error with line and column', () => {
    const r = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   bad: : y\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.line).toBeGreaterThanOrEqual(4);
    expect(r.error.line).toBeLessThanOrEqual(5);
    expect(r.error.col).toBeGreaterThan(0);
    expect(r.error.message).toMatch(/mapping/i);
  });

  it('treats yes/no as booleans like YAML 1.1', () => {
    const r = parseManifests('a: yes\nb: "yes"\n');
    expect(r.ok && r.docs[0].value).toEqual({ a: true, b: 'yes' });
  });

  it('skips empty documents', () => {
    const r = parseManifests('---\n# only a comment\n---\nkind: X\n');
    expect(r.ok && r.docs.length).toBe(1);
  });
});
