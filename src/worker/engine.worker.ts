// The engine's Web Worker: a thin shell around Host. It owns the frame loop (the only wall clock in the
// browser side of the engine) and forwards messages; a crash is reported so the UI can restore state.
import type { FromWorker, ToWorker } from '../protocol/messages';
import { runKubectl } from '../engine/kubectl';
import { Host } from './host';
import { builtinProfiles, loadScenarios } from './engine-modules';

const FRAME_MS = 16;
const post = (m: FromWorker) => self.postMessage(m);
const host = new Host({ post, profiles: builtinProfiles(), runKubectl, scenarios: () => loadScenarios() });

function guard(f: () => void): void {
  try {
    f();
  } catch (e) {
    const err = e as Error;
    post({ type: 'error', message: `${err.message}\n${err.stack ?? ''}`, fatal: true });
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => guard(() => host.handle(e.data, performance.now()));
setInterval(() => guard(() => host.tick(performance.now())), FRAME_MS);
