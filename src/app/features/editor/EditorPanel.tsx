// Editor tab: examples, Apply / Delete (kubectl apply|delete -f - with the editor text as stdin), the
// lazily loaded Monaco editor, and kubectl's answer with error markers at the right line.
import { lazy, Suspense, useState } from 'react';
import { ui, uiStore, useUi } from '../../state/ui';
import { useT } from '../../i18n';
import type { Bridge } from '../../bridge/worker-bridge';
import type { EditorMarker } from '../../../protocol/messages';
import { SAMPLES, type SampleId } from './samples';

const YamlEditor = lazy(() => import('./YamlEditor'));
const NO_MARKERS: readonly EditorMarker[] = [];

export function EditorPanel({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const text = useUi((s) => s.editorText);
  const theme = useUi((s) => s.theme);
  const last = useUi((s) => s.lastApply);
  const [busy, setBusy] = useState(false);
  const graphPainted = useUi((s) => s.graphPainted);
  const markers = last && last.text === text ? last.result.markers : last?.result.markers ?? NO_MARKERS;

  async function run(type: 'apply' | 'delete') {
    setBusy(true);
    const cur = uiStore.getState().editorText;
    const result = await bridge.command({ type, text: cur });
    uiStore.setState({ lastApply: { ok: result.code === 0, text: cur, result } });
    setBusy(false);
  }

  return (
    <div className="editor-panel">
      <div className="toolbar">
        <label className="samples">
          <span>{t('editor.samples')}</span>
          <select
            data-testid="editor.samples"
            value=""
            onChange={(e) => {
              const id = e.target.value as SampleId;
              if (id in SAMPLES) ui.setEditorText(SAMPLES[id]);
            }}
          >
            <option value="" disabled>
              …
            </option>
            <option value="nas">{t('editor.sample.nas')}</option>
            <option value="disk">{t('editor.sample.disk')}</option>
            <option value="pod">{t('editor.sample.pod')}</option>
            <option value="empty">{t('editor.sample.empty')}</option>
          </select>
        </label>
        <span className="spacer" />
        <button className="primary" data-testid="editor.apply" disabled={busy} onClick={() => run('apply')}>
          {t('editor.apply')}
        </button>
        <button className="danger" data-testid="editor.delete" disabled={busy} onClick={() => run('delete')}>
          {t('editor.delete')}
        </button>
      </div>
      <div className="editor-body">
        <Suspense fallback={<div className="editor-loading">{t('editor.loading')}</div>}>
          {graphPainted ? (
            <YamlEditor value={text} onChange={ui.setEditorText} markers={markers} theme={theme} />
          ) : (
            <div className="editor-loading">{t('editor.loading')}</div>
          )}
        </Suspense>
      </div>
      {last && (
        <div className={`apply-result ${last.ok ? 'ok' : 'err'}`} data-testid="editor.result" data-ok={last.ok}>
          <div className="apply-status">{last.ok ? t('editor.ok') : t('editor.failed')}</div>
          {last.result.stdout && <pre className="out">{last.result.stdout}</pre>}
          {last.result.stderr && <pre className="err">{last.result.stderr}</pre>}
          {last.result.markers.length > 0 && (
            <ul className="markers" data-testid="editor.markers">
              {last.result.markers.map((m, i) => (
                <li key={i} data-line={m.line}>
                  L{m.line}: {m.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
