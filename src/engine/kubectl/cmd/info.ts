// kubectl version, api-resources and explain (for the storage kinds, with the OpenAPI descriptions).
import { KINDS, apiVersionOf, resolveResource } from '../../model/kinds';
import { clientError } from '../errors';
import { flagBool, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { GET_TABWRITER, tabwrite } from '../tabwriter';
import { EXPLAIN, type FieldDoc } from '../explain-docs';

export const CLIENT_VERSION = 'v1.32.0';
export const SERVER_VERSION = 'v1.32.0';

export function runVersion(io: Io, argv: readonly string[]): void {
  const p = parseFlags('version', argv, [
    { name: 'client', type: 'bool' },
    { name: 'output', short: 'o', type: 'string' },
  ]);
  const o = flagString(p, 'output');
  if (o !== undefined && o !== 'json' && o !== 'yaml') throw clientError(`--output must be 'yaml' or 'json'`);
  io.print(`Client Version: ${CLIENT_VERSION}\nKustomize Version: v5.5.0\n`);
  if (!flagBool(p, 'client')) io.print(`Server Version: ${SERVER_VERSION}\n`);
}

const API_RESOURCE_FLAGS: FlagSpec[] = [
  { name: 'namespaced', type: 'bool' },
  { name: 'api-group', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'no-headers', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'verbs', type: 'strings' },
  { name: 'cached', type: 'bool' },
  { name: 'categories', type: 'strings' },
];

export function runApiResources(io: Io, argv: readonly string[]): void {
  const p = parseFlags('api-resources', argv, API_RESOURCE_FLAGS);
  let kinds = [...KINDS];
  if (p.values.has('namespaced')) kinds = kinds.filter((k) => k.namespaced === flagBool(p, 'namespaced'));
  const group = flagString(p, 'api-group');
  if (group !== undefined) kinds = kinds.filter((k) => k.group === group);
  // Discovery order: the core group first, then the groups by name; resources by name within a group.
  kinds.sort((a, b) => (a.group === b.group ? (a.plural < b.plural ? -1 : 1) : a.group === '' ? -1 : b.group === '' ? 1 : a.group < b.group ? -1 : 1));
  if (flagString(p, 'output') === 'name') {
    io.print(kinds.map((k) => (k.group ? `${k.plural}.${k.group}` : k.plural) + '\n').join(''));
    return;
  }
  const lines = flagBool(p, 'no-headers') ? [] : ['NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND'];
  for (const k of kinds) lines.push([k.plural, k.shortNames.join(','), apiVersionOf(k), String(k.namespaced), k.kind].join('\t'));
  io.print(tabwrite(lines.join('\n') + '\n', GET_TABWRITER));
}

/** Wraps text to 72 columns, then indents it, like explain's plaintext template (`wrap 72 | indent 4`). */
function wrap(text: string, indent: string): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && (line + ' ' + word).length > 72) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line ? indent + line : '');
  }
  return out.join('\n') + '\n';
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
  if (!k) throw clientError(`the server doesn't have a resource type "${typ}"`);
  const doc = EXPLAIN[k.kind];
  if (!doc) throw clientError(`explain for ${k.kind} is not available in this kubectl (storage kinds only: PersistentVolume, PersistentVolumeClaim, StorageClass)`);
  let fields = doc.fields;
  let field: FieldDoc | undefined;
  for (const seg of path) {
    field = fields[seg];
    if (!field) throw clientError(`field "${seg}" does not exist`);
    fields = field.fields ?? {};
  }
  let s = `KIND:       ${k.kind}\nVERSION:    ${apiVersionOf(k)}\n\n`;
  if (field) s += `FIELD: ${path[path.length - 1]} <${field.type}>\n\n`;
  s += 'DESCRIPTION:\n' + wrap(field ? field.description : doc.description, '    ') + '    \n';
  const names = Object.keys(fields).sort();
  if (names.length) {
    s += 'FIELDS:\n';
    for (const n of names) {
      const f = fields[n];
      s += `  ${n}\t<${f.type}>${f.required ? ' -required-' : ''}\n` + wrap(f.description, '    ') + '\n';
    }
  }
  io.print(s);
}
