// Headless CLI: `sim run FILE [--cluster PROFILE|FILE] [--seed N] [--jsonl] [--strict]`.
// Runs a script (kubectl … / sim … lines) against a fresh simulated cluster and prints the transcript.
// Exit code: 2 for usage errors, 1 when the script could not run (or, with --strict, when a command
// failed; for a scenario, when a check failed), 0 otherwise — a failing kubectl command is part of the
// transcript, as in a terminal session.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { evaluateChecks } from '../engine/scenario/checks';
import { executeLine, formatJsonl, formatTranscript, type TranscriptEntry } from '../engine/scenario/run';
import { runScenarioSteps, scenarioTranscript, type StepResult } from '../engine/scenario/run-scenario';
import { parseScenario } from '../engine/scenario/scenario';
import { parseScript } from '../engine/scenario/script';
import { createHost, DEFAULT_PROFILE, HostError } from './engine-parts';

const USAGE = `usage: sim run FILE [--cluster alicloud|minikube|multizone|PROFILE.yaml] [--seed N] [--jsonl] [--strict]

FILE is a script or a scenario (scenarios/<id>/scenario.yaml: its cluster, seed, steps, then its checks;
exit 1 when a check fails). A script has one command per line:
  kubectl …                    any kubectl command the simulator supports
  sim settle [--timeout 10m]   run until nothing is pending
  sim advance 30s              move virtual time forward
  sim node NODE -- CMD         a root shell on a node
  sim crash POD [-c C]         kill a container
  sim fail-node NODE / sim recover-node NODE
  # comment
$(kubectl …) inside a line is replaced by its output, as in a shell.
Paths in commands are relative to FILE's directory. Default cluster: ${DEFAULT_PROFILE}, seed 1.
`;

export interface CliArgs {
  readonly file: string;
  readonly cluster?: string;
  readonly seed: number;
  /** --seed was given (a scenario's own seed applies otherwise) */
  readonly seedGiven: boolean;
  readonly jsonl: boolean;
  readonly strict: boolean;
}

export function parseCliArgs(argv: readonly string[]): CliArgs | string {
  const [cmd, ...rest] = argv;
  if (cmd !== 'run') return cmd === undefined || cmd === 'help' || cmd === '--help' ? '' : `unknown command "${cmd}"`;
  let file: string | undefined;
  let cluster: string | undefined;
  let seed = 1;
  let seedGiven = false;
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
      seedGiven = true;
      if (!Number.isInteger(seed)) return `invalid --seed "${v}"`;
    } else if (flag === '--jsonl') jsonl = true;
    else if (flag === '--strict') strict = true;
    else if (a.startsWith('-') && a !== '-') return `unknown flag "${a}"`;
    else if (file === undefined) file = a;
    else return `unexpected argument "${a}"`;
  }
  if (file === undefined) return 'missing FILE';
  if (cluster === '') return 'missing value for --cluster';
  return { file, cluster, seed, seedGiven, jsonl, strict };
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
  const text = readFileSync(path, 'utf8');
  // A scenario.yaml runs as a scenario: its own cluster and seed (unless given), its steps, then its checks.
  const scenario = /\.ya?ml$/.test(path) ? parseScenario(text) : undefined;
  if (scenario && !scenario.ok) {
    io.err(`error: ${args.file} is not a valid scenario:\n  ${scenario.errors.join('\n  ')}\n`);
    return 1;
  }
  const s = scenario?.ok ? scenario.scenario : undefined;
  let env;
  try {
    env = await createHost({
      cluster: args.cluster ?? s?.cluster,
      seed: args.seedGiven || !s ? args.seed : s.seed,
      cwd: dirname(path),
      profileBase: args.cluster ? process.cwd() : dirname(path),
    });
  } catch (e) {
    if (!(e instanceof HostError)) throw e;
    io.err(`error: ${e.message}\n`);
    return 1;
  }
  let failed = 0;
  const show = (entries: TranscriptEntry[]) => {
    for (const e of entries) if (e.type === 'command' && e.code !== 0) failed++;
    io.out(args.jsonl ? formatJsonl(entries) : formatTranscript(entries));
  };
  if (s) {
    const steps: StepResult[] = [];
    for (const step of runScenarioSteps(s, env)) {
      steps.push(step);
      if (args.jsonl) show([...step.entries]);
      else {
        io.out(scenarioTranscript([step]) + (step.index + 1 < s.steps.length ? '\n' : ''));
        for (const e of step.entries) if (e.type === 'command' && e.code !== 0) failed++;
      }
    }
    const checks = evaluateChecks(s.checks, { sim: env.sim, steps: steps.map((x) => x.commands), namespace: env.namespace });
    const bad = checks.filter((c) => c.status === 'failed');
    if (!args.jsonl) {
      io.out(`\n# checks: ${checks.length - bad.length}/${checks.length} passed\n`);
      for (const c of checks) io.out(`#   ${c.status === 'passed' ? 'ok  ' : c.status === 'failed' ? 'FAIL' : 'skip'} ${c.check.name}${c.status === 'failed' ? ` — ${c.detail}` : c.check.pending ? ` (pending: ${c.check.pending})` : ''}\n`);
    }
    return bad.length > 0 || (args.strict && failed > 0) ? 1 : 0;
  }
  // Stream each command's output as soon as it ran, as a terminal does.
  for (const line of parseScript(text)) show([executeLine(line, env)]);
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
