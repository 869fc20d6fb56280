// The syntax check of Go's encoding/json (scanner.go, as json.Unmarshal runs it first): the error text a
// Go program prints for malformed JSON — `unexpected end of JSON input`, or `invalid character 'x'
// looking for beginning of value` and the other contexts — so the apiserver's 400 for a broken patch body
// reads as a real one does.

/** scanner.go quoteChar: the byte in single quotes, escaped like strconv.Quote. */
function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const esc: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 0x5c: '\\\\' };
  if (esc[c]) return `'${esc[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, '0')}'`;
  // a lone byte ≥ 0x80 is read as the rune of the same value (string(byte) in Go)
  if (c >= 0x80 && c < 0xa0) return `'\\u00${c.toString(16)}'`;
  return `'${String.fromCharCode(c)}'`;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Scans one JSON value from byte start: where it ends, or the error ('eof' when the input ran out) and its byte. */
function scan(b: Uint8Array, start: number): { i: number; err?: string } {
  let i = start;
  const bad = (what: string) => `invalid character ${quoteChar(b[i])} ${what}`;
  const skip = () => {
    while (i < b.length && isSpace(b[i])) i++;
  };
  // returns an error message, 'eof' when the input ended early, or undefined after a complete value
  const value = (): string | undefined => {
    skip();
    if (i >= b.length) return 'eof';
    const c = b[i];
    if (c === 0x7b || c === 0x5b) {
      const obj = c === 0x7b;
      i++;
      skip();
      if (i >= b.length) return 'eof';
      if (b[i] === (obj ? 0x7d : 0x5d)) return i++, undefined;
      for (;;) {
        if (obj) {
          skip();
          if (i >= b.length) return 'eof';
          if (b[i] !== 0x22) return bad('looking for beginning of object key string');
          const k = value();
          if (k) return k;
          skip();
          if (i >= b.length) return 'eof';
          if (b[i] !== 0x3a) return bad('after object key');
          i++;
        }
        const v = value();
        if (v) return v;
        skip();
        if (i >= b.length) return 'eof';
        if (b[i] === 0x2c) {
          i++;
          continue;
        }
        if (b[i] === (obj ? 0x7d : 0x5d)) return i++, undefined;
        return bad(obj ? 'after object key:value pair' : 'after array element');
      }
    }
    if (c === 0x22) {
      for (i++; ; i++) {
        if (i >= b.length) return 'eof';
        if (b[i] === 0x22) return i++, undefined;
        if (b[i] < 0x20) return bad('in string literal');
        if (b[i] === 0x5c) {
          i++;
          if (i >= b.length) return 'eof';
          if (b[i] === 0x75) {
            for (let n = 0; n < 4; n++) {
              i++;
              if (i >= b.length) return 'eof';
              if (!isHex(b[i])) return bad('in \\u hexadecimal character escape');
            }
          } else if (!'bfnrt\\/"'.includes(String.fromCharCode(b[i]))) return bad('in string escape code');
        }
      }
    }
    if (c === 0x2d || isDigit(c)) {
      if (c === 0x2d) {
        i++;
        if (i >= b.length) return 'eof';
        if (!isDigit(b[i])) return bad('in numeric literal');
      }
      if (b[i] === 0x30) i++;
      else while (i < b.length && isDigit(b[i])) i++;
      if (b[i] === 0x2e) {
        i++;
        if (i >= b.length) return 'eof';
        if (!isDigit(b[i])) return bad('after decimal point in numeric literal');
        while (i < b.length && isDigit(b[i])) i++;
      }
      if (b[i] === 0x65 || b[i] === 0x45) {
        i++;
        if (b[i] === 0x2b || b[i] === 0x2d) i++;
        if (i >= b.length) return 'eof';
        if (!isDigit(b[i])) return bad('in exponent of numeric literal');
        while (i < b.length && isDigit(b[i])) i++;
      }
      return undefined;
    }
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit.charCodeAt(0)) continue;
      for (let n = 1; n < lit.length; n++) {
        i++;
        if (i >= b.length) return 'eof';
        if (b[i] !== lit.charCodeAt(n)) return bad(`in literal ${lit} (expecting ${quoteChar(lit.charCodeAt(n))})`);
      }
      i++;
      return undefined;
    }
    return bad('looking for beginning of value');
  };
  const err = value();
  return { i, err };
}

/** The message json.Unmarshal returns for a syntax error in text, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  const b = new TextEncoder().encode(text);
  const r = scan(b, 0);
  if (r.err === 'eof') return 'unexpected end of JSON input';
  if (r.err) return r.err;
  let i = r.i;
  while (i < b.length && isSpace(b[i])) i++;
  if (i < b.length) return `invalid character ${quoteChar(b[i])} after top-level value`;
  return undefined;
}

/**
 * A stream of JSON values as YAMLOrJSONDecoder reads a file that starts with `{` (json.Decoder): the
 * values before the first error, and the error as the decoder words it — `unexpected EOF`, or
 * `json: offset N: …` (JSONSyntaxError, N the bytes read through the bad one).
 */
export function goJsonStream(text: string): { values: unknown[]; error?: string } {
  const b = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const values: unknown[] = [];
  let i = 0;
  for (;;) {
    while (i < b.length && isSpace(b[i])) i++;
    if (i >= b.length) return { values };
    const r = scan(b, i);
    if (r.err === 'eof') return { values, error: 'unexpected EOF' };
    if (r.err) return { values, error: `json: offset ${r.i + 1}: ${r.err}` };
    values.push(JSON.parse(dec.decode(b.subarray(i, r.i))));
    i = r.i;
  }
}
