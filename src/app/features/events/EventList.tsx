// Events as `kubectl get events` lists them: one row per Event object, newest first (LAST SEEN, TYPE,
// REASON, OBJECT, MESSAGE), optionally only those of the selected object. An Event that happens again is
// the same row with a higher count (`12s (x3 over 45s)`), moved to the top; reason and message verbatim
// from the engine.
import { memo, useMemo } from 'react';
import { useCluster } from '../../state/cluster';
import { uiStore, useUi } from '../../state/ui';
import { useT } from '../../i18n';
import type { UiEvent } from '../../../protocol/messages';
import { eventObject, eventRows, lastSeen } from './rows';

const Row = memo(function Row({ e, nowSec }: { e: UiEvent; nowSec: number }) {
  const warn = e.type === 'Warning';
  return (
    <li className={`event ${warn ? 'warn' : ''}`} data-testid="events.row" data-reason={e.reason} data-event={e.id} data-count={e.count}>
      <div className="event-head">
        <span className="mono muted event-seen" data-testid="events.lastSeen">
          {lastSeen(e, nowSec * 1000)}
        </span>
        <span className={`badge ${warn ? 'tone-bad' : 'tone-idle'}`}>{e.type}</span>
        <span className="mono event-reason">{e.reason}</span>
        <span className="mono muted event-obj">{eventObject(e)}</span>
      </div>
      <div className="event-msg">{e.message}</div>
    </li>
  );
});

export function EventList() {
  const t = useT();
  const events = useCluster((s) => s.events);
  // LAST SEEN counts whole seconds (metav1.Time): re-render once per virtual second, not per frame
  const nowSec = useCluster((s) => Math.floor((s.time + s.epoch) / 1000));
  const selected = useUi((s) => s.selected);
  const only = useUi((s) => s.eventsOnlySelected);
  const rows = useMemo(() => eventRows(events, only && selected ? selected : undefined), [events, only, selected]);
  return (
    <div className="events" data-testid="events">
      <label className="filter">
        <input type="checkbox" checked={only} disabled={!selected} onChange={(e) => uiStore.setState({ eventsOnlySelected: e.target.checked })} />
        {t('events.onlySelected')}
      </label>
      {rows.length === 0 ? (
        <p className="note">{t('events.empty')}</p>
      ) : (
        <>
          <div className="event-cols" aria-hidden="true">
            {[t('events.lastSeen'), t('events.type'), t('events.reason'), t('events.object')].join(' · ')}
            <br />
            {t('events.message')}
          </div>
          <ol className="event-list" aria-label={`${t('events.lastSeen')} · ${t('events.type')} · ${t('events.reason')} · ${t('events.object')} · ${t('events.message')}`}>
            {rows.map((e) => (
              <Row key={e.id} e={e} nowSec={nowSec} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
