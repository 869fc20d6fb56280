// Entry point: read a share link if any, start the engine worker, render.
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createBridge } from './bridge/worker-bridge';
import { decodeShare } from './features/share/share';
import { clusterStore } from './state/cluster';
import { uiStore } from './state/ui';
import './styles.css';

const DEFAULT_PROFILE = 'alicloud';

async function boot() {
  const shared = await decodeShare(location.hash);
  const bridge = createBridge(
    shared
      ? { profile: shared.profile, seed: shared.seed, log: shared.log, time: shared.time, scenario: shared.scenario }
      : { profile: DEFAULT_PROFILE, seed: 1 },
    () => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module' }),
  );
  // for the browser tests and for curious learners in the console
  Object.assign(window, { __bridge: bridge, __ksp: { cluster: clusterStore, ui: uiStore } });
  createRoot(document.getElementById('root')!).render(<App bridge={bridge} />);
}

void boot();
