// The host with the real engine pieces the worker loads: builtin profiles, kubectl, the lesson scenarios.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKubectl } from '../engine/kubectl';
import type { FromWorker } from '../protocol/messages';
import { builtinProfiles, loadScenarios } from './engine-modules';
import { Host } from './host';

const root = join(import.meta.dirname, '../../scenarios');
function rawScenarios(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of readdirSync(root, { withFileTypes: true }))
    if (d.isDirectory()) for (const f of readdirSync(join(root, d.name))) if (f.endsWith('.yaml')) out[`scenarios/${d.name}/${f}`] = readFileSync(join(root, d.name, f), 'utf8');
  return out;
}

function harness() {
  const out: FromWorker[] = [];
  const host = new Host({ post: (m) => out.push(m), profiles: builtinProfiles(), runKubectl, scenarios: loadScenarios(rawScenarios()) });
  return { out, host };
}

/** Plays wall time in 16 ms frames until cond holds (or the budget runs out). */
function playUntil(h: ReturnType<typeof harness>, cond: () => boolean, maxFrames = 20_000): number {
  let wall = 0;
  for (let i = 0; i < maxFrames && !cond(); i++) h.host.tick((wall += 16));
  return wall;
}

describe('Host with the engine', () => {
  it('starts on the lesson cloud and lists the lessons', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'alicloud', seed: 1 } }, 0);
    const ready = h.out.find((m) => m.type === 'ready');
    expect(ready?.type === 'ready' && ready.profile).toBe('alicloud');
    // the lesson list follows the first frames, so parsing it does not delay the first picture
    expect(h.out.some((m) => m.type === 'catalog')).toBe(false);
    playUntil(h, () => h.out.some((m) => m.type === 'catalog'), 10);
    const cat = h.out.find((m) => m.type === 'catalog');
    expect(cat?.type === 'catalog' && cat.scenarios.map((s) => s.id)).toContain('static-nas');
  });

  it('static NAS: applying the PV and the claim from the editor binds them', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'alicloud', seed: 1 } }, 0);
    const dir = join(root, 'static-nas');
    const text = ['nas-pv.yaml', 'nas-pvc.yaml'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\n---\n');
    h.host.handle({ type: 'command', id: 1, cmd: { type: 'apply', text } }, 0);
    const res = h.out.find((m) => m.type === 'result');
    expect(res?.type === 'result' && res.result.stdout).toMatch(/persistentvolume\/nas-csi-pv created\npersistentvolumeclaim\/nas-pvc created/);
    const phase = (kind: 'PersistentVolume' | 'PersistentVolumeClaim', ns: string | undefined, name: string) =>
      (h.host.simulation.store.get(kind, ns, name) as { status?: { phase?: string } } | undefined)?.status?.phase;
    playUntil(h, () => phase('PersistentVolumeClaim', 'default', 'nas-pvc') === 'Bound');
    expect(phase('PersistentVolume', undefined, 'nas-csi-pv')).toBe('Bound');
  });

  it('dynamic disk lesson: step lines run in order and CreateVolume is traced before the claim binds', () => {
    const h = harness();
    h.host.handle({ type: 'loadScenario', id: 'dynamic-disk' }, 0);
    const sc = h.out.find((m) => m.type === 'scenario');
    expect(sc?.type === 'scenario' && sc.steps.length).toBeGreaterThan(2);
    h.host.handle({ type: 'runStep', index: 1 }, 0); // apply disk-pvc.yaml
    h.host.handle({ type: 'runStep', index: 2 }, 0); // sim settle, get pvc …
    playUntil(h, () => h.out.some((m) => m.type === 'output' && m.line.startsWith('kubectl describe pvc')));
    const patches = h.out.flatMap((m) => (m.type === 'patch' ? [m.patch] : []));
    const calls = patches.flatMap((p) => p.traces.map((t) => t.call));
    expect(calls).toContain('CreateVolume');
    const bound = patches.flatMap((p) => p.transitions).find((t) => t.key === 'PersistentVolumeClaim/default/disk-pvc' && t.to === 'Bound');
    const created = patches.flatMap((p) => p.traces).find((t) => t.call === 'CreateVolume');
    expect(bound && created && created.time - h.host.simulation.clock.now() + h.host.time <= bound.time).toBe(true);
    const out = h.out.filter((m) => m.type === 'output').map((m) => (m.type === 'output' ? m.line : ''));
    expect(out.indexOf('kubectl apply -f disk-pvc.yaml')).toBeLessThan(out.indexOf('kubectl get pv'));
  });

  it('a query runs kubectl get without recording it; a query that would write is refused', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'alicloud', seed: 1 } }, 0);
    h.host.handle({ type: 'query', id: 7, argv: ['get', 'sc'] }, 0);
    const q = h.out.find((m) => m.type === 'query');
    expect(q?.type === 'query' && q.stdout).toMatch(/^NAME\s+PROVISIONER[\s\S]*csi-disk/);
    h.host.handle({ type: 'query', id: 8, argv: ['delete', 'sc', 'csi-disk'] }, 0);
    expect(h.host.simulation.store.get('StorageClass', undefined, 'csi-disk')).toBeDefined();
    expect(h.host.commandLog).toEqual([]);
  });

  it('why is my pod pending: the scheduler explains node by node', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'alicloud', seed: 1 } }, 0);
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: lost
spec:
  containers:
    - name: c
      image: nginx
      volumeMounts: [{ name: d, mountPath: /data }]
  volumes:
    - name: d
      persistentVolumeClaim: { claimName: nope }
`;
    h.host.handle({ type: 'command', id: 1, cmd: { type: 'apply', text: pod } }, 0);
    h.host.handle({ type: 'explain', id: 2, key: 'Pod/default/lost' }, 0);
    const e = h.out.find((m) => m.type === 'explain');
    expect(e?.type === 'explain' && e.explanation.type).toBe('pod');
    if (e?.type !== 'explain' || e.explanation.type !== 'pod') return;
    expect(e.explanation.nodes).toHaveLength(3);
    // VolumeBinding's PreFilter: upstream's error text for a missing claim
    expect(e.explanation.nodes[0].reasons.join()).toContain('persistentvolumeclaim "nope" not found');
  });
});
