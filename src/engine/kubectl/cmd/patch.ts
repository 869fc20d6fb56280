// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] [--subresource status]:
// `persistentvolume/x patched` or `persistentvolume/x patched (no change)`.
import type { PatchType } from '../../store/patch';
import { ApiError } from '../../store/errors';
import { clientError } from '../errors';
import { goJsonSyntaxError } from '../gojson';
import { parseDoc } from '../yaml-errors';
import { flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { kindPrefix, parseOutput, printObjects } from '../output';
import { getObject, parseResourceArgs } from '../resources';
import { dryRunOf, dryRunSuffix, namespaceOf, settleNow } from './common';

const FLAGS: FlagSpec[] = [
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'type', type: 'string' },
  { name: 'subresource', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'local', type: 'bool' },
];

export function runPatch(io: Io, argv: readonly string[]): void {
  const p = parseFlags('patch', argv, FLAGS);
  let text = flagString(p, 'patch');
  const file = flagString(p, 'patch-file');
  if (text === undefined && file !== undefined) {
    text = io.ctx.files?.read(file);
    if (text === undefined) throw clientError(`unable to read patch file: open ${file}: no such file or directory`);
  }
  if (text === undefined || text === '') throw clientError('must specify --patch or --patch-file containing the contents of the patch');
  const type = (flagString(p, 'type') ?? 'strategic') as PatchType;
  if (!['json', 'merge', 'strategic'].includes(type)) throw clientError(`--type must be one of [json merge strategic], not "${type}"`);
  const sub = flagString(p, 'subresource');
  if (sub !== undefined && sub !== 'status') throw clientError(`invalid subresource value: "${sub}". Must be one of [status scale]`);
  // yaml.ToJSON: a patch that starts with `{` is sent as it is (the apiserver finds its syntax errors,
  // see below); anything else is YAML converted on the client, whose errors are kubectl's own
  let patch: unknown;
  let bodyError: ApiError | undefined;
  if (text.trimStart().startsWith('{')) {
    const syntax = goJsonSyntaxError(text);
    if (syntax === undefined) patch = JSON.parse(text);
    // strategicPatchObject and jsonpatch.DecodePatch return json.Unmarshal's error as a 400;
    // jsonpatch.MergePatch answers any syntax error with ErrBadJSONPatch
    else bodyError = new ApiError('BadRequest', type === 'merge' ? 'Invalid JSON Patch' : syntax);
  } else {
    const r = parseDoc(text);
    if (!r.ok) throw clientError(`unable to parse ${goQuote(text)}: yaml: ${r.message}`);
    patch = r.value;
  }
  if (!p.args.length) throw clientError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  const refs = parseResourceArgs(p.args);
  const dry = dryRunOf(p, io);
  const fmt = parseOutput(flagString(p, 'output'));
  const ns = namespaceOf(io.ctx, p);
  for (const ref of refs) {
    if (ref.name === undefined) throw clientError('resource(s) were provided, but no name was specified');
    try {
      const live = getObject(io.ctx.sim, ref.kind, ns, ref.name);
      if (bodyError) throw bodyError;
      const r = io.ctx.sim.store.patch(ref.kind.kind, live.metadata.namespace, ref.name, type, patch, {
        dryRun: dry !== 'none',
        subresource: sub === 'status' ? 'status' : undefined,
      });
      for (const w of r.warnings) io.warn(`Warning: ${w}\n`);
      if (dry === 'none') settleNow(io.ctx);
      const changed = dry === 'none' ? r.changed : r.obj !== live;
      if (fmt.t === 'table') io.print(`${kindPrefix(ref.kind.kind)}/${ref.name} patched${changed ? '' : ' (no change)'}${dryRunSuffix(dry)}\n`);
      else io.print(printObjects(fmt, [r.obj], true));
    } catch (e) {
      io.fail(e);
    }
  }
}

/** Go's %q (strconv.Quote) of the patch text as kubectl echoes it. */
function goQuote(s: string): string {
  const short: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const c of s) {
    const n = c.codePointAt(0)!;
    if (short[c]) out += short[c];
    else if (n < 0x20 || n === 0x7f) out += `\\x${n.toString(16).padStart(2, '0')}`;
    // not printable (unicode.IsPrint): C1 controls, line/paragraph separators, the BOM
    else if ((n >= 0x80 && n < 0xa0) || n === 0x2028 || n === 0x2029 || n === 0xfeff) out += `\\u${n.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out + '"';
}
