// go-yaml v2 scalar styles as kubectl 1.32 printed them (observed through the HTTP API with -o yaml).
import { describe, expect, it } from 'vitest';
import { goYaml } from './goyaml';

describe('goYaml', () => {
  it.each([
    ['a plain string stays plain', 'hello world', 'v: hello world\n'],
    ['a string that reads as a bool is double-quoted', 'yes', 'v: "yes"\n'],
    ['a string that reads as a number is double-quoted', '123', 'v: "123"\n'],
    ['a hex-looking string is double-quoted', '0x1F', 'v: "0x1F"\n'],
    ['a timestamp-looking string is double-quoted', '2025-01-01T00:00:00Z', 'v: "2025-01-01T00:00:00Z"\n'],
    ['the empty string is double-quoted', '', 'v: ""\n'],
    ['`: ` forbids plain: single quotes', 'a: b', "v: 'a: b'\n"],
    ['` #` forbids plain: single quotes', 'with #hash', "v: 'with #hash'\n"],
    ['a trailing space forbids plain', 'x ', "v: 'x '\n"],
    ['a newline makes a literal block (clip)', 'multi\nline\n', 'v: |\n  multi\n  line\n'],
    ['without a final newline the block strips', 'a\nb', 'v: |-\n  a\n  b\n'],
    ['U+2028 is a line break to YAML: double-quoted as \\L', '<a&b> é \u2028', 'v: "<a&b> é \\L"\n'],
  ])('%s', (_n, value, want) => {
    expect(goYaml({ v: value })).toBe(want);
  });

  it('folds a long plain scalar at the first space past column 80, continuing two spaces deeper', () => {
    const note = 'This is a very long annotation value that certainly exceeds the eighty column limit of the emitter, doesnt it? yes';
    expect(goYaml({ metadata: { annotations: { note } } })).toBe(
      'metadata:\n  annotations:\n    note: This is a very long annotation value that certainly exceeds the eighty column\n      limit of the emitter, doesnt it? yes\n',
    );
  });

  it('never breaks at the last character of a single-quoted scalar', () => {
    const m = 'AttachVolume.Attach succeeded for volume "pvc-828894ce-9b70-4734-a331-a71338e17fd5" ';
    expect(goYaml({ message: m })).toBe(`message: '${m}'\n`);
  });

  it('lists sit at the indentation of their key; maps in lists continue under the dash', () => {
    // keys arrive sorted (output.sortKeys does it before)
    expect(goYaml({ spec: { accessModes: ['ReadWriteOnce'], empty: [], list: [{ a: 1, b: true }], none: {} } })).toBe(
      'spec:\n  accessModes:\n  - ReadWriteOnce\n  empty: []\n  list:\n  - a: 1\n    b: true\n  none: {}\n',
    );
  });
});

describe('goJsonEscape', () => {
  it('escapes <, >, & and U+2028 as encoding/json does (kubectl -o json, last-applied-configuration)', async () => {
    const { jsonText } = await import('./output');
    expect(jsonText({ k: '<a&b> é \u2028' })).toBe('{\n    "k": "\\u003ca\\u0026b\\u003e é \\u2028"\n}\n');
  });
});
