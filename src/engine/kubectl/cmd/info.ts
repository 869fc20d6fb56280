// kubectl version and api-resources (explain lives in ../explain).
import { KINDS, apiVersionOf } from '../../model/kinds';
import { clientError } from '../errors';
import { flagBool, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { GET_TABWRITER, tabwrite } from '../tabwriter';

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
