// Where the components that own them plug the engine side of `kubectl exec`, `sim node`, `sim crash`,
// `sim fail-node` and `sim recover-node` into scripts. Each is one line here once its component exists;
// until then the command reports that it is not available (see commands.ts).
import type { Simulation } from '../sim/simulation';
import type { ScriptEnv } from './commands';

export type ScriptHooks = Pick<ScriptEnv, 'exec' | 'nodeShell' | 'faults'>;

export function scriptHooks(sim: Simulation): ScriptHooks {
  void sim;
  return {
    // exec: (req) => kubeletExec(sim, req),
    // nodeShell: (req) => nodeShell(sim, req),
    // faults: { crashContainer: …, failNode: …, recoverNode: … },
  };
}
