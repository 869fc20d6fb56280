// The playground's frame: header (title, language, theme, share, reset), the graph, the side panel
// (editor, inspector, events, kubectl get, terminal), and the timeline.
import { useEffect, useState } from 'react';
import { useCluster, clusterStore } from './state/cluster';
import { ui, uiStore, useUi, type Tab } from './state/ui';
import { useT, type MessageKey } from './i18n';
import type { Bridge } from './bridge/worker-bridge';
import { GraphView } from './features/graph/GraphView';
import { Timeline } from './features/timeline/Timeline';
import { EditorPanel } from './features/editor/EditorPanel';
import { Inspector } from './features/inspector/Inspector';
import { EventList } from './features/events/EventList';
import { Tables } from './features/tables/Tables';
import { Terminal } from './features/terminal/Terminal';
import { encodeShare } from './features/share/share';
import { Narration } from './features/scenarios/Narration';
import { pick } from './i18n';

const TABS: { id: Tab; label: MessageKey }[] = [
  { id: 'editor', label: 'tabs.editor' },
  { id: 'inspector', label: 'tabs.inspector' },
  { id: 'events', label: 'tabs.events' },
  { id: 'tables', label: 'tabs.tables' },
  { id: 'terminal', label: 'tabs.terminal' },
];

export function App({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const theme = useUi((s) => s.theme);
  const tab = useUi((s) => s.tab);
  const crash = useUi((s) => s.crash);
  const ready = useCluster((s) => s.ready);
  const selected = useUi((s) => s.selected);
  const collapsed = useUi((s) => s.sideCollapsed);
  const [copied, setCopied] = useState(false);
  const scenarios = useCluster((s) => s.scenarios);
  const scenarioId = useCluster((s) => s.scenario?.id);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [theme, lang, t]);

  // selecting an object opens the inspector
  useEffect(() => {
    if (selected && uiStore.getState().tab !== 'events') ui.setTab('inspector');
  }, [selected]);

  async function share() {
    const s = clusterStore.getState();
    const hash = await encodeShare({ profile: s.profile, seed: s.seed, time: s.time, log: s.playback.log, scenario: s.scenario?.id });
    const url = `${location.origin}${location.pathname}#${hash}`;
    history.replaceState(null, '', `#${hash}`);
    try {
      await navigator.clipboard.writeText(url);
    } catch {
      // clipboard may be blocked; the URL bar holds the link anyway
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  return (
    <div className="app" data-testid="app">
      <header className="header">
        <div className="brand">
          <img className="logo" src="/favicon.svg" alt="" />
          <div>
            <h1>{t('app.title')}</h1>
            <p>{t('app.subtitle')}</p>
          </div>
        </div>
        <div className="header-actions">
          <label className="scenario-pick">
            <span>{t('header.scenario')}</span>
            <select
              data-testid="header.scenario"
              value={scenarioId ?? ''}
              onChange={(e) => {
                uiStore.setState({ terminal: [] });
                bridge.send({ type: 'loadScenario', id: e.target.value });
              }}
            >
              <option value="">{t('header.noScenario')}</option>
              {scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {pick(lang, s.title)}
                </option>
              ))}
            </select>
          </label>
          <button data-testid="header.reset" onClick={() => bridge.send({ type: 'reset' })}>
            {t('header.reset')}
          </button>
          <button data-testid="header.share" onClick={() => void share()}>
            {copied ? t('header.shared') : t('header.share')}
          </button>
          <button
            data-testid="header.theme"
            aria-label={t('header.theme')}
            onClick={() => ui.setTheme(theme === 'dark' ? 'light' : 'dark')}
          >
            {theme === 'dark' ? t('header.themeLight') : t('header.themeDark')}
          </button>
          <div className="lang" role="group" aria-label={t('header.language')}>
            <button className={lang === 'zh-CN' ? 'on' : ''} data-testid="header.lang.zh" onClick={() => ui.setLang('zh-CN')}>
              中文
            </button>
            <button className={lang === 'en' ? 'on' : ''} data-testid="header.lang.en" onClick={() => ui.setLang('en')}>
              EN
            </button>
          </div>
        </div>
      </header>
      {crash && (
        <div className="banner" role="alert" data-testid="crash">
          {t('app.workerCrashed')}
          <button onClick={() => uiStore.setState({ crash: undefined })}>{t('app.dismiss')}</button>
        </div>
      )}
      <main className={`main ${collapsed ? 'side-collapsed' : ''}`}>
        <section className="graph-pane">
          <div className="graph-wrap">{ready ? <GraphView /> : <div className="loading">{t('app.loading')}</div>}</div>
          <Narration bridge={bridge} />
        </section>
        <aside className="side">
          <nav className="tabs" role="tablist">
            <button
              className="collapse"
              data-testid="side.toggle"
              aria-label={collapsed ? t('side.expand') : t('side.collapse')}
              title={collapsed ? t('side.expand') : t('side.collapse')}
              onClick={() => uiStore.setState({ sideCollapsed: !collapsed })}
            >
              {collapsed ? '‹' : '›'}
            </button>
            {TABS.map((x) => (
              <button
                key={x.id}
                role="tab"
                aria-selected={tab === x.id}
                className={tab === x.id ? 'on' : ''}
                data-testid={`tab.${x.id}`}
                onClick={() => {
                  ui.setTab(x.id);
                  uiStore.setState({ sideCollapsed: false });
                }}
              >
                {t(x.label)}
              </button>
            ))}
          </nav>
          <div className="tab-body">
            <div hidden={tab !== 'editor'} className="tab-pane">
              <EditorPanel bridge={bridge} />
            </div>
            {tab === 'inspector' && <Inspector bridge={bridge} />}
            {tab === 'events' && <EventList />}
            {tab === 'tables' && <Tables bridge={bridge} />}
            <div hidden={tab !== 'terminal'} className="tab-pane">
              <Terminal bridge={bridge} />
            </div>
          </div>
        </aside>
      </main>
      <Timeline bridge={bridge} />
    </div>
  );
}
