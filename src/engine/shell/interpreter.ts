// Runs the parsed shell against a mount namespace, like busybox `sh` would: exit codes, `$?`, redirections,
// pipelines (buffered: each stage runs to completion before the next reads its output), control flow.
// Time: the simulation runs a command in one virtual instant. `sleep N` does not block — it adds N seconds to
// `sleptMs` and returns at once; a container's main process uses that to decide when it exits. Anything that
// would block forever (`sleep infinity`, `tail -f`, a `while true` loop that sleeps) stops the script and
// sets `forever`: the process keeps running (a container stays Running; `kubectl exec` returns what was printed).
import { parse, ParseError, type Node } from './parse';
import { FsError, normalizePath } from './vfs';
import { expandWord } from './expand';
import type { Io, ShellHost, ShellState } from './state';

export type { ShellHost, ShellState } from './state';
import { COMMANDS } from './commands';
import type { CommandContext } from './commands/types';
import { BlockSignal, ExitSignal } from './signals';

export interface ShellResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  /** virtual milliseconds the script slept */
  readonly sleptMs: number;
  /** the script blocked forever (a long-running process) */
  readonly forever: boolean;
}


const MAX_LOOP_ITERATIONS = 1000;

/** `sh -c SCRIPT` */
export function runScript(script: string, host: ShellHost, stdin = ''): ShellResult {
  const st = newState(host);
  const io: Io = { stdin, out: [], err: [] };
  const code = runScriptIn(st, script, io);
  return { stdout: io.out.join(''), stderr: io.err.join(''), code, sleptMs: st.sleptMs, forever: st.forever };
}

/** exec(argv) without a shell (`kubectl exec pod -- ls /data`). */
export function runArgv(argv: readonly string[], host: ShellHost, stdin = ''): ShellResult {
  const st = newState(host);
  const io: Io = { stdin, out: [], err: [] };
  let code: number;
  try {
    code = invoke(st, argv, io, false);
  } catch (e) {
    code = settle(st, e);
  }
  return { stdout: io.out.join(''), stderr: io.err.join(''), code, sleptMs: st.sleptMs, forever: st.forever };
}

function newState(host: ShellHost): ShellState {
  const st: ShellState = {
    host,
    vars: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: host.hostname, PWD: '/', ...host.env },
    cwd: '/',
    last: 0,
    sleptMs: 0,
    forever: false,
    depth: 0,
    run: (script, io) => runScriptIn(st, script, io),
  };
  return st;
}

function settle(st: ShellState, e: unknown): number {
  if (e instanceof ExitSignal) return e.code;
  if (e instanceof BlockSignal) {
    st.forever = true;
    return 0;
  }
  throw e;
}

function runScriptIn(st: ShellState, script: string, io: Io): number {
  let tree: Node;
  try {
    tree = parse(script);
  } catch (e) {
    if (e instanceof ParseError) {
      io.err.push(`sh: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  try {
    return run(st, tree, io);
  } catch (e) {
    return settle(st, e);
  }
}

function run(st: ShellState, n: Node, io: Io): number {
  switch (n.t) {
    case 'list': {
      let code = 0;
      for (const item of n.items) code = run(st, item, io);
      return code;
    }
    case 'andor': {
      let code = run(st, n.first, io);
      for (const r of n.rest) if ((r.op === '&&') === (code === 0)) code = run(st, r.node, io);
      return code;
    }
    case 'pipe': {
      let input = io.stdin;
      let code = 0;
      n.cmds.forEach((c, i) => {
        const last = i === n.cmds.length - 1;
        const sub: Io = { stdin: input, out: last ? io.out : [], err: io.err };
        code = run(st, c, sub);
        input = sub.out.join('');
      });
      return (st.last = n.negate ? (code === 0 ? 1 : 0) : code);
    }
    case 'group': {
      if (!n.subshell) return run(st, n.body, io);
      const saved = { vars: { ...st.vars }, cwd: st.cwd };
      try {
        return run(st, n.body, io);
      } catch (e) {
        if (e instanceof ExitSignal) return (st.last = e.code);
        throw e;
      } finally {
        st.vars = saved.vars;
        st.cwd = saved.cwd;
      }
    }
    case 'if': {
      for (const b of n.branches) if (run(st, b.cond, io) === 0) return run(st, b.body, io);
      return n.otherwise ? run(st, n.otherwise, io) : 0;
    }
    case 'for': {
      let code = 0;
      const items = n.items.length ? n.items.flatMap((w) => expandWord(st, w, true, io.err)) : [];
      for (const v of items) {
        st.vars[n.name] = v;
        code = run(st, n.body, io);
      }
      return code;
    }
    case 'while': {
      let code = 0;
      for (let i = 0; ; i++) {
        const c = run(st, n.cond, io) === 0;
        if (c === n.until) break;
        if (i >= MAX_LOOP_ITERATIONS) throw new BlockSignal();
        const slept = st.sleptMs;
        code = run(st, n.body, io);
        // A loop that sleeps and whose condition stays true is a long-running process: one iteration's effects
        // are applied, then the process is considered to run until stopped.
        if (st.sleptMs > slept && (run(st, n.cond, io) === 0) !== n.until) throw new BlockSignal();
      }
      return code;
    }
    case 'simple':
      return runSimple(st, n, io);
  }
}

function runSimple(st: ShellState, n: Extract<Node, { t: 'simple' }>, io: Io): number {
  const argv = n.words.flatMap((w) => expandWord(st, w, true, io.err));
  if (argv.length === 0) {
    for (const a of n.assigns) st.vars[a.name] = expandWord(st, a.value, false).join(' ');
    return (st.last = 0);
  }
  const sub: Io = { stdin: io.stdin, out: [], err: [] };
  // Where fd 1 and fd 2 point, updated redirection by redirection, left to right, as the shell's dup2() does:
  // `>f 2>&1` sends both to f, `2>&1 >f` sends stderr to the old stdout and stdout to f, `>&2` is stdout to stderr.
  const fds: Record<1 | 2, Sink> = { 1: 'out', 2: 'err' };
  for (const r of n.redirs) {
    const target = expandWord(st, r.target, false).join(' ');
    if (r.op === '<') {
      if (normalizePath(target, st.cwd) === DEV_NULL) {
        sub.stdin = '';
        continue;
      }
      const node = st.host.fs.lookup(normalizePath(target, st.cwd));
      if (!node || node.type !== 'file') {
        io.err.push(`sh: can't open '${target}': No such file or directory\n`);
        return (st.last = 1);
      }
      sub.stdin = node.content;
    } else if (r.op === '>&') {
      // Only stdout and stderr are modelled; duplicating onto or from another descriptor changes nothing.
      if ((r.fd === 1 || r.fd === 2) && (target === '1' || target === '2')) fds[r.fd] = fds[Number(target) as 1 | 2];
    } else {
      const spec = { path: target, append: r.op === '>>' };
      // Create/truncate at redirect time, as the shell opens the file before running the command.
      const err = openForWrite(st, spec.path, spec.append);
      if (err) {
        io.err.push(err);
        return (st.last = 1);
      }
      if (r.fd === 1 || r.fd === 2) fds[r.fd] = spec;
    }
  }
  let code: number;
  try {
    code = invoke(st, argv, sub, true, Object.fromEntries(n.assigns.map((a) => [a.name, expandWord(st, a.value, false).join(' ')])));
  } finally {
    flush(st, io, [
      [fds[1], sub.out.join('')],
      [fds[2], sub.err.join('')],
    ]);
  }
  return (st.last = code);
}

