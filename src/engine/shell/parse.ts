// The POSIX shell grammar subset busybox `sh` users type into `kubectl exec … -- sh -c '…'` and container
// commands: lists (`;`, `&&`, `||`, `&`, newlines), pipelines, redirections (`>`, `>>`, `<`, `N>`, `N>>`,
// `N<`, and fd duplication `N>&M` as in `>&2`, `2>&1`),
// quoting, `$VAR`/`${VAR}`/`$?`, `while`/`until`/`for`/`if`, `{ …; }` and `( … )`.

/** A word keeps its quoting per segment: expansion and globbing apply only where the shell would. */
export interface WordSeg {
  readonly text: string;
  /** `cmd`/`dcmd`: a command substitution `$(…)` or `…` (unquoted / inside double quotes); text is the script;
   * `arith`: an arithmetic expansion `$((…))`, text is the expression */
  readonly q: 'none' | 'single' | 'double' | 'cmd' | 'dcmd' | 'arith';
}

/** Index just past the `)` that closes a `$(` whose body starts at i (nesting and quotes respected). */
function closeParen(src: string, i: number): number {
  let depth = 1;
  let q: string | undefined;
  for (let j = i; j < src.length; j++) {
    const ch = src[j];
    if (q) {
      if (ch === '\\' && q === '"') j++;
      else if (ch === q) q = undefined;
      continue;
    }
    if (ch === "'" || ch === '"') q = ch;
    else if (ch === '\\') j++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return j + 1;
  }
  throw new ParseError('syntax error: unterminated quoted string');
}
export type Word = readonly WordSeg[];

export interface Redirect {
  readonly fd: number;
  readonly op: '>' | '>>' | '<' | '>&';
  readonly target: Word;
}

export type Node =
  | { readonly t: 'simple'; readonly assigns: readonly { name: string; value: Word }[]; readonly words: readonly Word[]; readonly redirs: readonly Redirect[] }
  | { readonly t: 'pipe'; readonly cmds: readonly Node[]; readonly negate: boolean }
  | { readonly t: 'andor'; readonly first: Node; readonly rest: readonly { op: '&&' | '||'; node: Node }[] }
  | { readonly t: 'list'; readonly items: readonly Node[] }
  | { readonly t: 'while'; readonly until: boolean; readonly cond: Node; readonly body: Node }
  | { readonly t: 'for'; readonly name: string; readonly items: readonly Word[]; readonly body: Node }
  | { readonly t: 'if'; readonly branches: readonly { cond: Node; body: Node }[]; readonly otherwise?: Node }
  | { readonly t: 'group'; readonly body: Node; readonly subshell: boolean };

type Tok = { k: 'word'; w: Word; raw: string } | { k: 'op'; v: string };

export class ParseError extends Error {}

