// The `sim …` commands a script may use besides kubectl: they stand for what a learner does outside the
// API (waiting, a shell on a node, pulling a node's plug). Each is one entry of SIM_COMMANDS; a command
// whose engine part lives in another component calls a hook of the ScriptEnv and says so when the hook
// is missing, so adding it is one line here and one function there.
import { parseDuration } from '../clock/clock';
import type { ExecHandler, FileSource, LogsHandler, KubectlContext, KubectlResult } from '../kubectl/types';
import type { Simulation } from '../sim/simulation';

/** Runs one kubectl command line (argv without `kubectl`) against the simulation. */
export type KubectlRunner = (argv: readonly string[], ctx: KubectlContext) => KubectlResult;

/** A root shell on a node (`sim node NODE -- CMD`), provided by the kubelet. */
export type NodeShell = (req: { readonly node: string; readonly argv: readonly string[] }) => KubectlResult;

/** Fault injection the kubelet / node lifecycle components expose. */
export interface FaultHooks {
  /** kills a container as if its process died (`sim crash POD [-c C]`) */
  crashContainer?(namespace: string, pod: string, container: string | undefined): KubectlResult;
  /** the node stops posting status (`sim fail-node NODE`) */
  failNode?(node: string): KubectlResult;
  /** the node comes back (`sim recover-node NODE`) */
  recoverNode?(node: string): KubectlResult;
}

export interface ScriptEnv {
  readonly sim: Simulation;
  readonly kubectl: KubectlRunner;
  readonly files?: FileSource;
  /** directory the script's relative paths are resolved against */
  readonly cwd?: string;
  readonly namespace?: string;
  readonly exec?: ExecHandler;
  readonly logs?: LogsHandler;
  readonly nodeShell?: NodeShell;
  readonly faults?: FaultHooks;
}

export interface SimCommand {
  readonly usage: string;
  run(args: readonly string[], env: ScriptEnv): KubectlResult;
}

const ok = (stdout = ''): KubectlResult => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, code = 1): KubectlResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : stderr + '\n', code });

/** `1.5s`, `2m3.25s`: how long a wait took, in virtual time. */
export function formatVirtualDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  const secs = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  return m ? `${m}m${secs}` : secs;
}

function missing(what: string, who: string): KubectlResult {
  return fail(`error: sim ${what} is not available in this build (${who} does not provide it yet)`);
}

const settle: SimCommand = {
  usage: 'sim settle [--timeout DURATION]',
  run(args, { sim }) {
    let limit: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      const v = a.startsWith('--timeout=') ? a.slice(10) : a === '--timeout' ? args[++i] : undefined;
      if (v === undefined) return fail(`error: unknown argument "${a}" for "sim settle"\nusage: ${settle.usage}`);
      limit = parseDuration(v);
      if (limit === undefined) return fail(`error: invalid duration "${v}" for --timeout`);
    }
    const took = sim.settle(limit);
    const rest = sim.isQuiescent() ? '' : ' (still busy: the timeout was reached)';
    return ok(`settled after ${formatVirtualDuration(took)} of virtual time${rest}\n`);
  },
};

const advance: SimCommand = {
  usage: 'sim advance DURATION   (e.g. 30s, 1m30s, 500ms)',
  run(args, { sim }) {
    if (args.length !== 1) return fail(`error: sim advance takes exactly one duration\nusage: ${advance.usage}`);
    const ms = parseDuration(args[0]);
    if (ms === undefined) return fail(`error: invalid duration "${args[0]}"\nusage: ${advance.usage}`);
    sim.advance(ms);
    return ok();
  },
};

const node: SimCommand = {
  usage: 'sim node NODE -- COMMAND [ARGS…]',
  run(args, env) {
    const dash = args.indexOf('--');
    if (dash !== 1 || args.length < 3) return fail(`error: expected a node name, "--" and a command\nusage: ${node.usage}`);
    const name = args[0];
    if (!env.sim.store.get('Node', undefined, name)) return fail(`Error from server (NotFound): nodes "${name}" not found`);
    if (!env.nodeShell) return missing('node', 'the kubelet');
    return env.nodeShell({ node: name, argv: args.slice(2) });
  },
};

const crash: SimCommand = {
  usage: 'sim crash POD [-c CONTAINER] [-n NAMESPACE]',
  run(args, env) {
    let container: string | undefined;
    let namespace = env.namespace ?? 'default';
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-c' || a === '--container') container = args[++i];
      else if (a.startsWith('--container=')) container = a.slice(12);
      else if (a === '-n' || a === '--namespace') namespace = args[++i] ?? namespace;
      else if (a.startsWith('--namespace=')) namespace = a.slice(12);
      else rest.push(a);
    }
    if (rest.length !== 1) return fail(`error: expected one pod name\nusage: ${crash.usage}`);
    if (!env.faults?.crashContainer) return missing('crash', 'the kubelet');
    return env.faults.crashContainer(namespace, rest[0], container);
  },
};

function nodeFault(verb: 'fail-node' | 'recover-node', hook: keyof FaultHooks & ('failNode' | 'recoverNode')): SimCommand {
  const usage = `sim ${verb} NODE`;
  return {
    usage,
    run(args, env) {
      if (args.length !== 1) return fail(`error: expected one node name\nusage: ${usage}`);
      const fn = env.faults?.[hook];
      if (!fn) return missing(verb, 'the node lifecycle controller');
      return fn(args[0]);
    },
  };
}

export const SIM_COMMANDS: Readonly<Record<string, SimCommand>> = {
  settle,
  advance,
  node,
  crash,
  'fail-node': nodeFault('fail-node', 'failNode'),
  'recover-node': nodeFault('recover-node', 'recoverNode'),
};

export function runSimCommand(argv: readonly string[], env: ScriptEnv): KubectlResult {
  const [sub, ...args] = argv;
  if (sub === undefined || sub === 'help' || sub === '--help') return ok(simHelp());
  const cmd = Object.hasOwn(SIM_COMMANDS, sub) ? SIM_COMMANDS[sub] : undefined;
  if (!cmd) return fail(`error: unknown command "${sub}" for "sim"\n${simHelp()}`);
  return cmd.run(args, env);
}

export function simHelp(): string {
  return `sim commands:\n${Object.values(SIM_COMMANDS)
    .map((c) => `  ${c.usage}`)
    .join('\n')}\n`;
}
