// kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json] [--subresource status]:
// `persistentvolume/x patched` or `persistentvolume/x patched (no change)`.
import { parse as parseYaml } from 'yaml';
import type { PatchType } from '../../store/patch';
import { clientError } from '../errors';
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
  let patch: unknown;
  try {
    patch = parseYaml(text, { version: '1.1' });
  } catch (e) {
    throw clientError(`unable to parse "${text}": yaml: ${(e as Error).message.split('\n')[0]}`);
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
