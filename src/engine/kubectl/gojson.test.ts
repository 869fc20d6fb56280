// Go's encoding/json syntax errors; the first two texts are those kubectl 1.32 printed for broken JSON
// manifests (`json: offset N: <this>`), the others follow scanner.go's states.
import { describe, expect, it } from 'vitest';
import { goJsonSyntaxError } from './gojson';

describe('goJsonSyntaxError', () => {
  it.each([
    ['a trailing comma in an object', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j",}}', `invalid character '}' looking for beginning of object key string`],
    ['a missing comma between members', '{"apiVersion": "v1", "kind": "ConfigMap" "metadata": {}}', `invalid character '"' after object key:value pair`],
    ['truncated', '{"a":', 'unexpected end of JSON input'],
    ['an unquoted key', '{a: 1}', `invalid character 'a' looking for beginning of object key string`],
    ['a missing colon', '{"a" 1}', `invalid character '1' after object key`],
    ['garbage after the value', '{"a":1}}', `invalid character '}' after top-level value`],
    ['a missing comma in an array', '[1 2]', `invalid character '2' after array element`],
    ['a bad literal', '{"a": tru}', `invalid character '}' in literal true (expecting 'e')`],
    ['a single quote', "{'a': 1}", `invalid character '\\'' looking for beginning of object key string`],
    ['a tab inside a string', '{"a": "x\ty"}', `invalid character '\\t' in string literal`],
    ['a bad escape', '{"a": "\\q"}', `invalid character 'q' in string escape code`],
    ['a leading dot', '{"a": .5}', `invalid character '.' looking for beginning of value`],
    ['a dot without digits', '{"a": 1.}', `invalid character '}' after decimal point in numeric literal`],
  ])('%s', (_n, text, want) => {
    expect(goJsonSyntaxError(text)).toBe(want);
  });

  it('valid JSON has no error', () => {
    expect(goJsonSyntaxError(' {"a": [1, -2.5e3, true, null, "\\u00e9"]} ')).toBeUndefined();
  });
});
