// The JSONPath dialect of kubectl (k8s.io/client-go/util/jsonpath) for the forms people type:
// `{.status.phase}`, `{.items[*].metadata.name}`, `{.spec.claimRef.name}`, `{['a.b']}`, `[0]`, `[-1]`,
// `[*]`, `..name`, `[?(@.type=="Ready")].status`, `{range .items[*]}…{end}` and `{"\n"}` literals.
// Missing keys print nothing (kubectl get runs the printer with AllowMissingKeys).
import { clientError } from './errors';

type Node =
  | { t: 'text'; s: string }
  | { t: 'expr'; path: Step[] }
  | { t: 'range'; path: Step[]; body: Node[] };

type Step =
  | { t: 'field'; name: string }
  | { t: 'index'; i: number }
  | { t: 'all' }
  | { t: 'recursive'; name: string }
  | { t: 'filter'; path: Step[]; op: string; value: unknown };

function parsePath(src: string, template: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const s = src.trim();
  if (s === '@' || s === '$') return steps;
  if (s.startsWith('$') || s.startsWith('@')) i = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        const m = /^[\w-]+/.exec(s.slice(i + 2));
        if (!m) throw badTemplate(template);
        steps.push({ t: 'recursive', name: m[0] });
        i += 2 + m[0].length;
        continue;
      }
      if (s[i + 1] === '*') {
        steps.push({ t: 'all' });
        i += 2;
        continue;
      }
      const m = /^[^.[\]\s]+/.exec(s.slice(i + 1));
      if (!m) {
        i++;
        continue;
      }
      steps.push({ t: 'field', name: m[0] });
      i += 1 + m[0].length;
    } else if (c === '[') {
      const end = findClose(s, i);
      if (end < 0) throw badTemplate(template);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ t: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ t: 'index', i: Number(inner) });
      else if (/^'.*'$/.test(inner) || /^".*"$/.test(inner)) steps.push({ t: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) {
        const f = inner.slice(2, -1).trim();
        const m = /^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec(f);
        if (m) {
          let v: unknown = m[3].trim();
          if (/^'.*'$/.test(v as string) || /^".*"$/.test(v as string)) v = (v as string).slice(1, -1);
          else if (/^-?\d+(\.\d+)?$/.test(v as string)) v = Number(v);
          else if (v === 'true' || v === 'false') v = v === 'true';
          steps.push({ t: 'filter', path: parsePath(m[1], template), op: m[2], value: v });
        } else steps.push({ t: 'filter', path: parsePath(f, template), op: 'exists', value: undefined });
      } else throw badTemplate(template);
    } else if (/\s/.test(c)) i++;
    else {
      const m = /^[^.[\]\s]+/.exec(s.slice(i));
      steps.push({ t: 'field', name: m![0] });
      i += m![0].length;
    }
  }
  return steps;
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function badTemplate(t: string) {
  return clientError(`error parsing jsonpath ${t}, unrecognized character in action`);
}

function unquote(lit: string): string {
  try {
    return JSON.parse(lit.startsWith("'") ? `"${lit.slice(1, -1).replace(/"/g, '\\"')}"` : lit) as string;
  } catch {
    return lit.slice(1, -1);
  }
}

export function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: { body: Node[] }[] = [{ body: root }];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      stack[stack.length - 1].body.push({ t: 'text', s: template.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1].body.push({ t: 'text', s: template.slice(i, open) });
    let close = -1;
    let quote = '';
    for (let j = open + 1; j < template.length; j++) {
      const c = template[j];
      if (quote) {
        if (c === '\\') j++;
        else if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '}') {
        close = j;
        break;
      }
    }
    if (close < 0) throw clientError(`error parsing jsonpath ${template}, unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    const body = stack[stack.length - 1].body;
    if (/^".*"$/s.test(action) || /^'.*'$/s.test(action)) body.push({ t: 'text', s: unquote(action) });
    else if (action.startsWith('range ')) {
      const node: Node = { t: 'range', path: parsePath(action.slice(6), template), body: [] };
      body.push(node);
      stack.push(node);
    } else if (action === 'end') {
      if (stack.length === 1) throw clientError(`error parsing jsonpath ${template}, not in range, nothing to end`);
      stack.pop();
    } else body.push({ t: 'expr', path: parsePath(action, template) });
  }
  return root;
}

function walk(values: unknown[], steps: readonly Step[]): unknown[] {
  let cur = values;
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (st.t) {
        case 'field':
          if (v && typeof v === 'object' && !Array.isArray(v) && st.name in (v as object))
            next.push((v as Record<string, unknown>)[st.name]);
          break;
        case 'index':
          if (Array.isArray(v)) {
            const i = st.i < 0 ? v.length + st.i : st.i;
            if (i >= 0 && i < v.length) next.push(v[i]);
          }
          break;
        case 'all':
          if (Array.isArray(v)) next.push(...v);
          else if (v && typeof v === 'object') next.push(...Object.values(v));
          break;
        case 'recursive':
          collect(v, st.name, next);
          break;
        case 'filter':
          if (Array.isArray(v))
            for (const item of v) {
              const got = walk([item], st.path);
              if (st.op === 'exists' ? got.length > 0 : got.some((g) => compare(g, st.op, st.value))) next.push(item);
            }
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function collect(v: unknown, name: string, out: unknown[]): void {
  if (Array.isArray(v)) for (const x of v) collect(x, name, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === name) out.push(x);
      collect(x, name, out);
    }
  }
}

function compare(a: unknown, op: string, b: unknown): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>=':
      return (a as number) >= (b as number);
  }
  return false;
}

/** How the jsonpath printer prints one value: strings raw, objects and lists as JSON. */
export function jsonpathValueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function exec(nodes: readonly Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.t === 'text') out += n.s;
    else if (n.t === 'expr') out += walk([data], n.path).map(jsonpathValueText).join(' ');
    else for (const item of walk([data], n.path)) out += exec(n.body, item);
  }
  return out;
}

export function executeJsonpath(template: string, data: unknown): string {
  return exec(parseTemplate(template), data);
}

/** Values a path (with or without braces) selects; used by --sort-by, custom-columns and wait. */
export function selectValues(expr: string, data: unknown): unknown[] {
  let e = expr.trim();
  if (e.startsWith('{') && e.endsWith('}')) e = e.slice(1, -1);
  if (!e.startsWith('.') && !e.startsWith('[') && !e.startsWith('$') && !e.startsWith('@')) e = '.' + e;
  return walk([data], parsePath(e, expr));
}