const OPS = ['&&', '||', '>>', '>&', ';;', ';', '&', '|', '>', '<', '(', ')', '\n'];

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    // An IO number (`2>`, `1>&2`) is a single digit right before the operator, at the start of a word
    // (`echo a2>f` writes "a2" to f); it becomes part of the operator token.
    const io = atWordStart(src, i) ? /^[0-9](>>|>&|>|<)/.exec(src.slice(i, i + 3)) : null;
    const op = io ? io[0] : OPS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ k: 'op', v: op });
      i += op.length;
      continue;
    }
    const segs: WordSeg[] = [];
    let raw = '';
    let cur = '';
    const flush = (q: WordSeg['q']) => {
      if (cur || q !== 'none') segs.push({ text: cur, q });
      cur = '';
    };
    while (i < src.length && !' \t\r\n;&|<>()'.includes(src[i])) {
      const ch = src[i];
      if (ch === "'") {
        flush('none');
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ParseError(`unterminated quoted string`);
        cur = src.slice(i + 1, end);
        raw += src.slice(i, end + 1);
        flush('single');
        i = end + 1;
      } else if (ch === '"') {
        flush('none');
        let j = i + 1;
        while (j < src.length && src[j] !== '"') {
          if (src[j] === '\\' && '"\\$`\n'.includes(src[j + 1] ?? '')) {
            cur += src[j + 1] === '$' ? '\u0000$' : src[j + 1];
            j += 2;
          } else if (src.startsWith('$((', j)) {
            flush('double');
            const end = closeParen(src, j + 2);
            segs.push({ text: src.slice(j + 3, end - 2), q: 'arith' });
            j = end;
          } else if (src.startsWith('$(', j) && src[j + 2] !== '(') {
            flush('double');
            const end = closeParen(src, j + 2);
            segs.push({ text: src.slice(j + 2, end - 1), q: 'dcmd' });
            j = end;
          } else if (src[j] === '`') {
            flush('double');
            const end = src.indexOf('`', j + 1);
            if (end < 0) throw new ParseError(`unterminated quoted string`);
            segs.push({ text: src.slice(j + 1, end), q: 'dcmd' });
            j = end + 1;
          } else cur += src[j++];
        }
        if (j >= src.length) throw new ParseError(`unterminated quoted string`);
        raw += src.slice(i, j + 1);
        flush('double');
        i = j + 1;
      } else if (src.startsWith('$((', i)) {
        flush('none');
        const end = closeParen(src, i + 2);
        segs.push({ text: src.slice(i + 3, end - 2), q: 'arith' });
        raw += src.slice(i, end);
        i = end;
      } else if (src.startsWith('$(', i) && src[i + 2] !== '(') {
        flush('none');
        const end = closeParen(src, i + 2);
        segs.push({ text: src.slice(i + 2, end - 1), q: 'cmd' });
        raw += src.slice(i, end);
        i = end;
      } else if (ch === '`') {
        flush('none');
        const end = src.indexOf('`', i + 1);
        if (end < 0) throw new ParseError(`unterminated quoted string`);
        segs.push({ text: src.slice(i + 1, end), q: 'cmd' });
        raw += src.slice(i, end + 1);
        i = end + 1;
      } else if (ch === '\\') {
        flush('none');
        cur = src[i + 1] ?? '';
        raw += src.slice(i, i + 2);
        flush('single');
        i += 2;
      } else {
        cur += ch;
        raw += ch;
        i++;
      }
    }
    flush('none');
    toks.push({ k: 'word', w: segs, raw });
  }
  return toks;
}

function atWordStart(src: string, i: number): boolean {
  return i === 0 || ' \t\n;&|'.includes(src[i - 1]);
}

const RESERVED = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'in']);

