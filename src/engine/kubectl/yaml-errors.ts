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
// Duplicate keys are not an error: YAMLToJSON (non-strict yaml.Unmarshal) keeps the last one.
import { LineCounter, parseDocument } from 'yaml';

export type DocParse = { ok: true; value: unknown } | { ok: false; message: string };

type Kind = 'scanner' | 'parser';

function where(line0: number, kind: Kind): string {
  const line = kind === 'scanner' ? line0 + 1 : line0;
  return line0 !== 0 ? `line ${line}: ` : '';
}

/** 0-based line of the end of the text (the mark goyaml reports for `unexpected end of stream`). */
function eofLine0(text: string): number {
  return text.split('\n').length - 1;
}

/** 0-based line of the first non-blank, non-comment character at or after offset, or of the end. */
function nextTokenLine0(text: string, offset: number, lc: LineCounter): number {
  const m = /[^\s]/.exec(text.slice(offset).replace(/#[^\n]*/g, (c) => ' '.repeat(c.length)));
  if (!m) return eofLine0(text);
  return lc.linePos(offset + m.index).line - 1;
}

/** 0-based line of the first `:` followed by a space or line end at or after offset. */
function colonLine0(text: string, offset: number, lc: LineCounter): number {
  const m = /:(?=[ \t\r\n]|$)/.exec(text.slice(offset));
  return lc.linePos(m ? offset + m.index : offset).line - 1;
}

function goMessage(text: string, code: string, msg: string, pos: [number, number], lc: LineCounter): string {
  const line0 = lc.linePos(pos[0]).line - 1;
  switch (code) {
    case 'TAB_AS_INDENT': {
      // A tab right after a plain scalar is seen while scanning that scalar (scan_plain_scalar:
      // "found a tab character that violates indentation"); anywhere else it cannot start a token.
      const lines = text.split('\n');
      let prev = '';
      for (let i = line0 - 1; i >= 0 && !prev; i--) prev = lines[i].replace(/\s+#.*$/, '').trim();
      const afterScalar = prev !== '' && !prev.endsWith(':') && !/^-$/.test(prev) && !/[[{,]$/.test(prev);
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
      return where(line0, 'parser') + 'did not find expected key';
    case 'UNEXPECTED_TOKEN':
      return where(line0, 'parser') + 'did not find expected key';
    case 'MISSING_CHAR':
      if (/^Missing closing/.test(msg)) return where(eofLine0(text), 'scanner') + 'found unexpected end of stream';
      if (msg.startsWith('Sequence item without')) return where(line0, 'parser') + 'did not find expected key';
      // a simple key whose `:` never comes: stale_simple_keys fails at the next token
      if (msg.startsWith('Implicit map keys')) return where(nextTokenLine0(text, pos[1], lc), 'scanner') + "could not find expected ':'";
      break;
  }
  // Not mapped to goyaml's wording: keep the position rule and the `yaml` package's own words.
  return where(line0, 'scanner') + msg.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** Parses one document of a stream (already split like YAMLReader); the message has no `yaml: ` prefix. */
export function parseDoc(text: string): DocParse {
  const lc = new LineCounter();
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lc, version: '1.1', prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const first = doc.errors[0];
  if (first) {
    // goyaml stops at the first fault in text order; the yaml package may report several
    const err = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])[0];
    const preferred = doc.errors.find((e) => e.pos[0] === err.pos[0] && e.code === 'BLOCK_AS_IMPLICIT_KEY') ?? err;
    return { ok: false, message: goMessage(text, preferred.code, preferred.message, preferred.pos, lc) };
  }
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
  } catch (e) {
    const m = /Unresolved alias[^:]*: (.+)$/.exec((e as Error).message);
    return { ok: false, message: m ? `unknown anchor '${m[1]}' referenced` : (e as Error).message.split('\n')[0] };
  }
}
