// kubectl taint NODE... KEY[=VALUE]:EFFECT... | KEY[:EFFECT]- (k8s.io/kubectl/pkg/cmd/taint): the argument
// split, parseTaints/parseTaint with their validation texts, the --overwrite check, reorganizeTaints'
// operation (tainted / untainted / modified) and "taint %q not found" for removals that match nothing.
import type { KObject } from '../../model/types';
import { labelValue, qualifiedName } from '../../store/meta-validation';
import { KubectlError, clientError, usageError } from '../errors';
import { flagBool, flagString, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { getObject, listObjects } from '../resources';
import { resolveResource } from '../../model/kinds';
import { arr, rec, str } from '../printers/helpers';
import { matchLabels, parseLabelSelector } from '../selectors';
import { dryRunOf, settleNow } from './common';

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'all', type: 'bool' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'validate', type: 'string', noOptDefault: 'true' },
  { name: 'field-manager', type: 'string' },
];

interface Taint {
  key: string;
  value?: string;
  effect?: string;
  timeAdded?: string;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** corev1.Taint.ToString */
function taintString(t: Taint): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}

/** parseTaint: `<key>=<value>:<effect>`, `<key>:<effect>` or `<key>`. */
function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = labelValue(value);
      if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const errs = qualifiedName(key);
  if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, value, effect };
}

/** parseTaints: removals end with `-`; an addition needs an effect and is unique by key and effect. */
function parseTaints(specs: readonly string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  for (const s of specs) {
    if (s.endsWith('-')) {
      const t = parseTaint(s.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(s);
    if (!t.effect) throw new Error(`invalid taint spec: ${s}`);
    // Go prints the struct with %v: {Key Value Effect TimeAdded}
    if (add.some((x) => x.key === t.key && x.effect === t.effect))
      throw new Error(`duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`);
    add.push(t);
  }
  return { add, remove };
}

const match = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

/** reorganizeTaints with addTaints/deleteTaints, including the quirk that only the last removal decides `deleted`. */
function reorganize(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { op: string; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => match(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (r.effect ? !match(r, t) : t.key !== r.key));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const op = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { op, taints, errors };
}

/** The taint as the API stores it: empty value and effect are omitted (omitempty). */
function wire(t: Taint): Record<string, string> {
  const o: Record<string, string> = { key: t.key };
  if (t.value) o.value = t.value;
  if (t.effect) o.effect = t.effect;
  if (t.timeAdded) o.timeAdded = t.timeAdded;
  return o;
}

export function runTaint(io: Io, argv: readonly string[]): void {
  const p = parseFlags('taint', argv, FLAGS);
  const dry = dryRunOf(p, io);
  // Complete: resources first, then taint changes (anything with '=' or ':' or a trailing '-')
  const resources: string[] = [];
  const taintArgs: string[] = [];
  for (const s of p.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) taintArgs.push(s);
    else if (taintArgs.length) throw clientError(`all resources must be specified before taint changes: ${s}`);
    else resources.push(s);
  }
  if (!resources.length) throw clientError('one or more resources must be specified as <resource> <name>');
  if (!taintArgs.length) throw clientError('at least one taint update is required');
  let parsed: { add: Taint[]; remove: Taint[] };
  try {
    parsed = parseTaints(taintArgs);
  } catch (e) {
    throw usageError('taint', (e as Error).message);
  }
  // Validate: the type must map to Node
  const type = resources[0].toLowerCase();
  // SplitAndParseResourceRequest: what follows the first '.' is a field path; an unknown type is the
  // mapper's NoResourceMatchError, which CheckErr prints without `error: `
  const kind = resolveResource(type.split('.')[0]);
  if (!kind) throw new KubectlError(`the server doesn't have a resource type "${type.split('.')[0]}"\n`);
  if (kind.kind !== 'Node') throw clientError(`invalid resource type ${type}, only node types are supported`);
  const conflicts: string[] = [];
  for (const a of parsed.add)
    for (const r of parsed.remove)
      if (a.key === r.key && (!r.effect || a.effect === r.effect)) conflicts.push(`${r.key}=${r.effect ?? ''}`); // kubectl 1.32 prints key=effect
  if (conflicts.length)
    throw clientError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  const all = flagBool(p, 'all');
  const selector = flagString(p, 'selector') ?? '';
  if (all && selector) throw clientError("setting 'all' parameter with a non empty selector is prohibited");
  if (!all && !selector && resources.length < 2)
    throw clientError("at least one resource name must be specified since 'all' parameter is not set");

  // RunTaint: the builder's nodes (names, or every node / the selected ones), visited with ContinueOnError
  // (a missing name is reported in its place among the others, as the visitor meets it)
  const overwrite = flagBool(p, 'overwrite');
  const sel = selector ? parseLabelSelector(selector) : undefined;
  const targets: string[] =
    all || selector
      ? listObjects(io.ctx.sim, kind, undefined).filter((n) => !sel || matchLabels(sel, n.metadata.labels)).map((n) => n.metadata.name)
      : resources.slice(1);
  for (const name of targets) {
    let node: KObject;
    try {
      node = getObject(io.ctx.sim, kind, '', name);
    } catch (e) {
      io.fail(e);
      continue;
    }
    const old: Taint[] = arr(rec(node.spec).taints).map((t) => {
      const r = rec(t);
      return { key: str(r.key), value: str(r.value), effect: str(r.effect), timeAdded: r.timeAdded ? str(r.timeAdded) : undefined };
    });
    if (!overwrite) {
      // checkIfTaintsAlreadyExists lists a key once per matching old taint
      const list = parsed.add.flatMap((t) => old.filter((o) => o.key === t.key && o.effect === t.effect).map(() => t.key));
      if (list.length) {
        io.fail(clientError(`node ${node.metadata.name} already has ${list.join(',')} taint(s) with same effect(s) and --overwrite is false`));
        continue;
      }
    }
    const r = reorganize(old, overwrite, parsed.add, parsed.remove);
    if (r.errors.length) {
      // an Aggregate: CheckErr prints one as `error: …`, several one per line without the prefix
      for (const e of r.errors) io.fail(clientError(e));
      continue;
    }
    try {
      if (dry !== 'client')
        io.ctx.sim.store.patch('Node', undefined, node.metadata.name, 'merge', { spec: { taints: r.taints.length ? r.taints.map(wire) : null } }, { dryRun: dry === 'server' });
      if (dry === 'none') settleNow(io.ctx);
      // ToPrinter(operation) replaces the operation PrintFlagsWithDryRunStrategy set: no "(dry run)"
      io.print(`node/${node.metadata.name} ${r.op}\n`);
    } catch (e) {
      io.fail(e);
    }
  }
}
