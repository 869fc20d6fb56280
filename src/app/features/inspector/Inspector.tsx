// Inspector: the selected object's live YAML, `kubectl describe`, and for a Pending claim the table of
// every PV against each binding check (computed in the worker).
import { useEffect, useState } from 'react';
import { stringify } from 'yaml';
import { useCluster } from '../../state/cluster';
import { useUi } from '../../state/ui';
import { useT } from '../../i18n';
import type { Bridge } from '../../bridge/worker-bridge';
import type { Explanation } from '../../../protocol/messages';
import { displayStatus } from '../../../protocol/status';
import { StatusBadge } from '../graph/nodes';

type View = 'yaml' | 'describe' | 'why';

export function Inspector({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const key = useUi((s) => s.selected);
  const obj = useCluster((s) => (key ? s.objects[key] : undefined));
  const asset = useCluster((s) => (key?.startsWith('asset:') ? s.assets.find((a) => `asset:${a.id}` === key) : undefined));
  const [view, setView] = useState<View>('yaml');
  const [describe, setDescribe] = useState('');
  const [why, setWhy] = useState<Explanation | undefined>();
  const rv = obj?.metadata.resourceVersion;
  const status = obj ? displayStatus(obj) : undefined;
  const canWhy = obj && ((obj.kind === 'PersistentVolumeClaim' && status === 'Pending') || (obj.kind === 'Pod' && status === 'Pending'));

  useEffect(() => {
    if (!key || !obj || view !== 'describe') return;
    let live = true;
    void bridge.describe(key).then((s) => live && setDescribe(s));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, rv, view, bridge]);

  useEffect(() => {
    if (!key || !canWhy || view !== 'why') return;
    let live = true;
    void bridge.explain(key).then((e) => live && setWhy(e));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, rv, view, canWhy, bridge]);

  if (asset)
    return (
      <div className="inspector" data-testid="inspector">
        <pre className="code">{stringify(asset)}</pre>
      </div>
    );
  if (!key || !obj) return <div className="inspector empty">{t('inspector.empty')}</div>;
  return (
    <div className="inspector" data-testid="inspector">
      <div className="insp-head">
        <span className="kind">{obj.kind}</span>
        <span className="name">{obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}{obj.metadata.name}</span>
        <StatusBadge status={status} />
      </div>
      <div className="subtabs">
        <button className={view === 'yaml' ? 'on' : ''} onClick={() => setView('yaml')}>
          {t('inspector.yaml')}
        </button>
        <button className={view === 'describe' ? 'on' : ''} onClick={() => setView('describe')}>
          {t('inspector.describe')}
        </button>
        {canWhy && (
          <button className={view === 'why' ? 'on' : ''} data-testid="inspector.why" onClick={() => setView('why')}>
            {obj.kind === 'Pod' ? t('inspector.whyPod') : t('inspector.why')}
          </button>
        )}
      </div>
      {view === 'yaml' && <pre className="code" data-testid="inspector.yaml">{stringify(obj, { lineWidth: 0 })}</pre>}
      {view === 'describe' && <pre className="code">{describe || t('inspector.noDescribe')}</pre>}
      {view === 'why' && canWhy && <WhyTable e={why} />}
    </div>
  );
}

function WhyTable({ e }: { e: Explanation | undefined }) {
  const t = useT();
  if (!e) return null;
  if (e.type === 'none') return <p className="note">{e.note}</p>;
  if (e.type === 'pod')
    return (
      <table className="table" data-testid="inspector.whyTable">
        <tbody>
          {e.nodes.map((n) => (
            <tr key={n.node}>
              <td>{n.node}</td>
              <td>{n.reasons.join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  if (!e.rows.length) return <p className="note">{t('inspector.noPVs')}</p>;
  // one column per PV, one row per check (in the order FindMatchingVolume applies them)
  const names = e.rows[0].checks.map((c) => c.name);
  return (
    <div className="why-wrap">
      <table className="table why" data-testid="inspector.whyTable">
        <thead>
          <tr>
            <th />
            {e.rows.map((r) => (
              <th key={r.pv} className="mono">
                {r.pv}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {names.map((n, i) => (
            <tr key={n}>
              <th className="mono">{n}</th>
              {e.rows.map((r) => {
                const c = r.checks[i];
                return (
                  <td key={r.pv} className={c.ok ? 'ok' : 'bad'} title={c.detail}>
                    {c.ok ? '✓' : '✗'} {c.detail ?? ''}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
