// The UI's side of the worker protocol: starts the engine worker, folds patches into the cluster store,
// answers request/response pairs (commands, describe, explain) by id, and recovers from a crash by
// starting a new worker with the last command log that played without error.
import type { Command, CommandResult, Explanation, FromWorker, InitOptions, LoggedCommand, ToWorker } from '../../protocol/messages';
import { applyPlayback, assertNever } from '../../protocol/messages';
import { clusterStore, initialCluster, reducePatch } from '../state/cluster';
import { uiStore } from '../state/ui';

type Waiter = (m: FromWorker) => void;

export interface Bridge {
  send(m: ToWorker): void;
  command(cmd: Command): Promise<CommandResult>;
  describe(key: string): Promise<string>;
  explain(key: string): Promise<Explanation>;
  /** `kubectl get …` / `describe …` without recording it */
  query(argv: readonly string[]): Promise<string>;
}

export function createBridge(opts: InitOptions, makeWorker: () => Worker): Bridge {
  let worker: Worker;
  let nextId = 1;
  const waiters = new Map<number, Waiter>();
  /** the command log and time of the last state known to be good */
  let good: { log: readonly LoggedCommand[]; time: number } = { log: opts.log ?? [], time: opts.time ?? 0 };
  let restarts = 0;

  function onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        uiStore.setState({ selected: undefined });
        clusterStore.setState({
          ...initialCluster,
          ready: true,
          profile: m.profile,
          profiles: m.profiles,
          seed: m.seed,
          epoch: m.epoch,
          cluster: m.cluster,
          scenarios: m.scenarios.length ? m.scenarios : clusterStore.getState().scenarios,
          scenario: clusterStore.getState().scenario,
        });
        return;
      case 'catalog':
        clusterStore.setState({ scenarios: m.scenarios });
        return;
      case 'patch':
        clusterStore.setState((st) => reducePatch(st, m.patch));
        good = { log: good.log, time: m.patch.time };
        return;
      case 'playback': {
        const playback = applyPlayback(clusterStore.getState().playback, m);
        clusterStore.setState({ playback });
        good = { log: playback.log, time: playback.time };
        return;
      }
      case 'result':
      case 'describe':
      case 'query':
      case 'explain': {
        const w = waiters.get(m.id);
        waiters.delete(m.id);
        w?.(m);
        return;
      }
      case 'scenario':
        clusterStore.setState({ scenario: m.id ? { id: m.id, summary: m.summary, steps: m.steps } : undefined });
        return;
      case 'output': {
        const id = nextId++;
        uiStore.setState((s) => ({ terminal: [...s.terminal, { id, input: m.line, result: m.result }].slice(-200) }));
        return;
      }
      case 'error':
        if (m.fatal) recover(m.message);
        else console.warn(m.message);
        return;
      default:
        assertNever(m);
    }
  }

  function start(init: InitOptions): void {
    worker = makeWorker();
    worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
    worker.onerror = (e) => recover(e.message || 'worker error');
    worker.postMessage({ type: 'init', opts: init } satisfies ToWorker);
  }

  function recover(message: string): void {
    uiStore.setState({ crash: message });
    worker.terminate();
    for (const w of waiters.values()) w({ type: 'error', message, fatal: true });
    waiters.clear();
    if (++restarts > 3) return;
    // The last playback state the worker sent was posted before the failing command entered the log, so
    // replaying that log to that time restores the last good state without the command that broke it.
    const st = clusterStore.getState();
    start({ profile: st.profile || opts.profile, seed: st.seed, log: good.log, time: good.time, scenario: st.scenario?.id });
  }

  function request<T>(build: (id: number) => ToWorker, pick: (m: FromWorker) => T): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve) => {
      waiters.set(id, (m) => resolve(pick(m)));
      worker.postMessage(build(id));
    });
  }

  start(opts);

  return {
    send: (m) => worker.postMessage(m),
    command: (cmd) =>
      request(
        (id) => ({ type: 'command', id, cmd }),
        (m) => (m.type === 'result' ? m.result : { stdout: '', stderr: m.type === 'error' ? m.message : 'no result', code: 1, markers: [] }),
      ),
    describe: (key) => request((id) => ({ type: 'describe', id, key }), (m) => (m.type === 'describe' ? m.text : '')),
    query: (argv) =>
      request(
        (id) => ({ type: 'query', id, argv }),
        (m) => (m.type === 'query' ? m.stdout || m.stderr : ''),
      ),
    explain: (key) =>
      request(
        (id) => ({ type: 'explain', id, key }),
        (m): Explanation => (m.type === 'explain' ? m.explanation : { type: 'none', key, note: m.type === 'error' ? m.message : '' }),
      ),
  };
}
