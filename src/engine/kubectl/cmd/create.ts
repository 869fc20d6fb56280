// kubectl create -f, create namespace|configmap|secret generic NAME --from-literal/--from-file.
import type { KObject } from '../../model/types';
import { isApiError } from '../../store/errors';
import { Aggregate, KubectlError, clientError, usageError } from '../errors';
import { flagBool, flagString, flagStrings, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { readManifests, validationOf, type SourceDoc } from '../files';
import { kindPrefix, parseOutput, printObjects } from '../output';
import { LAST_APPLIED, lastAppliedOf, placeDoc, withSource } from './apply';
import { dryRunOf, dryRunSuffix, namespaceOf, settleNow } from './common';

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'save-config', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'from-literal', type: 'strings' },
  { name: 'from-file', type: 'strings' },
  { name: 'from-env-file', type: 'strings' },
  { name: 'type', type: 'string' },
  { name: 'kustomize', short: 'k', type: 'string' },
];

function utf8Base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function dataFrom(io: Io, p: ReturnType<typeof parseFlags>): Record<string, string> {
  const data: Record<string, string> = {};
  for (const lit of flagStrings(p, 'from-literal')) {
    const i = lit.indexOf('=');
    if (i <= 0) throw clientError(`invalid literal source ${lit}, expected key=value`);
    data[lit.slice(0, i)] = lit.slice(i + 1);
  }
  for (const f of flagStrings(p, 'from-file')) {
    const i = f.indexOf('=');
    const key = i > 0 ? f.slice(0, i) : f.split('/').pop()!;
    const path = i > 0 ? f.slice(i + 1) : f;
    const text = io.ctx.files?.read(io.ctx.cwd && !path.startsWith('/') ? `${io.ctx.cwd}/${path}` : path);
    if (text === undefined) throw clientError(`error reading ${path}: no such file or directory`);
    data[key] = text;
  }
  return data;
}

function createObject(io: Io, obj: KObject, p: ReturnType<typeof parseFlags>, doc?: SourceDoc): void {
  const dry = dryRunOf(p, io);
  const fmt = parseOutput(flagString(p, 'output'));
  const source = doc?.source;
  let created = obj;
  if (dry !== 'client') {
    try {
      // the apiserver refuses to decode the body (400 BadRequest)
      if (doc?.decodeError) throw doc.decodeError;
      for (const w of doc?.warnings ?? []) io.warn(`Warning: ${w}\n`);
      const r = io.ctx.sim.store.create(obj, { dryRun: dry === 'server' });
      for (const w of r.warnings) io.warn(`Warning: ${w}\n`);
      created = r.obj;
    } catch (e) {
      throw source ? withSource(e, 'creating', source) : e;
    }
    if (dry === 'none') settleNow(io.ctx);
  }
  if (fmt.t === 'table') io.print(`${kindPrefix(obj.kind)}/${created.metadata.name} created${dryRunSuffix(dry)}\n`);
  else io.print(printObjects(fmt, [created], true));
}

export function runCreate(io: Io, argv: readonly string[]): void {
  const sub = argv[0] && !argv[0].startsWith('-') ? argv[0] : undefined;
  if (sub === 'namespace' || sub === 'ns' || sub === 'configmap' || sub === 'cm' || sub === 'secret') {
    let rest = argv.slice(1);
    let path = `create ${sub === 'ns' ? 'namespace' : sub === 'cm' ? 'configmap' : sub}`;
    if (sub === 'secret') {
      if (rest[0] !== 'generic') throw clientError(`only "kubectl create secret generic" is available in this kubectl`);
      rest = rest.slice(1);
      path = 'create secret generic';
    }
    const p = parseFlags(path, rest, FLAGS);
    if (p.args.length !== 1) throw usageError(path, `exactly one NAME is required, got ${p.args.length}`);
    const name = p.args[0];
    const ns = namespaceOf(io.ctx, p);
    let obj: KObject;
    if (path === 'create namespace') obj = { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} };
    else if (path === 'create configmap') obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data: dataFrom(io, p) };
    else {
      const data = Object.fromEntries(Object.entries(dataFrom(io, p)).map(([k, v]) => [k, utf8Base64(v)]));
      obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, type: flagString(p, 'type') || 'Opaque', data };
    }
    createObject(io, obj, p);
    return;
  }
  const p = parseFlags('create', argv, FLAGS);
  const files = flagStrings(p, 'filename');
  if (!files.length) {
    if (p.args.length) throw usageError('create', `Unexpected args: [${p.args.join(' ')}]`);
    throw clientError('must specify one of -f and -k');
  }
  const read = readManifests(io.ctx, files, flagBool(p, 'recursive'), { validation: validationOf(flagString(p, 'validate')) });
  if (!read.docs.length && !read.errors.length) throw clientError('no objects passed to create');
  for (const d of read.docs) {
    try {
      const obj = placeDoc(io, d, flagString(p, 'namespace'));
      if (flagBool(p, 'save-config'))
        obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [LAST_APPLIED]: lastAppliedOf(obj) };
      createObject(io, obj, p, d);
    } catch (e) {
      if (e instanceof KubectlError || isApiError(e)) io.fail(e);
      else throw e;
    }
  }
  // RunCreate visits with ContinueOnError: the errors of creating come in order, the reading errors
  // (collected by the file visitors) as one aggregate after them
  if (read.errors.length) io.fail(new Aggregate(read.errors));
}
