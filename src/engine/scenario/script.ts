// Scripts: the commands a learner would type in a terminal, one per line, as data. A script is what a
// scenario step runs, what the headless CLI executes and what the browser replays, so it is parsed here,
// once, into typed lines.
import { ArgvError, splitArgs } from '../kubectl/argv';

export type ScriptLine =
  | { readonly type: 'blank'; readonly line: number }
  | { readonly type: 'comment'; readonly line: number; readonly text: string }
  /** `kubectl …` — argv without the leading `kubectl` */
  | { readonly type: 'kubectl'; readonly line: number; readonly text: string; readonly argv: readonly string[] }
  /** `sim <sub-command> …` — argv without the leading `sim` */
  | { readonly type: 'sim'; readonly line: number; readonly text: string; readonly argv: readonly string[] }
  /** a line that cannot run (unbalanced quotes, an unknown program); reported when executed */
  | { readonly type: 'invalid'; readonly line: number; readonly text: string; readonly error: string };

/** Parses one line of a script. `line` is the 1-based line number used in messages. */
export function parseScriptLine(raw: string, line = 1): ScriptLine {
  const text = raw.trim();
  if (text === '') return { type: 'blank', line };
  if (text.startsWith('#')) return { type: 'comment', line, text };
  let words: string[];
  try {
    words = splitArgs(text);
  } catch (e) {
    return { type: 'invalid', line, text, error: e instanceof ArgvError ? e.message : String(e) };
  }
  const [program, ...argv] = words;
  // A trailing `# comment` was dropped by splitArgs; the echoed text keeps what the user typed.
  if (program === 'kubectl') return { type: 'kubectl', line, text, argv };
  if (program === 'sim') return { type: 'sim', line, text, argv };
  if (program === undefined) return { type: 'blank', line };
  return { type: 'invalid', line, text, error: `${program}: command not found (a script runs kubectl … and sim … lines)` };
}

/** Parses a whole script (newline separated); a line ending in `\` continues on the next one, as in a shell. */
export function parseScript(text: string): ScriptLine[] {
  const out: ScriptLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let cur = lines[i];
    while (/(^|[^\\])\\$/.test(cur) && i + 1 < lines.length) cur = cur.slice(0, -1) + ' ' + lines[++i].trimStart();
    out.push(parseScriptLine(cur, start));
  }
  // A file's final newline is not a blank line of the script.
  while (out.length && out[out.length - 1].type === 'blank') out.pop();
  return out;
}
