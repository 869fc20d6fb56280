// Word expansion as POSIX sh does it: parameters ($VAR, ${VAR}, $?), command substitution ($(…), `…`)
// with field splitting when unquoted, arithmetic ($((…))), then pathname expansion (globbing).
import type { Word } from './parse';
import { normalizePath } from './vfs';
import type { Io, ShellState } from './state';

/**
 * Parameter expansion, command substitution (`$(…)`, backquotes), field splitting of unquoted substitutions,
 * and pathname expansion (globbing) of one word. Errors of substituted commands go to `err`.
 */
export function expandWord(st: ShellState, w: Word, glob = true, err?: string[]): string[] {
  type Field = { text: string; pattern: string; globbable: boolean; keep: boolean };
  const fields: Field[] = [];
  let cur: Field = { text: '', pattern: '', globbable: false, keep: false };
  const add = (v: string, quoted: boolean) => {
    cur.text += v;
    cur.pattern += quoted ? v.replace(/[*?[\]]/g, '\\$&') : v;
    if (!quoted && /[*?]/.test(v)) cur.globbable = true;
    if (quoted) cur.keep = true;
  };
  const cut = () => {
    if (cur.text !== '' || cur.keep) fields.push(cur);
    cur = { text: '', pattern: '', globbable: false, keep: false };
  };
  for (const seg of w) {
    if (seg.q === 'cmd' || seg.q === 'dcmd') {
      const out = substitute(st, seg.text, err);
      if (seg.q === 'dcmd') {
        add(out, true);
        continue;
      }
      // Unquoted: the output is split into fields on blanks and newlines.
      const pieces = out.split(/[ \t\n]+/);
      pieces.forEach((piece, k) => {
        if (k > 0) cut();
        if (piece) add(piece, false);
      });
      continue;
    }
    if (seg.q === 'arith') {
      add(String(arithmetic(st, seg.text)), false);
      continue;
    }
    add(seg.q === 'single' ? seg.text : expandVars(st, seg.text), seg.q !== 'none');
  }
  cut();
  const out: string[] = [];
  for (const f of fields) {
    const matches = glob && f.globbable ? globMatch(st, f.pattern) : [];
    if (matches.length) out.push(...matches);
    else out.push(f.text);
  }
  return out;
}

/** `$((expr))`: integer arithmetic over + - * / % and parentheses; names are variables (unset = 0). */
function arithmetic(st: ShellState, expr: string): number {
  const toks = expandVars(st, expr).match(/\d+|[A-Za-z_][A-Za-z0-9_]*|[-+*/%()]/g) ?? [];
  let i = 0;
  const value = (t: string) => (/^\d+$/.test(t) ? Number(t) : Number(st.vars[t] ?? 0) || 0);
  const primary = (): number => {
    const t = toks[i++];
    if (t === '(') {
      const v = sum();
      i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    return t === undefined ? 0 : value(t);
  };
  const product = (): number => {
    let v = primary();
    while (toks[i] === '*' || toks[i] === '/' || toks[i] === '%') {
      const op = toks[i++];
      const r = primary();
      v = op === '*' ? v * r : r === 0 ? 0 : op === '/' ? Math.trunc(v / r) : v % r;
    }
    return v;
  };
  const sum = (): number => {
    let v = product();
    while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + product() : v - product();
    return v;
  };
  return sum();
}

/** `$(script)`: run in a subshell (variable and directory changes do not leak), output without trailing newlines. */
function substitute(st: ShellState, script: string, err?: string[]): string {
  const saved = { vars: { ...st.vars }, cwd: st.cwd };
  const io: Io = { stdin: '', out: [], err: err ?? [] };
  const code = st.run(script, io);
  st.vars = saved.vars;
  st.cwd = saved.cwd;
  st.last = code;
  return io.out.join('').replace(/\n+$/, '');
}

function expandVars(st: ShellState, s: string): string {
  return s
    .replace(/(\u0000)?\$(\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*)|\?|\$|#)/g, (m, esc, _x, braced, plain) => {
      if (esc) return m.slice(1);
      if (m.endsWith('$?')) return String(st.last);
      if (m.endsWith('$$')) return '1';
      if (m.endsWith('$#')) return '0';
      return st.vars[braced ?? plain] ?? '';
    })
    .replace(/\u0000/g, '');
}

function globMatch(st: ShellState, pattern: string): string[] {
  const abs = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p.length > 0);
  let paths = [abs ? '/' : st.cwd];
  let prefixes = [abs ? '/' : ''];
  parts.forEach((part) => {
    const next: string[] = [];
    const nextPrefix: string[] = [];
    paths.forEach((dir, i) => {
      const pre = prefixes[i];
      if (!/(^|[^\\])[*?]/.test(part)) {
        const lit = part.replace(/\\(.)/g, '$1');
        const full = normalizePath(lit, dir);
        if (st.host.fs.lookup(full)) {
          next.push(full);
          nextPrefix.push(`${pre}${pre && !pre.endsWith('/') ? '/' : ''}${lit}`);
        }
        return;
      }
      const re = new RegExp(`^${part.replace(/\\(.)|([.+^${}()|[\]])|(\*)|(\?)/g, (_m, esc, special, star, q) => (esc ? `\\${esc}` : special ? `\\${special}` : star ? '.*' : q ? '.' : ''))}$`);
      for (const name of st.host.fs.list(dir) ?? []) {
        if (name.startsWith('.') && !part.startsWith('.')) continue;
        if (!re.test(name)) continue;
        next.push(normalizePath(name, dir));
        nextPrefix.push(`${pre}${pre && !pre.endsWith('/') ? '/' : ''}${name}`);
      }
    });
    paths = next;
    prefixes = nextPrefix;
  });
  return prefixes.sort();
}
