// `$(kubectl …)` in a script line, as a shell expands it: the inner kubectl runs first and its output
// (trailing newlines removed) takes its place — split into words when unquoted, one word inside double
// quotes, nothing inside single quotes. It lets a scenario address what only exists at run time (a
// Deployment's pod names) the way a learner would:
//   kubectl exec $(kubectl get pods -l app=web -o jsonpath='{.items[1].metadata.name}') -- ls /data

export interface Substituted {
  /** the line with every `$(…)` replaced, to be parsed again */
  readonly text: string;
  /** what the inner commands wrote to stderr (a terminal shows it before the outer command's output) */
  readonly stderr: string;
}

/** Runs one inner command line (without `$(` `)`) and returns what it printed. */
export type InnerRunner = (line: string) => { stdout: string; stderr: string };

export class SubstitutionError extends Error {}

export function hasSubstitution(text: string): boolean {
  return text.includes('$(');
}

/** Escapes output so that re-parsing the line keeps it as the shell would: quotes and backslashes are data. */
function escapeUnquoted(s: string): string {
  return s.replace(/["'\\$`]/g, (c) => `\\${c}`);
}

function escapeInDouble(s: string): string {
  return s.replace(/["\\$`]/g, (c) => `\\${c}`);
}

/** Index of the `)` closing the `$(` that starts at `open`, honouring quotes and nested parentheses. */
function closing(text: string, open: number): number {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = open + 2; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

export function substitute(text: string, run: InnerRunner): Substituted {
  let out = '';
  let stderr = '';
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && !inDouble) {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new SubstitutionError("unexpected EOF while looking for matching `''");
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      out += text.slice(i, i + 2);
      i++;
    } else if (c === '"') {
      inDouble = !inDouble;
      out += c;
    } else if (c === '$' && text[i + 1] === '(') {
      const end = closing(text, i);
      if (end < 0) throw new SubstitutionError("unexpected EOF while looking for matching `)'");
      const r = run(text.slice(i + 2, end).trim());
      stderr += r.stderr;
      const value = r.stdout.replace(/\n+$/, '');
      out += inDouble ? escapeInDouble(value) : escapeUnquoted(value);
      i = end;
    } else out += c;
  }
  return { text: out, stderr };
}
