// kubectl describe: TYPE NAME, TYPE/NAME, TYPE (all, or -l), name-prefix matching, objects separated by
// two blank lines; dedicated describers for the storage kinds, pods, nodes and workloads, the generic
// describer for the rest.
import type { KObject } from '../../model/types';
import type { Simulation } from '../../sim/simulation';
import { isApiError, notFound } from '../../store/errors';
import { clientError, Aggregate } from '../errors';
import { flagBool, flagStrings, parseFlags, type FlagSpec } from '../flags';
import type { Io } from '../io';
import { parseResourceArgs, getObject, listObjects } from '../resources';
import { readManifests } from '../files';
import { allNamespaces, namespaceOf, selectObjects } from './common';
import { describeGeneric } from '../describe/generic';
import { describeConfigMap, describeSecret, describeService, describeServiceAccount } from '../describe/config';
import { describePod } from '../describe/pod';
import { describeCSINode, describePersistentVolume, describePersistentVolumeClaim, describeStorageClass } from '../describe/storage';
import { describeDeployment, describeNamespace, describeNode, describeReplicaSet, describeStatefulSet } from '../describe/workloads';

const FLAGS: FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'show-events', type: 'bool' },
  { name: 'filename', short: 'f', type: 'strings' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'chunk-size', type: 'int' },
];

export function describeObject(sim: Simulation, o: KObject): string {
  switch (o.kind) {
    case 'PersistentVolume':
      return describePersistentVolume(sim, o);
    case 'PersistentVolumeClaim':
      return describePersistentVolumeClaim(sim, o);
    case 'StorageClass':
      return describeStorageClass(sim, o);
    case 'CSINode':
      return describeCSINode(sim, o);
    case 'Pod':
      return describePod(sim, o);
    case 'Node':
      return describeNode(sim, o);
    case 'Deployment':
      return describeDeployment(sim, o);
    case 'StatefulSet':
      return describeStatefulSet(sim, o);
    case 'ReplicaSet':
      return describeReplicaSet(sim, o);
    case 'Namespace':
      return describeNamespace(sim, o);
    case 'ConfigMap':
      return describeConfigMap(sim, o);
    case 'Secret':
      return describeSecret(o);
    case 'Service':
      return describeService(sim, o);
    case 'ServiceAccount':
      return describeServiceAccount(sim, o);
    default:
      return describeGeneric(sim, o);
  }
}

export function runDescribe(io: Io, argv: readonly string[]): void {
  const ctx = io.ctx;
  const p = parseFlags('describe', argv, FLAGS);
  const ns = namespaceOf(ctx, p);
  const all = allNamespaces(p);
  const objects: KObject[] = [];
  const files = flagStrings(p, 'filename');
  if (files.length) {
    const read = readManifests(ctx, files, flagBool(p, 'recursive'));
    // RunDescribe appends r.Infos()'s aggregate to allErrs and returns NewAggregate(allErrs): nested, so
    // even one reading error prints without the `error: ` prefix (kubectl 1.32)
    if (read.errors.length) io.fail(new Aggregate([new Aggregate(read.errors)]));
    for (const d of read.docs) {
      try {
        objects.push(getObject(ctx.sim, d.kind, d.obj.metadata?.namespace || ns, d.obj.metadata?.name ?? ''));
      } catch (e) {
        io.fail(e);
      }
    }
  } else {
    if (!p.args.length)
      throw clientError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    for (const ref of parseResourceArgs(p.args)) {
      if (ref.name === undefined) {
        const found = selectObjects(ctx, ref.kind, all ? undefined : ns, p);
        if (!found.length) {
          if (!io.errors.length) io.warn(all || !ref.kind.namespaced ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
          continue;
        }
        objects.push(...found);
        continue;
      }
      try {
        objects.push(getObject(ctx.sim, ref.kind, ns, ref.name));
      } catch (e) {
        // describe falls back to every object whose name starts with the argument.
        const prefixed = isApiError(e) ? listObjects(ctx.sim, ref.kind, ns).filter((o) => o.metadata.name.startsWith(ref.name!)) : [];
        if (prefixed.length) objects.push(...prefixed);
        else io.fail(isApiError(e) ? notFound(ref.kind, ref.name) : e);
      }
    }
  }
  objects.forEach((o, i) => io.print((i === 0 ? '' : '\n\n') + describeObject(ctx.sim, o)));
}
