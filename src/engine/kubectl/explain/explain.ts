// kubectl explain TYPE[.FIELD…] [--recursive]: kubectl 1.32's explain v2 plaintext template
// (k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl) over the OpenAPI descriptions of
// explain-data.ts: GROUP (non-core groups), KIND, VERSION, FIELD with its type, DESCRIPTION wrapped at 76
// columns (go-wordwrap via the template's `wrap`), and FIELDS sorted by name with `<type>` and -required-.
import { resolveResource } from '../../model/kinds';
import { KubectlError, clientError } from '../errors';
import { flagBool, parseFlags } from '../flags';
import type { Io } from '../io';
import { EXPLAIN_TYPES } from './explain-data';

type Field = readonly [string, string, 1?];

/** The interface a field type refers to: `[]Volume` → Volume, `map[string]Quantity` → none. */
function refOf(type: string): string | undefined {
  const base = type.replace(/^(\[\]|map\[string\])+/, '');
  return EXPLAIN_TYPES[base] ? base : undefined;
}

/**
 * go-wordwrap's WrapString as the template's `wrap` uses it: a line breaks before a word that would make
 * it longer than `limit`; a line break in the text starts a new line.
 */
export function wordWrap(text: string, limit: number): string {
  return text
    .split('\n')
    .map((para) => {
      const out: string[] = [];
      let line = '';
      let spaces = '';
      for (const tok of para.split(/( +)/)) {
        if (tok === '') continue;
        if (tok.startsWith(' ')) {
          spaces += tok;
          continue;
        }
        if (line && line.length + spaces.length + tok.length > limit) {
          out.push(line);
          line = tok;
        } else line += spaces + tok;
        spaces = '';
      }
      out.push(line + spaces);
      return out.join('\n');
    })
    .join('\n');
}

/** sprig-like `indent`: the pad before the text and after every line break. */
const indent = (n: number, s: string) => ' '.repeat(n) + s.replace(/\n/g, '\n' + ' '.repeat(n));

function fieldList(type: string | undefined, level: number, recursive: boolean, seen: ReadonlySet<string>): string {
  if (!type || seen.has(type)) return '';
  const t = EXPLAIN_TYPES[type];
  const next = new Set(seen).add(type);
  let s = '';
  for (const name of Object.keys(t.f).sort()) {
    const [ftype, desc, required] = t.f[name] as Field;
    const pad = level * 2;
    s += `${indent(pad, name)}\t<${ftype}>${required ? ' -required-' : ''}\n`;
    if (recursive) s += fieldList(refOf(ftype), level + 1, recursive, next);
    else s += indent(pad + 2, wordWrap(desc || '<no description>', 78 - pad)) + '\n\n';
  }
  return s;
}

export function runExplain(io: Io, argv: readonly string[]): void {
  const p = parseFlags('explain', argv, [
    { name: 'recursive', type: 'bool' },
    { name: 'api-version', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ]);
  if (!p.args.length)
    throw clientError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  const [typ, ...path] = p.args[0].split('.');
  const k = resolveResource(typ);
  // the mapper's NoResourceMatchError, which CheckErr prints without `error: `
  if (!k) throw new KubectlError(`the server doesn't have a resource type "${typ}"\n`);
  const root = EXPLAIN_TYPES[k.kind];
  if (!root) throw clientError(`explain for ${k.kind} is not available in this kubectl`);
  let type: string | undefined = k.kind;
  let description = root.d;
  let header = '';
  let s = k.group ? `GROUP:      ${k.group}\n` : '';
  s += `KIND:       ${k.kind}\nVERSION:    ${k.version}\n\n`;
  for (const [i, seg] of path.entries()) {
    const f = type ? (EXPLAIN_TYPES[type].f[seg] as Field | undefined) : undefined;
    if (!f) {
      // the template has printed its header when it throws, and names the path's last element
      io.print(s);
      throw clientError(`field "${path[path.length - 1]}" does not exist`);
    }
    if (i === path.length - 1) header = `FIELD: ${seg} <${f[0]}>\n\n\n`;
    type = refOf(f[0]);
    // the description of a field is its own, followed by its type's (the template's "description" walks allOf)
    description = f[1] + '\n' + (type ? EXPLAIN_TYPES[type].d : '');
  }
  s += header;
  s += 'DESCRIPTION:\n' + indent(4, wordWrap(description.endsWith('\n') ? description : description + '\n', 76)) + '\n';
  const fields = fieldList(type, 1, flagBool(p, 'recursive'), new Set());
  if (fields) s += 'FIELDS:\n' + fields;
  // the template ends with a line break of its own
  io.print(s + '\n');
}
