// The media bar: to start, step back, play/pause, step forward, to end, a scrubber over virtual time with
// a tick per moment something happened, speed 0.25×–8×, and the keyboard (Space, ←, →, +, −).
import { memo, useEffect, useMemo } from 'react';
import type { LoggedCommand } from '../../../protocol/messages';
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

const MARK_BUCKETS = 240;

function commandTitle(c: LoggedCommand): string {
  if (c.cmd.type === 'kubectl' || c.cmd.type === 'sim') return c.cmd.line;
  const first = c.cmd.text.slice(0, 200).split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
  return `${c.cmd.type} -f - (${first}…)`;
}

/** Ticks where something happened and dots for commands; bucketed so a busy log stays cheap to draw. */
const Marks = memo(function Marks({ marks, log, end, bridge }: { marks: readonly number[]; log: readonly LoggedCommand[]; end: number; bridge: Bridge }) {
  const buckets = useMemo(() => [...new Set(marks.map((m) => Math.min(MARK_BUCKETS, Math.round((m / end) * MARK_BUCKETS))))], [marks, end]);
  const cmds = useMemo(() => log.map((c, i) => ({ i, left: (c.at / end) * 100, title: commandTitle(c) })), [log, end]);
  return (
    <div className="tl-marks" aria-hidden>
      {buckets.map((b) => (
        <span key={b} className="tl-mark" style={{ left: `${(b / MARK_BUCKETS) * 100}%` }} />
      ))}
      {cmds.map((c) => (
        <span key={`c${c.i}`} className="tl-cmd" style={{ left: `${c.left}%` }} title={c.title} onClick={() => bridge.send({ type: 'seekCommand', index: c.i })} />
      ))}
    </div>
  );
});

export function Timeline({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const pb = useCluster((s) => s.playback);
  const time = useCluster((s) => s.time);
  // the scale grows in 10 s steps, so the marks are not redrawn every frame while the clock runs
  const end = Math.max(1000, Math.ceil(Math.max(pb.horizon, time) / 10_000) * 10_000);

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
          step={1}
          value={time}
          aria-label={t('timeline.scrubber')}
          data-testid="timeline.scrubber"
          onChange={(e) => bridge.send({ type: 'seek', time: Number(e.target.value) })}
        />
        <Marks marks={pb.marks} log={pb.log} end={end} bridge={bridge} />
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
