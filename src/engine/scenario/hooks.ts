// Where the components that own them plug the engine side of `kubectl exec`, `sim node`, `sim crash`,
// `sim fail-node` and `sim recover-node` into scripts: one line each. A hook left out makes its command
// report that it is not available (see commands.ts).
import { containerLogs, crashContainer } from '../controllers/kubelet/crash';
import { failNode, recoverNode } from '../controllers/nodelifecycle/commands';
import type { KubectlResult } from '../kubectl/types';
import { createExecHandler, nodeShell } from '../shell/exec';
import type { Simulation } from '../sim/simulation';
import type { ScriptEnv } from './commands';

export type ScriptHooks = Pick<ScriptEnv, 'exec' | 'logs' | 'nodeShell' | 'faults'>;

/** A fault command prints nothing on success, `error: …` otherwise (as kill would). */
function outcome(error: string | undefined): KubectlResult {
  if (error === undefined) return { stdout: '', stderr: '', code: 0 };
  // An API error already reads like kubectl's (`Error from server (NotFound): …`); anything else gets `error: `.
  return { stdout: '', stderr: `${error.startsWith('Error from server') ? '' : 'error: '}${error}\n`, code: 1 };
}

/** The node lifecycle commands throw `Error from server (NotFound): …` for an unknown node. */
function thrown(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function scriptHooks(sim: Simulation): ScriptHooks {
  return {
    exec: createExecHandler(sim),
    logs: ({ namespace, pod, container, previous }) => containerLogs(sim, namespace, pod, container, previous),
    nodeShell: ({ node, argv }) => nodeShell(sim, node, argv),
    faults: {
      crashContainer: (namespace, pod, container) => outcome(crashContainer(sim, namespace, pod, container)),
      failNode: (node) => outcome(thrown(() => failNode(sim, node))),
      recoverNode: (node) => outcome(thrown(() => recoverNode(sim, node))),
    },
  };
}