export function parse(src: string): Node {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isWord = (v: string) => {
    const t = toks[p];
    return t?.k === 'word' && t.raw === v;
  };
  const isOp = (v: string) => toks[p]?.k === 'op' && (toks[p] as { v: string }).v === v;
  const skipNewlines = () => {
    while (isOp('\n')) p++;
  };
  const expectWord = (v: string) => {
    skipNewlines();
    if (!isWord(v)) throw new ParseError(`syntax error: unexpected ${describe(peek())} (expecting "${v}")`);
    p++;
  };

  function list(stop: (t: Tok | undefined) => boolean): Node {
    const items: Node[] = [];
    for (;;) {
      while (isOp('\n') || isOp(';') || isOp('&')) p++;
      const t = peek();
      if (!t || stop(t)) break;
      items.push(andOr());
      if (!(isOp(';') || isOp('&') || isOp('\n'))) break;
    }
    return items.length === 1 ? items[0] : { t: 'list', items };
  }
  function andOr(): Node {
    const first = pipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    while (isOp('&&') || isOp('||')) {
      const op = (toks[p++] as { v: string }).v as '&&' | '||';
      skipNewlines();
      rest.push({ op, node: pipeline() });
    }
    return rest.length ? { t: 'andor', first, rest } : first;
  }
  function pipeline(): Node {
    let negate = false;
    if (isWord('!')) {
      negate = true;
      p++;
    }
    const cmds = [command()];
    while (isOp('|')) {
      p++;
      skipNewlines();
      cmds.push(command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { t: 'pipe', cmds, negate };
  }
  const endsAt = (...words: string[]) => (t: Tok | undefined) => t?.k === 'word' && words.includes(t.raw);
  function command(): Node {
    const t = peek();
    if (!t) throw new ParseError('syntax error: unexpected end of file');
    if (t.k === 'word' && (t.raw === 'while' || t.raw === 'until')) {
      p++;
      const cond = list(endsAt('do'));
      expectWord('do');
      const body = list(endsAt('done'));
      expectWord('done');
      return { t: 'while', until: t.raw === 'until', cond, body };
    }
    if (t.k === 'word' && t.raw === 'for') {
      p++;
      const nameTok = peek();
      if (nameTok?.k !== 'word') throw new ParseError(`syntax error: bad for loop variable`);
      p++;
      const items: Word[] = [];
      skipNewlines();
      if (isWord('in')) {
        p++;
        while (peek()?.k === 'word') items.push((toks[p++] as { w: Word }).w);
      }
      if (isOp(';')) p++;
      expectWord('do');
      const body = list(endsAt('done'));
      expectWord('done');
      return { t: 'for', name: nameTok.raw, items, body };
    }
    if (t.k === 'word' && t.raw === 'if') {
      p++;
      const branches: { cond: Node; body: Node }[] = [];
      let otherwise: Node | undefined;
      for (;;) {
        const cond = list(endsAt('then'));
        expectWord('then');
        const body = list(endsAt('elif', 'else', 'fi'));
        branches.push({ cond, body });
        skipNewlines();
        if (isWord('elif')) {
          p++;
          continue;
        }
        if (isWord('else')) {
          p++;
          otherwise = list(endsAt('fi'));
        }
        expectWord('fi');
        break;
      }
      return { t: 'if', branches, otherwise };
    }
    if (t.k === 'word' && t.raw === '{') {
      p++;
      const body = list(endsAt('}'));
      expectWord('}');
      return { t: 'group', body, subshell: false };
    }
    if (t.k === 'op' && t.v === '(') {
      p++;
      const body = list((x) => x?.k === 'op' && x.v === ')');
      if (!isOp(')')) throw new ParseError(`syntax error: unexpected ${describe(peek())} (expecting ")")`);
      p++;
      return { t: 'group', body, subshell: true };
    }
    return simple();
  }
  function simple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const t = peek();
      if (!t) break;
      if (t.k === 'op') {
        const op = t.v;
        const r = /^([0-9]?)(>>|>&|>|<)$/.exec(op);
        if (r) {
          p++;
          const target = peek();
          if (target?.k !== 'word') throw new ParseError(`syntax error: unexpected ${describe(target)}`);
          p++;
          const kind = r[2] as Redirect['op'];
          const fd = r[1] ? Number(r[1]) : kind === '<' ? 0 : 1;
          redirs.push({ fd, op: kind, target: target.w });
          continue;
        }
        break;
      }
      if (words.length === 0 && RESERVED.has(t.raw)) break;
      const m = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.raw) : null;
      if (m && t.w.length && t.w[0].q === 'none' && t.w[0].text.startsWith(m[0])) {
        const [first, ...more] = t.w;
        assigns.push({ name: m[1], value: [{ text: first.text.slice(m[0].length), q: 'none' }, ...more] });
      } else words.push(t.w);
      p++;
    }
    if (!words.length && !assigns.length && !redirs.length) throw new ParseError(`syntax error: unexpected ${describe(peek())}`);
    return { t: 'simple', assigns, words, redirs };
  }

  const root = list(() => false);
  skipNewlines();
  if (p < toks.length) throw new ParseError(`syntax error: unexpected ${describe(peek())}`);
  return root;
}

function describe(t: Tok | undefined): string {
  if (!t) return 'end of file';
  if (t.k === 'op') return t.v === '\n' ? 'newline' : `"${t.v}"`;
  return `"${t.raw}"`;
}
