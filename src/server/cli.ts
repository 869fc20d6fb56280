// Headless CLI: `sim run FILE [--cluster PROFILE|FILE] [--seed N] [--jsonl] [--strict]`.
// Runs a script (kubectl … / sim … lines) against a fresh simulated cluster and prints the transcript.
// Exit code: 2 for usage errors, 1 when the script could not run (or, with --strict, when a command
// failed), 0 otherwise — a failing kubectl command is part of the transcript, as in a terminal session.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { executeLine, formatJsonl, formatTranscript } from '../engine/scenario/run';
import { parseScript } from '../engine/scenario/script';
import { createHost, DEFAULT_PROFILE, HostError } from './engine-parts';

const USAGE = `usage: sim run FILE [--cluster alicloud|minikube|multizone|PROFILE.yaml] [--seed N] [--jsonl] [--strict]

Runs FILE, one command per line:
  kubectl …                    any kubectl command the simulator supports
  sim settle [--timeout 10m]   run until nothing is pending
  sim advance 30s              move virtual time forward
  sim node NODE -- CMD         a root shell on a node
  sim crash POD [-c C]         kill a container
  sim fail-node NODE / sim recover-node NODE
  # comment
Paths in commands are relative to FILE's directory. Default cluster: ${DEFAULT_PROFILE}, seed 1.
`;

export interface CliArgs {
  readonly file: string;
  readonly cluster?: string;
  readonly seed: number;
  readonly jsonl: boolean;
  readonly strict: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliArgs | string {
  const [cmd, ...rest] = argv;
  if (cmd !== 'run') return cmd === undefined || cmd === 'help' || cmd === '--help' ? '' : `unknown command "${cmd}"`;
  let file: string | undefined;
  let cluster: string | undefined;
  let seed = 1;
  let jsonl = false;
  let strict = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? rest[++i];
    if (flag === '--cluster') cluster = value();
    else if (flag === '--seed') {
      const v = value();
      seed = Number(v);
      if (!Number.isInteger(seed)) return `invalid --seed "${v}"`;
    } else if (flag === '--jsonl') jsonl = true;
    else if (flag === '--strict') strict = true;
    else if (a.startsWith('-') && a !== '-') return `unknown flag "${a}"`;
    else if (file === undefined) file = a;
    else return `unexpected argument "${a}"`;
  }
  if (file === undefined) return 'missing FILE';
  if (cluster === '') return 'missing value for --cluster';
  return { file, cluster, seed, jsonl, strict };
}

export interface CliIo {
  out(s: string): void;
  err(s: string): void;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseCliArgs(argv);
  if (typeof args === 'string') {
    if (args) io.err(`error: ${args}\n`);
    io.err(USAGE);
    return args ? 2 : 0;
  }
  const path = resolve(args.file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    io.err(`error: cannot read script "${args.file}": no such file\n`);
    return 1;
  }
  let env;
  try {
    env = await createHost({ cluster: args.cluster, seed: args.seed, cwd: dirname(path), profileBase: process.cwd() });
  } catch (e) {
    if (!(e instanceof HostError)) throw e;
    io.err(`error: ${e.message}\n`);
    return 1;
  }
  let failed = 0;
  // Stream each command's output as soon as it ran, as a terminal does.
  for (const line of parseScript(readFileSync(path, 'utf8'))) {
    const entry = executeLine(line, env);
    if (entry.type === 'command' && entry.code !== 0) failed++;
    if (args.jsonl) io.out(formatJsonl([entry]));
    else io.out(formatTranscript([entry]));
  }
  return args.strict && failed > 0 ? 1 : 0;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  // `sim run … | head` closes the pipe early: stop quietly, as a shell tool does.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  main(process.argv.slice(2), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
