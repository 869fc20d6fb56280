// The media bar: to start, step back, play/pause, step forward, to end, a scrubber over virtual time with
// a tick per moment something happened, speed 0.25×–8×, and the keyboard (Space, ←, →, +, −).
import { useEffect } from 'react';
import { useCluster } from '../../state/cluster';
import { useT } from '../../i18n';
import type { Bridge } from '../../bridge/worker-bridge';

function Icon({ d }: { d: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden>
      <path d={d} />
    </svg>
  );
}

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8];

export function formatTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  const tenths = Math.floor((ms % 1000) / 100);
  return `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.${tenths}`;
}

function isTyping(el: EventTarget | null): boolean {
  const e = el as HTMLElement | null;
  if (!e) return false;
  return e.tagName === 'INPUT' || e.tagName === 'TEXTAREA' || e.isContentEditable || !!e.closest?.('.monaco-editor');
}

export function Timeline({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const pb = useCluster((s) => s.playback);
  const time = useCluster((s) => s.time);
  const end = Math.max(pb.horizon, time, 1000);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      const st = pb;
      const i = SPEEDS.indexOf(st.speed);
      if (e.key === ' ') bridge.send({ type: st.playing ? 'pause' : 'play' });
      else if (e.key === 'ArrowLeft') bridge.send({ type: 'step', dir: -1 });
      else if (e.key === 'ArrowRight') bridge.send({ type: 'step', dir: 1 });
      else if (e.key === '+' || e.key === '=') bridge.send({ type: 'speed', speed: SPEEDS[Math.min(SPEEDS.length - 1, i + 1)] });
      else if (e.key === '-' || e.key === '_') bridge.send({ type: 'speed', speed: SPEEDS[Math.max(0, i - 1)] });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, pb]);

  return (
    <div className="timeline" data-testid="timeline">
      <div className="tl-buttons">
        <button title={t('timeline.toStart')} aria-label={t('timeline.toStart')} data-testid="timeline.start" onClick={() => bridge.send({ type: 'seek', time: 0 })}>
          <Icon d="M6 5h2v14H6zM20 5v14L9 12z" />
        </button>
        <button title={t('timeline.stepBack')} aria-label={t('timeline.stepBack')} data-testid="timeline.back" onClick={() => bridge.send({ type: 'step', dir: -1 })}>
          <Icon d="M11 5v14L2 12zM22 5v14l-9-7z" />
        </button>
        <button
          className="play"
          title={pb.playing ? t('timeline.pause') : t('timeline.play')}
          aria-label={pb.playing ? t('timeline.pause') : t('timeline.play')}
          data-testid="timeline.play"
          data-playing={pb.playing}
          onClick={() => bridge.send({ type: pb.playing ? 'pause' : 'play' })}
        >
          {pb.playing ? <Icon d="M6 5h4v14H6zM14 5h4v14h-4z" /> : <Icon d="M7 5v14l12-7z" />}
        </button>
        <button title={t('timeline.stepForward')} aria-label={t('timeline.stepForward')} data-testid="timeline.forward" onClick={() => bridge.send({ type: 'step', dir: 1 })}>
          <Icon d="M13 5v14l9-7zM2 5v14l9-7z" />
        </button>
        <button title={t('timeline.toEnd')} aria-label={t('timeline.toEnd')} data-testid="timeline.end" onClick={() => bridge.send({ type: 'toEnd' })}>
          <Icon d="M16 5h2v14h-2zM4 5v14l11-7z" />
        </button>
      </div>
      <span className="tl-time" data-testid="timeline.time">
        {formatTime(time)}
      </span>
      <div className="tl-track">
        <input
          type="range"
          min={0}
          max={end}
          step={100}
          value={time}
          aria-label={t('timeline.scrubber')}
          data-testid="timeline.scrubber"
          onChange={(e) => bridge.send({ type: 'seek', time: Number(e.target.value) })}
        />
        <div className="tl-marks" aria-hidden>
          {pb.marks.map((m) => (
            <span key={m} className="tl-mark" style={{ left: `${(m / end) * 100}%` }} />
          ))}
          {pb.log.map((c, i) => (
            <span
              key={`c${i}`}
              className="tl-cmd"
              style={{ left: `${(c.at / end) * 100}%` }}
              title={c.cmd.type === 'kubectl' || c.cmd.type === 'sim' ? c.cmd.line : `${c.cmd.type} (${c.cmd.text.split('\n').length} lines)`}
              onClick={() => bridge.send({ type: 'seekCommand', index: i })}
            />
          ))}
        </div>
      </div>
      <span className="tl-end">{formatTime(end)}</span>
      <label className="tl-speed" title={t('timeline.speed')}>
        <select value={pb.speed} data-testid="timeline.speed" aria-label={t('timeline.speed')} onChange={(e) => bridge.send({ type: 'speed', speed: Number(e.target.value) })}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <span className="tl-log">
        {t('timeline.commands')}: {pb.log.length}
      </span>
    </div>
  );
}
