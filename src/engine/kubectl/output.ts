// Machine output as kubectl prints it: -o yaml / json (keys sorted like Go's encoding of unstructured
// maps), -o name (`persistentvolume/x`), the List wrapper, -o jsonpath and -o custom-columns.
import { kindByName } from '../store/errors';
import type { KObject } from '../model/types';
import { goYaml } from './goyaml';
import { clientError } from './errors';
import { executeJsonpath, jsonpathValueText, selectValues } from './jsonpath';
import { GET_TABWRITER, tabwrite } from './tabwriter';

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function listOf(objects: readonly KObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

export function yamlText(v: unknown): string {
  return goYaml(sortKeys(v));
}

/** encoding/json's HTML-safe escaping, which kubectl's JSON output and annotations keep. */
export function goJsonEscape(json: string): string {
  return json.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function jsonText(v: unknown): string {
  return goJsonEscape(JSON.stringify(sortKeys(v), null, 4)) + '\n';
}

/** `persistentvolume`, `storageclass.storage.k8s.io`, `deployment.apps`: lower-cased GroupKind. */
export function kindPrefix(kind: string): string {
  const k = kindByName(kind);
  return (k?.group ? `${kind}.${k.group}` : kind).toLowerCase();
}

export function nameOf(o: KObject): string {
  return `${kindPrefix(o.kind)}/${o.metadata.name}`;
}

export type OutputFormat =
  | { t: 'table'; wide: boolean }
  | { t: 'yaml' }
  | { t: 'json' }
  | { t: 'name' }
  | { t: 'jsonpath'; template: string }
  | { t: 'custom-columns'; spec: string };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutput(o: string | undefined, allowed = ALLOWED): OutputFormat {
  if (o === undefined || o === '') return { t: 'table', wide: false };
  if (o === 'wide') return { t: 'table', wide: true };
  if (o === 'yaml') return { t: 'yaml' };
  if (o === 'json') return { t: 'json' };
  if (o === 'name') return { t: 'name' };
  if (o.startsWith('jsonpath=')) return { t: 'jsonpath', template: o.slice('jsonpath='.length) };
  if (o.startsWith('custom-columns=')) return { t: 'custom-columns', spec: o.slice('custom-columns='.length) };
  if (/^(go-template|template|go-template-file|templatefile|jsonpath-file|custom-columns-file|jsonpath-as-json)(=|$)/.test(o))
    throw clientError(`-o ${o.split('=')[0]} is not available in this kubectl; use -o jsonpath=… or -o custom-columns=…`);
  if (o === 'jsonpath' || o === 'custom-columns')
    throw clientError(o === 'jsonpath' ? 'template format specified but no template given' : 'custom-columns format specified but no custom columns given');
  throw clientError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed}`);
}

/** Output for -o yaml|json|name|jsonpath|custom-columns; `single` prints the object rather than a List. */
export function printObjects(fmt: OutputFormat, objects: readonly KObject[], single: boolean, noHeaders = false): string {
  switch (fmt.t) {
    case 'yaml':
      return single && objects.length === 1 ? yamlText(objects[0]) : yamlText(listOf(objects));
    case 'json':
      return single && objects.length === 1 ? jsonText(objects[0]) : jsonText(listOf(objects));
    case 'name':
      return objects.map((o) => nameOf(o) + '\n').join('');
    case 'jsonpath': {
      const data = single && objects.length === 1 ? objects[0] : listOf(objects);
      return executeJsonpath(fmt.template, data);
    }
    case 'custom-columns':
      return customColumns(fmt.spec, objects, noHeaders);
    case 'table':
      return '';
  }
}

export function customColumns(spec: string, objects: readonly KObject[], noHeaders = false): string {
  const cols = spec.split(',').map((c) => {
    const i = c.indexOf(':');
    if (i < 0) throw clientError(`unexpected custom-columns spec: ${c}, expected <header>:<json-path-expr>`);
    return { header: c.slice(0, i), path: c.slice(i + 1) };
  });
  const lines = noHeaders ? [] : [cols.map((c) => c.header).join('\t')];
  for (const o of objects) {
    lines.push(
      cols
        .map((c) => {
          const vals = selectValues(c.path, o);
          return vals.length ? vals.map(jsonpathValueText).join(',') : '<none>';
        })
        .join('\t'),
    );
  }
  return lines.length ? tabwrite(lines.join('\n') + '\n', GET_TABWRITER) : '';
}
