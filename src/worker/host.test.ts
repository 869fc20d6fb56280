import { describe, expect, it } from 'vitest';
import { applyPlayback, type FromWorker, type Patch, type PlaybackState } from '../protocol/messages';
import { runKubectl } from '../engine/kubectl';
import { Host } from './host';

const PV = `apiVersion: v1
kind: PersistentVolume
metadata:
  name: nas-pv
spec:
  capacity:
    storage: 5Gi
  accessModes: [ReadWriteMany]
  persistentVolumeReclaimPolicy: Retain
  csi:
    driver: nasplugin.csi.alibabacloud.com
    volumeHandle: nas-pv
`;

function harness() {
  const out: FromWorker[] = [];
  const host = new Host({ post: (m) => out.push(m), runKubectl });
  const patches = () => out.filter((m): m is Extract<FromWorker, { type: 'patch' }> => m.type === 'patch').map((m) => m.patch);
  // the UI's playback state: each message keeps the log up to logFrom and appends its tail
  const playback = () =>
    out.filter((m): m is Extract<FromWorker, { type: 'playback' }> => m.type === 'playback').reduce<PlaybackState>((st, m) => applyPlayback(st, m), { playing: false, speed: 1, time: 0, horizon: 0, log: [], marks: [] });
  // mirror of what a UI would hold after applying every patch
  const mirror = () => {
    const m = new Map<string, string>();
    for (const p of patches()) {
      for (const o of p.upsert) m.set(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, o.metadata.resourceVersion ?? '');
      for (const k of p.removed) m.delete(k);
    }
    return m;
  };
  return { out, host, patches, playback, mirror };
}

describe('Host', () => {
  it('init sends ready, then one patch with the bootstrap objects', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 7 } }, 0);
    expect(h.out[0].type).toBe('ready');
    const p = h.patches();
    expect(p).toHaveLength(1);
    expect(p[0].upsert.map((o) => o.metadata.name)).toContain('node-1');
  });

  it('apply records the command at the current virtual time and streams only the new object', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 1 } }, 0);
    h.host.tick(0);
    h.host.tick(500); // 500 ms of wall time at 1× = 500 virtual ms
    h.out.length = 0;
    h.host.handle({ type: 'command', id: 1, cmd: { type: 'apply', text: PV } }, 500);
    const res = h.out.find((m) => m.type === 'result');
    expect(res && res.type === 'result' && res.result.code).toBe(0);
    h.host.tick(500);
    const p = h.patches() as Patch[];
    expect(p).toHaveLength(1);
    expect(p[0].upsert.map((o) => o.kind)).toEqual(['PersistentVolume']);
    expect(h.host.commandLog).toEqual([{ at: 500, cmd: { type: 'apply', text: PV } }]);
  });

  it('a syntax error gives a marker on its line and changes nothing', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 1 } }, 0);
    h.out.length = 0;
    h.host.handle({ type: 'command', id: 2, cmd: { type: 'apply', text: 'kind: PersistentVolume\nmetadata:\n  name: [x\n' } }, 0);
    const res = h.out.find((m) => m.type === 'result');
    expect(res?.type === 'result' && res.result.code).not.toBe(0);
    expect(res?.type === 'result' && res.result.markers[0]?.line).toBeGreaterThanOrEqual(3);
    h.host.tick(0);
    expect(h.patches().flatMap((p) => p.upsert)).toEqual([]);
  });

  it('seek back rebuilds and sends only the difference; seek forward replays the log exactly', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 3 } }, 0);
    h.host.handle({ type: 'pause' });
    h.host.handle({ type: 'seek', time: 1000 });
    h.host.handle({ type: 'command', id: 1, cmd: { type: 'apply', text: PV } });
    h.host.handle({ type: 'seek', time: 5000 });
    h.host.tick(0);
    const atEnd = h.mirror();
    const pvRv = atEnd.get('PersistentVolume//nas-pv');
    expect(pvRv).toBeDefined();
    h.host.handle({ type: 'seek', time: 999 });
    h.host.tick(0);
    expect(h.mirror().has('PersistentVolume//nas-pv')).toBe(false);
    expect(h.patches().at(-1)?.upsert).toEqual([]); // nothing else changed: no resend of the cluster
    h.host.handle({ type: 'seek', time: 5000 });
    h.host.tick(0);
    expect(h.mirror()).toEqual(atEnd);
    expect(h.playback().log).toHaveLength(1);
  });

  it('a command after a seek back drops the rest of the log (a new branch)', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 3 } }, 0);
    h.host.handle({ type: 'seek', time: 2000 });
    h.host.handle({ type: 'command', id: 1, cmd: { type: 'apply', text: PV } });
    h.host.handle({ type: 'seek', time: 1000 });
    h.host.handle({ type: 'command', id: 2, cmd: { type: 'apply', text: PV.replace(/nas-pv/g, 'other') } });
    expect(h.host.commandLog.map((c) => c.at)).toEqual([1000]);
  });

  it('speed scales wall time and is clamped to 0.25×–8×', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 1 } }, 0);
    h.host.handle({ type: 'speed', speed: 100 });
    h.host.tick(0);
    h.host.tick(100);
    expect(h.host.time).toBe(800);
  });

  it('a reset resends every object: the UI empties its mirror on ready', () => {
    const h = harness();
    h.host.handle({ type: 'init', opts: { profile: 'playground', seed: 1 } }, 0);
    h.out.length = 0;
    h.host.handle({ type: 'reset' }, 0);
    const p = h.patches();
    expect(p).toHaveLength(1);
    expect(p[0].upsert.filter((o) => o.kind === 'Node')).toHaveLength(3);
  });
});

describe('playback log travels as a tail', () => {
  it('a command sends only the new entry; a command after a seek back replaces the dropped branch', () => {
    const out: FromWorker[] = [];
    const host = new Host({ post: (m) => out.push(m), runKubectl });
    const last = () => out.filter((m): m is Extract<FromWorker, { type: 'playback' }> => m.type === 'playback').at(-1)!;
    host.handle({ type: 'init', opts: { profile: 'inline', seed: 1, paused: true } });
    expect(last().logFrom).toBe(0);
    host.handle({ type: 'command', id: 1, cmd: { type: 'kubectl', line: 'kubectl get pv' } });
    host.flush();
    expect([last().logFrom, last().log.length]).toEqual([0, 1]);
    host.handle({ type: 'step', dir: 1 });
    host.handle({ type: 'command', id: 2, cmd: { type: 'kubectl', line: 'kubectl get pvc' } });
    host.flush();
    expect([last().logFrom, last().log.map((c) => c.cmd)]).toEqual([1, [{ type: 'kubectl', line: 'kubectl get pvc' }]]);
    host.handle({ type: 'seek', time: 0 });
    host.handle({ type: 'command', id: 3, cmd: { type: 'kubectl', line: 'kubectl get sc' } });
    host.flush();
    expect([last().logFrom, last().log.map((c) => c.cmd)]).toEqual([1, [{ type: 'kubectl', line: 'kubectl get sc' }]]);
  });
});
