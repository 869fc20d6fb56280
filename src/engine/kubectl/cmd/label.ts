// kubectl label / annotate TYPE NAME k=v k2- [--overwrite] [--all] [-l]:
// `persistentvolume/x labeled`, `… not labeled` when nothing changes, and kubectl's client-side checks.
import { clientError } from '../errors';
import { flagBool, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { kindPrefix } from '../output';
import { getObject, parseResourceArgs } from '../resources';
import { allNamespaces, dryRunOf, dryRunSuffix, namespaceOf, selectObjects, settleNow } from './common';
import type { KObject } from '../../model/types';
import type { KindInfo } from '../../model/kinds';

const FLAGS: FlagSpec[] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'resource-version', type: 'string' },
  { name: 'list', type: 'bool' },
  { name: 'local', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
];

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export function runLabel(io: Io, argv: readonly string[], verb: 'label' | 'annotate'): void {
  const p = parseFlags(verb, argv, FLAGS);
  const noun = verb === 'label' ? 'label' : 'annotation';
  const field = verb === 'label' ? 'labels' : 'annotations';
  const past = verb === 'label' ? 'labeled' : 'annotated';
  // The first argument that looks like key=value or key- starts the updates.
  const idx = p.args.findIndex((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/') && p.args.indexOf(a) > 0));
  const resArgs = idx < 0 ? p.args : p.args.slice(0, idx);
  const updates = idx < 0 ? [] : p.args.slice(idx);
  if (!resArgs.length) throw clientError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!updates.length) throw clientError(`at least one ${noun} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const u of updates) {
    if (u.endsWith('-') && !u.includes('=')) {
      remove.push(u.slice(0, -1));
      continue;
    }
    const i = u.indexOf('=');
    if (i <= 0) throw clientError(`invalid ${noun} format: ${u}`);
    const v = u.slice(i + 1);
    if (verb === 'label' && !LABEL_VALUE.test(v))
      throw clientError(
        `invalid label value: "${u}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
      );
    set[u.slice(0, i)] = v;
  }
  const ns = namespaceOf(io.ctx, p);
  const dry = dryRunOf(p, io);
  const targets: { kind: KindInfo; obj: KObject }[] = [];
  for (const ref of parseResourceArgs(resArgs)) {
    if (ref.name === undefined) {
      if (!flagBool(p, 'all') && !flagString(p, 'selector')) throw clientError('resource(s) were provided, but no name was specified');
      for (const o of selectObjects(io.ctx, ref.kind, allNamespaces(p) ? undefined : ns, p)) targets.push({ kind: ref.kind, obj: o });
      continue;
    }
    try {
      targets.push({ kind: ref.kind, obj: getObject(io.ctx.sim, ref.kind, ns, ref.name) });
    } catch (e) {
      io.fail(e);
    }
  }
  for (const t of targets) {
    const cur = (t.obj.metadata[field] ?? {}) as Record<string, string>;
    const conflict = flagBool(p, 'overwrite') ? undefined : Object.entries(set).find(([k, v]) => k in cur && cur[k] !== v);
    if (conflict) {
      // label.go and annotate.go word this differently
      io.fail(
        clientError(
          verb === 'label'
            ? `'${conflict[0]}' already has a value (${cur[conflict[0]]}), and --overwrite is false`
            : `--overwrite is false but found the following declared annotation(s): '${conflict[0]}' already has a value (${cur[conflict[0]]})`,
        ),
      );
      continue;
    }
    const patchMap: Record<string, string | null> = { ...set };
    for (const k of remove) patchMap[k] = null;
    const changed = Object.entries(set).some(([k, v]) => cur[k] !== v) || remove.some((k) => k in cur);
    // label reports a missing key on stdout and `not labeled`; annotate says `annotated` regardless
    if (verb === 'label') for (const k of remove) if (!(k in cur)) io.print(`${noun} "${k}" not found.\n`);
    try {
      if (changed && dry !== 'client')
        io.ctx.sim.store.patch(t.kind.kind, t.obj.metadata.namespace, t.obj.metadata.name, 'merge', { metadata: { [field]: patchMap } }, { dryRun: dry === 'server' });
      if (dry === 'none') settleNow(io.ctx);
      io.print(`${kindPrefix(t.kind.kind)}/${t.obj.metadata.name} ${changed || verb === 'annotate' ? past : `not ${past}`}${dryRunSuffix(dry)}\n`);
    } catch (e) {
      io.fail(e);
    }
  }
}
