// Executes script lines against a simulation and records what a terminal would show. The same code runs
// in the headless CLI, the scenario tests and the browser, so a transcript is identical everywhere.
import type { KubectlResult } from '../kubectl/types';
import { runSimCommand, type ScriptEnv } from './commands';
import { parseScriptLine, type ScriptLine } from './script';
import { hasSubstitution, substitute, SubstitutionError } from './substitution';

/** One executed command: what was typed and what it printed. */
export interface CommandRecord {
  readonly cmd: string;
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
  /** 1-based line in the script it came from */
  readonly line: number;
}

/** A transcript entry: a command, or a comment / blank line kept so the transcript reads like the script. */
export type TranscriptEntry =
  | ({ readonly type: 'command' } & CommandRecord)
  | { readonly type: 'comment'; readonly text: string }
  | { readonly type: 'blank' };

export function executeLine(l: ScriptLine, env: ScriptEnv): TranscriptEntry {
  switch (l.type) {
    case 'blank':
      return { type: 'blank' };
    case 'comment':
      return { type: 'comment', text: l.text };
    case 'invalid':
      return { type: 'command', cmd: l.text, stdout: '', stderr: `error: ${l.error}\n`, code: 127, line: l.line };
    case 'kubectl':
    case 'sim': {
      const r = hasSubstitution(l.text) ? runSubstituted(l.text, env) : runParsed(l, env);
      return { type: 'command', cmd: l.text, stdout: r.stdout, stderr: r.stderr, code: r.code, line: l.line };
    }
  }
}

function runParsed(l: ScriptLine, env: ScriptEnv): KubectlResult {
  if (l.type === 'kubectl') return runKubectlLine(l.argv, env);
  if (l.type === 'sim') return runSimCommand(l.argv, env);
  if (l.type === 'invalid') return { stdout: '', stderr: `error: ${l.error}\n`, code: 127 };
  return { stdout: '', stderr: '', code: 0 };
}

/** A line with `$(kubectl …)`: the inner commands run first, then the line as expanded. */
function runSubstituted(text: string, env: ScriptEnv): KubectlResult {
  let expanded;
  try {
    expanded = substitute(text, (inner) => {
      const l = parseScriptLine(inner);
      if (l.type !== 'kubectl') return { stdout: '', stderr: `error: only kubectl commands may be substituted: $(${inner})\n` };
      const r = runKubectlLine(l.argv, env);
      return { stdout: r.stdout, stderr: r.stderr };
    });
  } catch (e) {
    if (!(e instanceof SubstitutionError)) throw e;
    return { stdout: '', stderr: `error: ${e.message}\n`, code: 2 };
  }
  const r = runParsed(parseScriptLine(expanded.text), env);
  return { ...r, stderr: expanded.stderr + r.stderr };
}

function runKubectlLine(argv: readonly string[], env: ScriptEnv): KubectlResult {
  let r: KubectlResult;
  try {
    r = env.kubectl(argv, {
      sim: env.sim,
      files: env.files,
      cwd: env.cwd,
      namespace: env.namespace,
      exec: env.exec,
      logs: env.logs,
    });
  } catch (e) {
    // kubectl itself must never throw; if it does, the transcript shows it instead of the run dying.
    r = { stdout: '', stderr: `internal error: ${e instanceof Error ? e.message : String(e)}\n`, code: 1 };
  }
  // API calls are instantaneous: the controllers react at the same virtual instant (no time passes).
  env.sim.drain();
  return r;
}

export function* executeScript(lines: readonly ScriptLine[], env: ScriptEnv): Generator<TranscriptEntry> {
  for (const l of lines) yield executeLine(l, env);
}

function withNewline(s: string): string {
  return s === '' || s.endsWith('\n') ? s : s + '\n';
}

/**
 * The transcript as a terminal shows it: each command echoed after a `$ ` prompt, then its stdout, then
 * its stderr; comments and blank lines of the script kept in place.
 */
export function formatTranscript(entries: Iterable<TranscriptEntry>): string {
  let out = '';
  for (const e of entries) {
    if (e.type === 'blank') out += '\n';
    else if (e.type === 'comment') out += e.text + '\n';
    else out += `$ ${e.cmd}\n${withNewline(e.stdout)}${withNewline(e.stderr)}`;
  }
  return out;
}

/** `--jsonl`: one JSON object per command. */
export function formatJsonl(entries: Iterable<TranscriptEntry>): string {
  let out = '';
  for (const e of entries)
    if (e.type === 'command') out += JSON.stringify({ cmd: e.cmd, stdout: e.stdout, stderr: e.stderr, code: e.code }) + '\n';
  return out;
}
