// One YAML document as kubectl reads it (k8s.io/apimachinery YAMLOrJSONDecoder → sigs.k8s.io/yaml
// YAMLToJSON → goyaml.v2), with syntax errors worded and numbered like goyaml.v2's parser.fail():
//
//   where = problem_mark.line (0-based), +1 only for scanner errors; if that is 0 the context mark's line;
//   no `line N: ` at all when both are 0.
//
// So a scanner error (tab, `a: b: c`, unterminated quote, key without `:`) names the 1-based line, while a
// parser error (`did not find expected key`, an unclosed flow collection) names the line *before* the
// offending token. The `yaml` package finds the same faults with other words; each case below maps one of
// its error codes to goyaml's problem text and mark (each checked against kubectl 1.32, see the tests).
// This is an emulation, not a port of goyaml's scanner: on 800 randomly damaged manifests (the property
// test's generator, another seed) kubectl 1.32 and this code printed the same line for 772.
// Duplicate keys are not an error: YAMLToJSON (non-strict yaml.Unmarshal) keeps the last one.
import { isMap, isNode, isScalar, parseDocument, visit } from 'yaml';

export type DocParse = { ok: true; value: unknown } | { ok: false; message: string };

/** goyaml reports scanner errors on the 1-based line, parser errors on the 0-based one. */
type Kind = 'scanner' | 'parser';

/** goyaml's line breaks (is_break): `\n`, `\r`, `\r\n`, NEL, LS and PS. */
const BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/g;

function goLines(text: string): string[] {
  return text.split(BREAK);
}

/** Line and column (1-based) as goyaml's marks count them. */
class GoLineCounter {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (const m of text.matchAll(BREAK)) this.starts.push(m.index + m[0].length);
  }
  linePos(pos: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - this.starts[lo] + 1 };
  }
}

/** Characters goyaml's reader refuses (yaml_parser_update_buffer: not printable). */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

function where(line0: number, kind: Kind): string {
  const line = kind === 'scanner' ? line0 + 1 : line0;
  return line0 !== 0 ? `line ${line}: ` : '';
}

/** 0-based line of the end of the text (which always ends with a line break, see parseDoc). */
function eofLine0(text: string): number {
  return goLines(text).length - 1;
}

