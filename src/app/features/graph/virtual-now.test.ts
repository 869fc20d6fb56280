import { describe, expect, it } from 'vitest';
import { clusterStore, initialCluster } from '../../state/cluster';
import { isShown, LINGER_MS, MIN_TRAVEL_MS, progressAt, virtualNow } from './virtual-now';
import { activeTraces } from './derived';

const tr = (time: number, durationMs?: number, seq = 1) => ({ from: 'a', to: 'b', call: 'CreateVolume', objects: [], ok: true, time, durationMs, seq });

describe('call progress from virtual time', () => {
  it('a call travels over its own latency: half-way at half its duration, arrived at its end', () => {
    expect(progressAt(tr(1000, 4000), 1000)).toBe(0);
    expect(progressAt(tr(1000, 4000), 3000)).toBe(0.5);
    expect(progressAt(tr(1000, 4000), 5000)).toBe(1);
    expect(progressAt(tr(1000, 4000), 9000)).toBe(1);
  });
  it('a quick (or untimed) call still takes MIN_TRAVEL_MS to cross, so it can be followed', () => {
    expect(progressAt(tr(0, 100), MIN_TRAVEL_MS / 2)).toBe(0.5);
    expect(progressAt(tr(0), MIN_TRAVEL_MS / 2)).toBe(0.5);
  });
  it('shown from its start until it has arrived and lingered, never before it starts (a seek back hides it)', () => {
    expect(isShown(tr(1000, 4000), 999)).toBe(false);
    expect(isShown(tr(1000, 4000), 1000)).toBe(true);
    expect(isShown(tr(1000, 4000), 5000 + LINGER_MS)).toBe(true);
    expect(isShown(tr(1000, 4000), 5001 + LINGER_MS)).toBe(false);
  });
  it('activeTraces keeps a long call whose start is older than later, shorter ones', () => {
    const traces = [tr(0, 20_000, 1), tr(1000, 100, 2), tr(9000, 500, 3)];
    expect(activeTraces(traces, 10_000).map((t) => t.seq)).toEqual([1, 3]);
  });
  it('the virtual clock motion value follows the store: frozen when time does not move, jumps on a seek', () => {
    clusterStore.setState({ ...initialCluster, epoch: 1_000_000, time: 500 });
    expect(virtualNow.get()).toBe(1_000_500);
    clusterStore.setState({ playback: { ...initialCluster.playback, playing: false } });
    expect(virtualNow.get()).toBe(1_000_500);
    clusterStore.setState({ time: 100 });
    expect(virtualNow.get()).toBe(1_000_100);
  });
});
