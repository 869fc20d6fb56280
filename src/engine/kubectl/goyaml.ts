// YAML as `kubectl get -o yaml` prints it: sigs.k8s.io/yaml (JSON → go-yaml v2) in block style, with
// go-yaml's scalar rules — strings that would resolve to another type (YAML 1.1 bools, numbers,
// timestamps, null) double-quoted, strings that cannot be plain single-quoted, multi-line strings as
// literal blocks, and long plain or single-quoted scalars folded at the first space past column 80.

const BEST_WIDTH = 80;

const BOOL_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'on', 'On', 'ON', 'off', 'Off', 'OFF', '~', 'null', 'Null', 'NULL', '.inf', '.Inf', '.INF', '+.inf', '+.Inf',
  '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
]);

/** yaml.v2 resolve(): would this plain scalar be read back as something other than a string? */
function resolvesToNonString(s: string): boolean {
  if (s === '' || BOOL_NULL.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  // timestamps: 2006-1-2, 2006-1-2T15:4:5(.999)Z07:00, 2006-1-2 15:4:5
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?([Zz]|[-+]\d{2}:\d{2})?)?$/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  // isBase60Float
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  return false;
}

const isBlank = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\n';

/** yaml_emitter_analyze_scalar, reduced to what decides plain / single-quoted. */
function analyze(s: string): { plain: boolean; single: boolean } {
  let block = false;
  let special = false;
  if (s.startsWith('---') || s.startsWith('...')) block = true;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedByWs = isBlank(chars[i + 1]);
    const precededByWs = i === 0 || isBlank(chars[i - 1]);
    if (i === 0) {
      // (flow indicators matter only in flow context, which kubectl's output never uses)
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) block = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWs) block = true;
    } else if (c === ':' && followedByWs) block = true;
    else if (c === '#' && precededByWs) block = true;
    const code = c.codePointAt(0)!;
    if ((code < 0x20 && c !== '\n' && c !== '\t') || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0xfeff || code === 0x2028 || code === 0x2029)
      special = true;
  }
  const leadingSpace = s.startsWith(' ');
  const trailingSpace = s.endsWith(' ');
  const plain = !block && !leadingSpace && !trailingSpace && !special && !s.includes('\n') && !s.includes('\t');
  return { plain, single: !special };
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (code === 0x85) out += '\\N';
    else if (code === 0x2028) out += '\\L';
    else if (code === 0x2029) out += '\\P';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += c;
  }
  return out + '"';
}

/** Writes text starting at `column`, breaking at a space once the column is past 80. */
function folded(text: string, column: number, indent: number): string {
  let out = '';
  let col = column;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === ' ' && col > BEST_WIDTH && i > 0 && i < chars.length - 1 && chars[i + 1] !== ' ' && chars[i - 1] !== ' ') {
      out += '\n' + ' '.repeat(indent);
      col = indent;
      continue;
    }
    out += c;
    col++;
  }
  return out;
}

function literal(s: string, indent: number): string {
  let chomp = '';
  if (!s.endsWith('\n')) chomp = '-';
  else if (s.endsWith('\n\n') || s === '\n') chomp = '+';
  const hint = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = chomp === '-' ? s : s.replace(/\n$/, '');
  const lines = body.split('\n').map((l) => (l === '' ? '' : ' '.repeat(indent) + l));
  return `|${hint}${chomp}\n${lines.join('\n')}`;
}

/** A scalar written after `prefix` (which ends at `column`); continuation lines use `indent`. */
function scalar(v: unknown, column: number, indent: number, isKey = false): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v).replace(/^(-?)Infinity$/, '$1.inf').replace('NaN', '.nan');
  const s = String(v);
  if (s.includes('\n') && !isKey) return literal(s, indent);
  if (resolvesToNonString(s)) return doubleQuoted(s);
  const a = analyze(s);
  if (a.plain) return isKey ? s : folded(s, column, indent);
  if (a.single && !s.includes('\n')) {
    const inner = s.replace(/'/g, "''");
    return isKey ? `'${inner}'` : `'${folded(inner, column + 1, indent)}'`;
  }
  return doubleQuoted(s);
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function emitMap(m: Record<string, unknown>, indent: number, firstPrefix: string | undefined, out: string[]): void {
  Object.keys(m).forEach((k, i) => {
    const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
    emitEntry(lead + scalar(k, 0, 0, true) + ':', m[k], indent, out);
  });
}

function emitEntry(head: string, v: unknown, indent: number, out: string[]): void {
  if (isMap(v)) {
    if (!Object.keys(v).length) out.push(`${head} {}`);
    else {
      out.push(head);
      emitMap(v, indent + 2, undefined, out);
    }
  } else if (Array.isArray(v)) {
    if (!v.length) out.push(`${head} []`);
    else {
      out.push(head);
      emitList(v, indent, undefined, out);
    }
  } else out.push(`${head} ${scalar(v, head.length + 1, indent + 2)}`);
}

function emitList(l: unknown[], indent: number, firstPrefix: string | undefined, out: string[]): void {
  l.forEach((item, i) => {
    const lead = (i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent)) + '- ';
    if (isMap(item) && Object.keys(item).length) emitMap(item, indent + 2, lead, out);
    else if (Array.isArray(item) && item.length) emitList(item, indent + 2, lead, out);
    else if (isMap(item)) out.push(`${lead}{}`);
    else if (Array.isArray(item)) out.push(`${lead}[]`);
    else out.push(lead + scalar(item, lead.length, indent + 2));
  });
}

/** sigs.k8s.io/yaml.Marshal of JSON-shaped data (keys must already be sorted). */
export function goYaml(v: unknown): string {
  const out: string[] = [];
  if (isMap(v)) {
    if (!Object.keys(v).length) return '{}\n';
    emitMap(v, 0, undefined, out);
  } else if (Array.isArray(v)) {
    if (!v.length) return '[]\n';
    emitList(v, 0, undefined, out);
  } else return scalar(v, 0, 0) + '\n';
  return out.join('\n') + '\n';
}