/** Where a descriptor writes: the caller's stdout or stderr, or a file (opened already). */
type Sink = 'out' | 'err' | { readonly path: string; readonly append: boolean };

/** The character devices every container has; writes vanish, reads are empty. */
const DEV_NULL = '/dev/null';

function flush(st: ShellState, io: Io, writes: readonly (readonly [Sink, string])[]): void {
  for (const [sink, data] of writes) {
    if (!data) continue;
    if (sink === 'out') io.out.push(data);
    else if (sink === 'err') io.err.push(data);
    else {
      const abs = normalizePath(sink.path, st.cwd);
      if (abs !== DEV_NULL) st.host.fs.writeFile(abs, data, true);
    }
  }
}

function openForWrite(st: ShellState, path: string, append: boolean): string | undefined {
  const abs = normalizePath(path, st.cwd);
  if (abs === DEV_NULL) return undefined;
  try {
    const existing = st.host.fs.lookup(abs);
    if (existing?.type === 'dir') return `sh: can't create ${path}: Is a directory\n`;
    st.host.fs.writeFile(abs, append && existing ? existing.content : '', false);
    return undefined;
  } catch (e) {
    if (e instanceof FsError) {
      const why = e.errno === 'ENOENT' || e.errno === 'ENOTDIR' ? 'nonexistent directory' : e.message;
      return `sh: can't create ${path}: ${why}\n`;
    }
    throw e;
  }
}

/** Runs one command; `viaShell` decides how a missing binary is reported (sh: 127 vs exec: 126/OCI error). */
function invoke(st: ShellState, argv: readonly string[], io: Io, viaShell: boolean, extraEnv: Record<string, string> = {}): number {
  const name = argv[0];
  const base = name.includes('/') ? name.slice(name.lastIndexOf('/') + 1) : name;
  if (base === 'sh' || base === 'bash' || base === 'ash') return invokeShell(st, argv, io);
  const cmd = COMMANDS[base];
  if (!cmd) {
    if (viaShell) {
      io.err.push(`sh: ${name}: not found\n`);
      return 127;
    }
    io.err.push(
      `OCI runtime exec failed: exec failed: unable to start container process: exec: "${name}": executable file not found in $PATH: unknown\n`,
    );
    return 126;
  }
  const ctx: CommandContext = {
    argv,
    stdin: io.stdin,
    out: (s) => io.out.push(s),
    err: (s) => io.err.push(s),
    fs: st.host.fs,
    cwd: st.cwd,
    state: st,
    env: { ...st.vars, ...extraEnv },
    runScript: (script: string) => runScriptIn(st, script, io),
  };
  return cmd(ctx);
}

function invokeShell(st: ShellState, argv: readonly string[], ioIn: Io): number {
  let io = ioIn;
  const i = argv.indexOf('-c');
  // Without -c the shell reads its script from stdin (`kubectl exec -i pod -- sh < script`); none: exit 0.
  const script = i >= 0 ? (argv[i + 1] ?? '') : argv.length > 1 && !argv[1].startsWith('-') ? undefined : io.stdin;
  if (script === undefined) {
    io.err.push(`sh: can't open '${argv[1]}': No such file or directory\n`);
    return 2;
  }
  if (i < 0) io = { ...io, stdin: '' };
  if (st.depth > 20) return 0;
  st.depth++;
  try {
    return runScriptIn(st, script, io);
  } finally {
    st.depth--;
  }
}

