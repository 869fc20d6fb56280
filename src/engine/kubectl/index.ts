// kubectl inside the engine: one implementation for the headless CLI, the browser terminal and the
// HTTP API's tests. runKubectl never throws; every failure becomes kubectl's stderr text and exit code.
import { KubectlError } from './errors';
import { Io } from './io';
import type { KubectlContext, KubectlResult } from './types';
import { runGet } from './cmd/get';
import { runDescribe } from './cmd/describe';
import { runApply } from './cmd/apply';
import { runCreate } from './cmd/create';
import { runDelete } from './cmd/delete';
import { runPatch } from './cmd/patch';
import { runWait } from './cmd/wait';
import { runLabel } from './cmd/label';
import { runCordon, runDrain } from './cmd/node';
import { runExec } from './cmd/exec';
import { runApiResources, runVersion } from './cmd/info';
import { runExplain } from './explain/explain';
import { runScale } from './cmd/scale';
import { runTaint } from './cmd/taint';
import { runLogs } from './cmd/logs';

export type { KubectlContext, KubectlResult, FileSource, ExecHandler, LogsHandler } from './types';
export { tableFor, renderTable } from './printers';
export { splitArgs, ArgvError } from './argv';

type Command = (io: Io, argv: readonly string[], verb: string) => void;

const COMMANDS: Record<string, Command> = {
  get: runGet,
  describe: runDescribe,
  apply: runApply,
  create: runCreate,
  delete: runDelete,
  patch: runPatch,
  wait: runWait,
  label: (io, a) => runLabel(io, a, 'label'),
  annotate: (io, a) => runLabel(io, a, 'annotate'),
  cordon: (io, a) => runCordon(io, a, true),
  uncordon: (io, a) => runCordon(io, a, false),
  drain: runDrain,
  exec: runExec,
  logs: runLogs,
  scale: runScale,
  taint: runTaint,
  version: runVersion,
  'api-resources': runApiResources,
  explain: runExplain,
};

export function runKubectl(ctx: KubectlContext, argv: readonly string[]): KubectlResult {
  const io = new Io(ctx);
  // Global flags may precede the verb (`kubectl -n kube-system get pods`).
  const args = [...argv];
  const lead: string[] = [];
  while (args.length && args[0].startsWith('-')) {
    const a = args.shift()!;
    lead.push(a);
    if (/^(-n|--namespace|--context|--kubeconfig|-s|--server)$/.test(a) && args.length) lead.push(args.shift()!);
  }
  const verb = args.shift();
  try {
    if (!verb) {
      io.print('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
      return io.result();
    }
    const cmd = COMMANDS[verb];
    if (!cmd) throw new KubectlError(`Error: unknown command "${verb}" for "kubectl"\n`);
    cmd(io, [...lead, ...args], verb);
  } catch (e) {
    // Every failure, including a bug in a command, becomes stderr text and an exit code: the terminal
    // and the CLI must never see an exception.
    if (e instanceof KubectlError && e.code !== 1) {
      io.err += e.text;
      io.code = e.code;
    } else io.fail(e);
  }
  return io.result();
}
