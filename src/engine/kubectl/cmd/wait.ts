// kubectl wait --for=condition=X[=value] | --for=jsonpath='{…}'[=value] | --for=delete | --for=create,
// advancing virtual time (default --timeout 30s) and printing `persistentvolumeclaim/x condition met`.
import type { KindInfo } from '../../model/kinds';
import type { KObject } from '../../model/types';
import { parseDuration } from '../../clock/clock';
import { notFound } from '../../store/errors';
import { clientError } from '../errors';
import { flagString, flagStrings, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { kindPrefix } from '../output';
import { parseResourceArgs } from '../resources';
import { jsonpathValueText, selectValues } from '../jsonpath';
import { allNamespaces, namespaceOf, selectObjects } from './common';
import { NO_RESOURCES_MSG } from './delete';
import { arr, rec, str } from '../printers/helpers';

const FLAGS: FlagSpec[] = [
  { name: 'for', type: 'string' },
  { name: 'timeout', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'local', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

type Cond =
  | { t: 'condition'; type: string; value: string }
  | { t: 'jsonpath'; expr: string; value?: string }
  | { t: 'delete' }
  | { t: 'create' };

function parseFor(s: string): Cond {
  const lower = s.toLowerCase();
  if (lower === 'delete') return { t: 'delete' };
  if (lower === 'create') return { t: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = s.slice('condition='.length);
    const i = rest.indexOf('=');
    return i >= 0 ? { t: 'condition', type: rest.slice(0, i), value: rest.slice(i + 1) } : { t: 'condition', type: rest, value: 'true' };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = s.slice('jsonpath='.length);
    // the expression ends at the closing brace; `=value` may follow
    const close = rest.lastIndexOf('}');
    const expr = close >= 0 ? rest.slice(0, close + 1) : rest;
    const tail = close >= 0 ? rest.slice(close + 1) : '';
    if (!expr.startsWith('{') && !expr.startsWith('.')) throw clientError(`unrecognized condition: "${s}"`);
    if (tail && !tail.startsWith('=')) throw clientError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
    return { t: 'jsonpath', expr, value: tail ? tail.slice(1) : undefined };
  }
  throw clientError(`unrecognized condition: "${s}"`);
}

function met(c: Cond, o: KObject | undefined): boolean {
  switch (c.t) {
    case 'delete':
      return o === undefined;
    case 'create':
      return o !== undefined;
    case 'condition': {
      if (!o) return false;
      const conds = arr(rec(o.status).conditions).map(rec);
      const found = conds.find((x) => str(x.type).toLowerCase() === c.type.toLowerCase());
      return !!found && str(found.status).toLowerCase() === c.value.toLowerCase();
    }
    case 'jsonpath': {
      if (!o) return false;
      const vals = selectValues(c.expr, o);
      if (c.value === undefined) return vals.length > 0;
      return vals.length === 1 && jsonpathValueText(vals[0]) === c.value;
    }
  }
}

const STEP_MS = 250;

export function runWait(io: Io, argv: readonly string[]): void {
  const ctx = io.ctx;
  const p = parseFlags('wait', argv, FLAGS);
  const cond = parseFor(flagString(p, 'for') ?? '');
  const tflag = flagString(p, 'timeout') ?? '30s';
  const timeout = tflag.startsWith('-') ? 7 * 24 * 3_600_000 : parseDuration(tflag);
  if (timeout === undefined) throw clientError(`invalid argument "${tflag}" for "--timeout" flag: time: invalid duration "${tflag}"`);
  if (!p.args.length && !flagStrings(p, 'filename').length) throw clientError(NO_RESOURCES_MSG);
  const ns = namespaceOf(ctx, p);
  const refs = parseResourceArgs(p.args);
  // Resolve the targets now: named objects (a missing one is NotFound unless waiting for delete/create)
  // and selections (-l, --all).
  const targets: { kind: KindInfo; ns: string | undefined; name: string; uid?: string }[] = [];
  for (const ref of refs) {
    if (ref.name === undefined) {
      for (const o of selectObjects(ctx, ref.kind, allNamespaces(p) ? undefined : ns, p))
        targets.push({ kind: ref.kind, ns: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid });
      continue;
    }
    const o = ctx.sim.store.get(ref.kind.kind, ref.kind.namespaced ? ns : undefined, ref.name);
    if (!o && cond.t !== 'delete' && cond.t !== 'create') {
      io.fail(notFound(ref.kind, ref.name));
      continue;
    }
    targets.push({ kind: ref.kind, ns: ref.kind.namespaced ? ns : undefined, name: ref.name, uid: o?.metadata.uid });
  }
  if (!targets.length && !io.errors.length) {
    if (cond.t === 'delete') return;
    throw clientError('no matching resources found');
  }
  const current = (t: (typeof targets)[number]) => {
    const o = ctx.sim.store.get(t.kind.kind, t.ns, t.name);
    if (cond.t === 'delete' && o && t.uid && o.metadata.uid !== t.uid) return undefined;
    return o;
  };
  const deadline = ctx.sim.now() + timeout;
  for (const t of targets) {
    // --for=delete of an object that is already gone succeeds silently
    if (cond.t === 'delete' && !t.uid) continue;
    while (!met(cond, current(t)) && ctx.sim.now() < deadline) ctx.sim.advance(Math.min(STEP_MS, deadline - ctx.sim.now()));
    if (met(cond, current(t))) io.print(`${kindPrefix(t.kind.kind)}/${t.name} condition met\n`);
    // --timeout=0 checks once (wait.go: "condition not met for …")
    else if (timeout === 0) io.fail(clientError(`condition not met for ${t.kind.plural}/${t.name}`));
    // --for=create times out without naming the object (it has no resource info yet)
    else if (cond.t === 'create') io.fail(clientError('timed out waiting for the condition'));
    else io.fail(clientError(`timed out waiting for the condition on ${t.kind.plural}/${t.name}`));
  }
}