/** 0-based line of the first non-blank, non-comment character at or after offset, or of the end. */
function nextTokenLine0(text: string, offset: number, lc: GoLineCounter): number {
  const m = /[^\s]/.exec(text.slice(offset).replace(/#[^\n]*/g, (c) => ' '.repeat(c.length)));
  if (!m) return eofLine0(text);
  return lc.linePos(offset + m.index).line - 1;
}

/** 0-based line of the first `:` followed by a space or line end at or after offset. */
function colonLine0(text: string, offset: number, lc: GoLineCounter): number {
  const m = /:(?=[ \t\r\n]|$)/.exec(text.slice(offset));
  return lc.linePos(m ? offset + m.index : offset).line - 1;
}

/** The innermost flow collection still open at offset (`[` or `{`, outside quotes and comments), if any. */
function openFlow(text: string, offset: number): { at: number; closer: string } | undefined {
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < offset && text[i] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  const at = stack.pop();
  return at === undefined ? undefined : { at, closer: text[at] === '[' ? ']' : '}' };
}

/** Where an unterminated quoted scalar starts (outside comments), if any. */
function openQuote(text: string): number | undefined {
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (quote === "'" && c === "'" && text[i + 1] === "'") i++;
      else if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    // a quote opens a scalar only where a token may start (after blanks or an indicator)
    if (c === '"' || c === "'") {
      // a quote opens a scalar only where a token starts: at a line's start, after `: `, `- `, or a flow indicator
      let k = i - 1;
      while (k >= 0 && text[k] === ' ') k--;
      const spaced = k < i - 1;
      if (k < 0 || text[k] === '\n' || '[{,]}'.includes(text[k]) || (spaced && ':-?'.includes(text[k]))) (quote = c), (start = i);
    }
  }
  return quote ? start : undefined;
}

/**
 * A flow collection left open with more lines after it: goyaml reads on, meets a `:` (VALUE) where the
 * flow parser wants `,` or the closer, and reports that token's line (or the end's).
 */
function unclosedFlow(text: string, flow: { at: number; closer: string }, lc: GoLineCounter): string {
  const nl = text.indexOf('\n', flow.at);
  const rest = nl < 0 ? '' : text.slice(nl);
  // a plain scalar in a flow collection runs on over line breaks (and over `- `) until a `: `
  const m = /:(?=[ \t\r\n]|$)/.exec(rest);
  const line0 = m ? lc.linePos(nl + m.index).line - 1 : eofLine0(text);
  // the end right after `[`, `{` or `,`: the flow parser wanted a node there (parse_node)
  if (!m && /[[{,]\s*$/.test(text.replace(/(^|\s)#[^\n]*/g, '$1'))) return where(line0, 'parser') + 'did not find expected node content';
  return where(line0, 'parser') + `did not find expected ',' or '${flow.closer}'`;
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/**
 * Whether the line (0-based) sits at the column of a block sequence's `- ` items, where the parser wants
 * another `-`. An indentless sequence (its `- ` at its key's column) has no such state: its end simply
 * returns to the mapping, which wants a key.
 */
function inBlockSequence(lines: readonly string[], line0: number): boolean {
  const col = indentOf(lines[line0] ?? '');
  const meaningful = (l: string) => l.trim() !== '' && !/^\s*#/.test(l);
  const isItem = (l: string) => /^\s*-( |$)/.test(l);
  let i = line0 - 1;
  while (i >= 0 && !(meaningful(lines[i]) && indentOf(lines[i]) <= col)) i--;
  // the nearest block left open at this column is a sequence when its `- ` is at most one column left
  if (i < 0 || !isItem(lines[i]) || col >= indentOf(lines[i]) + 2) return false;
  const seq = indentOf(lines[i]);
  while (i >= 0 && (!meaningful(lines[i]) || indentOf(lines[i]) > seq || (indentOf(lines[i]) === seq && isItem(lines[i])))) i--;
  return i < 0 || indentOf(lines[i]) < seq;
}

function goMessage(text: string, code: string, msg: string, pos: [number, number], lc: GoLineCounter): string {
  const line0 = lc.linePos(pos[0]).line - 1;
  const flow = code === 'BAD_INDENT' && !/^Flow (sequence|map)/.test(msg) ? undefined : openFlow(text, pos[0]);
  if (flow && (code === 'MULTILINE_IMPLICIT_KEY' || code === 'BLOCK_IN_FLOW' || code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MISSING_CHAR' || code === 'BAD_INDENT'))
    return unclosedFlow(text, flow, lc);
  const lines = goLines(text);
  switch (code) {
    case 'MULTILINE_IMPLICIT_KEY': {
      // A plain scalar that ran over a line end cannot be a simple key. At the column of its mapping's
      // keys the key was required: stale_simple_keys fails ("could not find expected ':'") where the
      // scanner stands, at the `:`; elsewhere the `:` itself is refused.
      const col = lc.linePos(pos[0]).col - 1;
      const sibling = lines.slice(0, line0).reverse().find((l) => l.trim() !== '' && !/^\s*#/.test(l) && indentOf(l) <= col);
      const required = sibling !== undefined && indentOf(sibling) === col && !/^\s*- /.test(sibling);
      const at = colonLine0(text, pos[0], lc);
      return where(at, 'scanner') + (required ? "could not find expected ':'" : 'mapping values are not allowed in this context');
    }
    case 'TAB_AS_INDENT': {
      // A tab right after a plain scalar is seen while scanning that scalar (scan_plain_scalar:
      // "found a tab character that violates indentation"); anywhere else it cannot start a token.
      const lines = goLines(text);
      let prev = '';
      for (let i = line0 - 1; i >= 0 && !prev; i--) prev = lines[i].replace(/\s+#.*$/, '').trim();
      const afterScalar = prev !== '' && !/(^-|[:[{,\]}"'|>])$/.test(prev);
      return where(line0, 'scanner') + (afterScalar ? 'found a tab character that violates indentation' : 'found character that cannot start any token');
    }
    case 'BAD_SCALAR_START':
      return where(line0, 'scanner') + 'found character that cannot start any token';
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (msg.startsWith('Nested mappings')) return where(colonLine0(text, pos[0], lc), 'scanner') + 'mapping values are not allowed in this context';
      // a `- item` where a mapping key belongs: the parser meets a BLOCK-ENTRY token
      return where(line0, 'parser') + 'did not find expected key';
    case 'BAD_INDENT':
      if (msg.startsWith('Flow sequence')) return where(line0, 'parser') + "did not find expected ',' or ']'";
      if (msg.startsWith('Flow map')) return where(line0, 'parser') + "did not find expected ',' or '}'";
      return where(line0, 'parser') + (inBlockSequence(lines, line0) ? "did not find expected '-' indicator" : 'did not find expected key');
    case 'UNEXPECTED_TOKEN':
      return where(line0, 'parser') + 'did not find expected key';
    case 'MISSING_CHAR':
      if (/^Missing closing/.test(msg)) return where(eofLine0(text), 'scanner') + 'found unexpected end of stream';
      if (msg.startsWith('Sequence item without')) return where(line0, 'parser') + (inBlockSequence(goLines(text), line0) ? "did not find expected '-' indicator" : 'did not find expected key');
      // a simple key whose `:` never comes: stale_simple_keys fails at the next token
      if (msg.startsWith('Implicit map keys')) return where(nextTokenLine0(text, pos[1], lc), 'scanner') + "could not find expected ':'";
      break;
  }
  // Not mapped to goyaml's wording: keep the position rule and the `yaml` package's own words.
  return where(line0, 'scanner') + msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses one document of a stream (already split like YAMLReader); the message has no `yaml: ` prefix. */
export function parseDoc(text: string): DocParse {
  // YAMLReader reads line by line and ends every line, the last one too, with a line break
  if (!text.endsWith('\n')) text += '\n';
  // the reader checks every character before anything is scanned (yaml_parser_update_buffer)
  if (CONTROL.test(text)) return { ok: false, message: 'control characters are not allowed' };
  // A top-level mapping indented by n columns ends at the first line indented less: goyaml starts an
  // implicit next document there, and YAMLToJSON (yaml.Unmarshal) keeps only the first one.
  const top = /^(?:[ \t]*(?:#.*)?\n)*( +)\S/.exec(text);
  if (top) {
    const cut = new RegExp(`^ {0,${top[1].length - 1}}[^\\s#]`, 'm').exec(text.slice(top[0].length));
    if (cut) text = text.slice(0, top[0].length + cut.index);
  }
  const lc = new GoLineCounter(text);
  let doc;
  try {
    doc = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  // goyaml stops at the first fault in text order; gather the candidates and take the earliest
  const faults: { at: number; message: string }[] = [];
  if (doc.errors.length) {
    const err = [...doc.errors].sort((x, y) => x.pos[0] - y.pos[0])[0];
    const preferred = doc.errors.find((e) => e.pos[0] === err.pos[0] && e.code === 'BLOCK_AS_IMPLICIT_KEY') ?? err;
    faults.push({ at: err.pos[0], message: goMessage(text, preferred.code, preferred.message, preferred.pos, lc) });
  }
  // an open quote is scanned to the end before the parser sees the token: its scanner error comes first
  const quote = openQuote(text);
  if (quote !== undefined) {
    // a parser error on the quote's own line concerns the quoted token itself, which is scanned first
    const lineStart = text.lastIndexOf('\n', quote) + 1;
    faults.push({ at: lineStart, message: where(eofLine0(text), 'scanner') + 'found unexpected end of stream' });
  }
  // `: x` where a key belongs is a VALUE token without a KEY to goyaml ("did not find expected key");
  // the yaml package reads it as an empty key
  const scalars: [number, number][] = [];
  // `@` and `` ` `` are reserved: right after a quoted scalar or a flow collection they start a token
  const reservedAfter = (end: number) => {
    let k = end;
    while (text[k] === ' ') k++;
    if (text[k] === '@' || text[k] === '`') faults.push({ at: k, message: where(lc.linePos(k).line - 1, 'scanner') + 'found character that cannot start any token' });
  };
  visit(doc, {
    Scalar(_k, node) {
      if (node.range && node.type !== 'PLAIN') scalars.push([node.range[0], node.range[1]]);
      if (node.range && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE')) reservedAfter(node.range[1]);
    },
    Seq(_k, node) {
      if (node.flow && node.range) reservedAfter(node.range[1]);
    },
    Map(_k, node) {
      if (node.flow && node.range) reservedAfter(node.range[1]);
    },
    Pair(_k, pair, path) {
      const parent = path[path.length - 1];
      if ((pair.key === null || (isScalar(pair.key) && pair.key.range?.[0] === pair.key.range?.[1])) && isMap(parent) && !parent.flow && isNode(pair.value) && pair.value.range)
        faults.push({ at: pair.value.range[0], message: where(lc.linePos(pair.value.range[0]).line - 1, 'parser') + 'did not find expected key' });
    },
  });
  // a tab in a line's indentation: goyaml's scanner does not skip a tab where a simple key may start
  // (scan_to_next_token), even on a line of blanks the yaml package skips
  for (const m of text.matchAll(/^ *\t/gm)) {
    const at = m.index + m[0].indexOf('\t');
    if (!scalars.some(([x, y]) => at > x && at < y)) faults.push({ at, message: goMessage(text, 'TAB_AS_INDENT', '', [at, at + 1], lc) });
  }
  if (!faults.length) {
    try {
      return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
    } catch (e) {
      const m = /Unresolved alias[^:]*: (.+)$/.exec((e as Error).message);
      return { ok: false, message: m ? `unknown anchor '${m[1]}' referenced` : (e as Error).message.split('\n')[0] };
    }
  }
  faults.sort((x, y) => x.at - y.at);
  // The yaml package may flag a parser fault before the token goyaml's parser stumbles on; if that token
  // (on the same or the next line) cannot even be scanned, the scanner's error is the one reported.
  const first = faults[0];
  if (/did not find expected/.test(first.message)) {
    const line = lc.linePos(first.at).line;
    const scanner = faults.find((f) => !/did not find expected/.test(f.message) && lc.linePos(f.at).line <= line + 1);
    if (scanner) return { ok: false, message: scanner.message };
  }
  return { ok: false, message: first.message };
}
