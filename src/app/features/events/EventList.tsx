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
        <table className="table">
          <thead>
            <tr>
              <th>{t('events.time')}</th>
              <th>{t('events.type')}</th>
              <th>{t('events.reason')}</th>
              <th>{t('events.object')}</th>
              <th>{t('events.message')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.seq} className={e.type === 'Warning' ? 'warn' : ''} data-testid="events.row" data-reason={e.reason}>
                <td className="mono">{formatTime(e.time - epoch)}</td>
                <td>{e.type}</td>
                <td className="mono">{e.reason}{e.count > 1 ? ` (x${e.count})` : ''}</td>
                <td className="mono">{`${e.involved.kind.toLowerCase()}/${e.involved.name}`}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
