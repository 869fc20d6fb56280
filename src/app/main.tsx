// Entry point: start the engine worker first (it takes longest), then load and render the app chunk,
// so the worker's start-up overlaps the parsing of React, React Flow and the UI.
import { createBridge } from './bridge/worker-bridge';
import { decodeShare } from './features/share/share';
import { clusterStore } from './state/cluster';
import { uiStore } from './state/ui';
import './styles.css';

const DEFAULT_PROFILE = 'alicloud';

async function boot() {
  const shared = location.hash ? await decodeShare(location.hash) : undefined;
  const bridge = createBridge(
    shared
      ? { profile: shared.profile, seed: shared.seed, log: shared.log, time: shared.time, scenario: shared.scenario, paused: true }
      : { profile: DEFAULT_PROFILE, seed: 1 },
    () => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
  );
  // for the browser tests and for curious learners in the console
  Object.assign(window, { __bridge: bridge, __ksp: { cluster: clusterStore, ui: uiStore } });
  const [{ createRoot }, { App }] = await Promise.all([import('react-dom/client'), import('./App')]);
  createRoot(document.getElementById('root')!).render(<App bridge={bridge} />);
}

void boot();
