// Events, newest first, optionally only those of the selected object: what `kubectl get events` and the
// Events section of `kubectl describe` show (reason and message verbatim from the engine).
import { useMemo } from 'react';
import { involvedKey, useCluster } from '../../state/cluster';
import { uiStore, useUi } from '../../state/ui';
import { useT } from '../../i18n';
import { formatTime } from '../timeline/Timeline';

export function EventList() {
  const t = useT();
  const events = useCluster((s) => s.events);
  const epoch = useCluster((s) => s.epoch);
  const selected = useUi((s) => s.selected);
  const only = useUi((s) => s.eventsOnlySelected);
  const rows = useMemo(() => {
    const list = only && selected ? events.filter((e) => involvedKey(e) === selected) : events;
    return [...list].reverse().slice(0, 300);
  }, [events, only, selected]);
  return (
    <div className="events" data-testid="events">
      <label className="filter">
        <input type="checkbox" checked={only} disabled={!selected} onChange={(e) => uiStore.setState({ eventsOnlySelected: e.target.checked })} />
        {t('events.onlySelected')}
      </label>
      {rows.length === 0 ? (
        <p className="note">{t('events.empty')}</p>
      ) : (
        <ol className="event-list" aria-label={`${t('events.time')} · ${t('events.type')} · ${t('events.reason')} · ${t('events.object')} · ${t('events.message')}`}>
          {rows.map((e) => (
            <li key={e.seq} className={`event ${e.type === 'Warning' ? 'warn' : ''}`} data-testid="events.row" data-reason={e.reason}>
              <div className="event-head">
                <span className="mono muted">{formatTime(e.time - epoch)}</span>
                <span className={`badge ${e.type === 'Warning' ? 'tone-bad' : 'tone-idle'}`}>{e.type}</span>
                <span className="mono event-reason">
                  {e.reason}
                  {e.count > 1 ? ` (x${e.count})` : ''}
                </span>
                <span className="mono muted event-obj">{`${e.involved.kind.toLowerCase()}/${e.involved.name}`}</span>
              </div>
              <div className="event-msg">{e.message}</div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
