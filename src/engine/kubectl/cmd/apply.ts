// kubectl apply -f: create with the last-applied-configuration annotation, or a three-way strategic merge
// patch of last-applied / file / live; `created`, `configured`, `unchanged`, dry runs, and kubectl's
// per-document errors (`error when creating "pv.yaml": …`) while the other documents still apply.
import type { KObject } from '../../model/types';
import { ApiError, isApiError, qualifiedResource } from '../../store/errors';
import { apiVersionOf } from '../../model/kinds';
import { Aggregate, KubectlError, clientError } from '../errors';
import { flagBool, flagString, flagStrings, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { readManifests, validationOf, type SourceDoc } from '../files';
import { goJsonEscape, kindPrefix, parseOutput, printObjects } from '../output';
import { threeWayPatch } from '../apply-patch';
import { dryRunOf, dryRunSuffix, settleNow, type DryRun } from './common';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'dry-run', type: 'string', noOptDefault: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'server-side', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'validate', type: 'string' },
  { name: 'overwrite', type: 'bool' },
  { name: 'kustomize', short: 'k', type: 'string' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-manager', type: 'string' },
  { name: 'wait', type: 'bool' },
];

/** The JSON kubectl stores in last-applied-configuration: the file's object, keys sorted, newline-terminated. */
export function lastAppliedOf(obj: KObject): string {
  const copy = structuredClone(obj) as KObject;
  // GetModifiedConfiguration sets the annotations map (empty when the file has none) before serializing.
  const ann = { ...(copy.metadata.annotations ?? {}) };
  delete ann[LAST_APPLIED];
  copy.metadata.annotations = ann;
  return goJsonEscape(JSON.stringify(sortDeep(copy))) + '\n';
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) out[k] = sortDeep((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

/** Namespace a document lands in; a conflicting -n is kubectl's client-side error. */
export function placeDoc(io: Io, d: SourceDoc, flagNs: string | undefined): KObject {
  const obj = d.obj;
  obj.metadata = { ...(obj.metadata ?? {}) } as KObject['metadata'];
  const fileNs = obj.metadata.namespace;
  if (!d.kind.namespaced) {
    delete obj.metadata.namespace;
    return obj;
  }
  if (fileNs && flagNs && fileNs !== flagNs)
    throw clientError(
      `the namespace from the provided object "${fileNs}" does not match the namespace "${flagNs}". You must pass '--namespace=${fileNs}' to perform this operation.`,
    );
  obj.metadata.namespace = fileNs || flagNs || io.ctx.namespace || 'default';
  return obj;
}

export function withSource(e: unknown, verb: string, source: string): unknown {
  if (!isApiError(e)) return e;
  return new ApiError(e.reason, `error when ${verb} "${source}": ${e.message}`, e.details);
}

function applyOne(io: Io, d: SourceDoc, dry: DryRun, flagNs: string | undefined, out: KObject[]): string {
  const sim = io.ctx.sim;
  const obj = placeDoc(io, d, flagNs);
  const ns = obj.metadata.namespace;
  const name = obj.metadata.name;
  if (!name && !obj.metadata.generateName) throw clientError(`error when retrieving current configuration of:\nResource: "${d.kind.group ? d.kind.group + '/' : '/'}${d.kind.version}, Resource=${d.kind.plural}", GroupVersionKind: "${d.kind.group ? d.kind.group + '/' : '/'}${d.kind.version}, Kind=${d.kind.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${d.source}": resource name may not be empty`);
  if (!name) throw clientError(`from ${obj.metadata.generateName}: cannot use generate name with apply`);
  const applied = lastAppliedOf(obj);
  const live = sim.store.get(d.kind.kind, ns, name);
  const prefix = `${kindPrefix(d.kind.kind)}/${name}`;
  if (!live) {
    const toCreate = structuredClone(obj);
    // the apiserver refuses to decode the body (400): kubectl's client dry run never sends it
    if (d.decodeError && dry !== 'client') throw withSource(d.decodeError, 'creating', d.source);
    toCreate.metadata.annotations = { ...(toCreate.metadata.annotations ?? {}), [LAST_APPLIED]: applied };
    if (dry === 'client') {
      out.push(toCreate);
      return `${prefix} created${dryRunSuffix(dry)}\n`;
    }
    try {
      for (const w of d.warnings ?? []) io.warn(`Warning: ${w}\n`);
      const r = sim.store.create(toCreate, { dryRun: dry === 'server' });
      for (const w of r.warnings) io.warn(`Warning: ${w}\n`);
      out.push(r.obj);
    } catch (e) {
      throw withSource(e, 'creating', d.source);
    }
    if (dry === 'none') settleNow(io.ctx);
    return `${prefix} created${dryRunSuffix(dry)}\n`;
  }
  const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
  if (lastApplied === undefined)
    io.warn(
      `Warning: resource ${qualifiedResource(d.kind)}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
    );
  let original: unknown = {};
  try {
    original = lastApplied ? JSON.parse(lastApplied) : {};
  } catch {
    original = {};
  }
  const modified = structuredClone(obj) as KObject;
  modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}), [LAST_APPLIED]: applied };
  const patch = threeWayPatch(original, modified, live);
  if (patch === undefined) {
    out.push(live);
    return `${prefix} unchanged${dry === 'none' ? '' : dryRunSuffix(dry)}\n`;
  }
  try {
    if (d.decodeError && dry !== 'client') throw d.decodeError;
    if (dry !== 'client') for (const w of d.warnings ?? []) io.warn(`Warning: ${w}\n`);
    const r = sim.store.patch(d.kind.kind, ns, name, 'strategic', patch, { dryRun: dry !== 'none' });
    for (const w of r.warnings) io.warn(`Warning: ${w}\n`);
    out.push(r.obj);
    if (dry === 'none') settleNow(io.ctx);
    // kubectl says `configured` whenever it sent a non-empty patch, even if the server then changed nothing
    // (an atomic list such as volumeClaimTemplates differs from its defaulted live copy on every apply).
    return `${prefix} configured${dryRunSuffix(dry)}\n`;
  } catch (e) {
    if (!isApiError(e)) throw e;
    const gv = apiVersionOf(d.kind).includes('/') ? apiVersionOf(d.kind) : `/${apiVersionOf(d.kind)}`;
    const msg =
      `error when applying patch:\n${JSON.stringify(sortDeep(patch))}\nto:\n` +
      `Resource: "${gv}, Resource=${d.kind.plural}", GroupVersionKind: "${gv}, Kind=${d.kind.kind}"\n` +
      `Name: "${name}", Namespace: "${ns ?? ''}"\nfor: "${d.source}": error when patching "${d.source}": ${e.message}`;
    throw new ApiError(e.reason, msg, e.details);
  }
}

export function runApply(io: Io, argv: readonly string[]): void {
  const p = parseFlags('apply', argv, FLAGS);
  if (flagString(p, 'kustomize')) throw clientError('kustomize directories are not available in this kubectl; pass the manifests with -f');
  if (flagBool(p, 'server-side')) throw clientError('--server-side apply is not available in this kubectl; use client-side apply (the default)');
  const files = flagStrings(p, 'filename');
  if (!files.length) throw clientError('must specify one of -f and -k');
  const dry = dryRunOf(p, io);
  const fmt = parseOutput(flagString(p, 'output'));
  const read = readManifests(io.ctx, files, flagBool(p, 'recursive'), { validation: validationOf(flagString(p, 'validate')) });
  if (!read.docs.length && !read.errors.length) throw clientError('no objects passed to apply');
  // ApplyOptions.Run: the reading errors are one aggregate (GetObjects → r.Infos()), reported before
  // the errors of applying; every document that was read is still applied.
  if (read.errors.length) io.fail(new Aggregate(read.errors));
  const objects: KObject[] = [];
  for (const d of read.docs) {
    try {
      const line = applyOne(io, d, dry, flagString(p, 'namespace'), objects);
      if (fmt.t === 'table') io.print(line);
      else if (fmt.t === 'name') io.print(`${kindPrefix(d.kind.kind)}/${d.obj.metadata.name}\n`);
    } catch (e) {
      if (e instanceof KubectlError || isApiError(e)) io.fail(e);
      else throw e;
    }
  }
  if (fmt.t !== 'table' && fmt.t !== 'name') io.print(printObjects(fmt, objects, objects.length === 1));
}
