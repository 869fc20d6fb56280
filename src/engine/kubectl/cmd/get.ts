// kubectl get: tables (one per kind, `kind/name` names when several kinds are printed), -o wide|yaml|
// json|name|jsonpath|custom-columns, -l, --field-selector, -A, --show-labels, --no-headers, --sort-by,
// and `No resources found in default namespace.` on stderr.
import type { KObject } from '../../model/types';
import { Aggregate, clientError } from '../errors';
import { flagBool, flagString, flagStrings, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { kindPrefix, parseOutput, printObjects } from '../output';
import { renderTable, tableFor } from '../printers';
import { getObject, parseResourceArgs } from '../resources';
import { selectValues } from '../jsonpath';
import { readManifests } from '../files';
import { allNamespaces, namespaceOf, selectObjects } from './common';
import { isApiError } from '../../store/errors';

export const GET_FLAGS: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'sort-by', type: 'string' },
  { name: 'watch', short: 'w', type: 'bool' },
  { name: 'watch-only', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
  { name: 'label-columns', short: 'L', type: 'strings' },
  { name: 'chunk-size', type: 'int' },
  { name: 'show-managed-fields', type: 'bool' },
];

const MISSING_TYPE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n';

function sortBy(objects: KObject[], expr: string): KObject[] {
  const key = (o: KObject) => selectValues(expr, o)[0];
  return [...objects].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === undefined && y === undefined) return 0;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  });
}

export function runGet(io: Io, argv: readonly string[]): void {
  const ctx = io.ctx;
  const p = parseFlags('get', argv, GET_FLAGS);
  if (flagBool(p, 'watch') || flagBool(p, 'watch-only'))
    throw clientError('--watch is not available in this kubectl: the simulation advances in steps; use the timeline, or run the command again after `sim advance`');
  const fmt = parseOutput(flagString(p, 'output'));
  const ns = namespaceOf(ctx, p);
  const all = allNamespaces(p);
  const filenames = flagStrings(p, 'filename');
  const ignoreNotFound = flagBool(p, 'ignore-not-found');

  // Gather [kind, objects, requested-by-name] groups in request order.
  const groups: { kind: string; namespaced: boolean; objects: KObject[] }[] = [];
  const add = (kind: string, namespaced: boolean, o: KObject) => {
    let g = groups[groups.length - 1];
    if (!g || g.kind !== kind) groups.push((g = { kind, namespaced, objects: [] }));
    g.objects.push(o);
  };
  let single = false;
  const kindsRequested: { namespaced: boolean }[] = [];

  if (filenames.length) {
    const read = readManifests(ctx, filenames, flagBool(p, 'recursive'));
    // RunGet appends r.Infos()'s aggregate (reading and fetching errors) to allErrs and returns
    // NewAggregate(allErrs): nested, so even one error prints without the `error: ` prefix
    const infoErrors: unknown[] = [...read.errors];
    for (const d of read.docs) {
      kindsRequested.push({ namespaced: d.kind.namespaced });
      try {
        add(d.kind.kind, d.kind.namespaced, getObject(ctx.sim, d.kind, d.obj.metadata?.namespace || ns, d.obj.metadata?.name ?? ''));
      } catch (e) {
        if (!(ignoreNotFound && isApiError(e) && e.reason === 'NotFound')) infoErrors.push(e);
      }
    }
    if (infoErrors.length) io.fail(new Aggregate([new Aggregate(infoErrors)]));
    single = read.docs.length === 1;
  } else {
    if (p.args.length === 0) {
      io.err += MISSING_TYPE;
      io.code = 1;
      return;
    }
    const refs = parseResourceArgs(p.args);
    single = refs.length === 1 && refs[0].name !== undefined;
    for (const ref of refs) {
      kindsRequested.push({ namespaced: ref.kind.namespaced });
      if (ref.name !== undefined) {
        try {
          add(ref.kind.kind, ref.kind.namespaced, getObject(ctx.sim, ref.kind, ns, ref.name));
        } catch (e) {
          if (!(ignoreNotFound && isApiError(e) && e.reason === 'NotFound')) io.fail(e);
        }
      } else {
        const objs = selectObjects(ctx, ref.kind, all ? undefined : ns, p);
        if (!objs.length) groups.push({ kind: ref.kind.kind, namespaced: ref.kind.namespaced, objects: [] });
        for (const o of objs) add(ref.kind.kind, ref.kind.namespaced, o);
      }
    }
  }

  const sort = flagString(p, 'sort-by');
  if (sort) for (const g of groups) g.objects = sortBy(g.objects, sort);
  const objects = groups.flatMap((g) => g.objects);

  if (fmt.t !== 'table') {
    // printGeneric: a single named object, or everything as one List; never "No resources found".
    if (!(single && !objects.length)) io.print(printObjects(fmt, objects, single, flagBool(p, 'no-headers')));
    return;
  }

  const nonEmpty = groups.filter((g) => g.objects.length);
  // multipleGVKsRequested(infos): with the server printing Tables, each listed type is one info even when
  // empty (so `get pv,pvc` and `get all` prefix names), while a named object that was not found is none.
  const withKind = new Set(groups.map((g) => g.kind)).size > 1 || flagBool(p, 'show-kind');
  const labelCols = flagStrings(p, 'label-columns').flatMap((x) => x.split(','));
  let first = true;
  for (const g of nonEmpty) {
    const t = tableFor(g.kind, g.objects, { wide: fmt.wide, now: ctx.sim.now() });
    const r = {
      noHeaders: flagBool(p, 'no-headers'),
      withNamespace: all && g.namespaced,
      showLabels: flagBool(p, 'show-labels'),
      withKind: withKind ? kindPrefix(g.kind) : undefined,
    };
    // separatorWriterWrapper: a blank line between resource groups, unless --no-headers
    if (!first && !r.noHeaders) io.print('\n');
    first = false;
    io.print(renderTable(t, { ...r, labelColumns: labelCols }));
  }
  if (!objects.length && !io.errors.length) noResources(io, ns, all, kindsRequested);
}

function noResources(io: Io, ns: string, all: boolean, kinds: { namespaced: boolean }[]): void {
  const allNamespaced = !all && kinds.every((k) => k.namespaced);
  io.warn(allNamespaced ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
}

