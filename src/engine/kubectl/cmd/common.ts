// Helpers shared by the verbs: the namespace in effect, selectors, and the write-then-drain rule.
import type { KindInfo } from '../../model/kinds';
import type { KObject } from '../../model/types';
import { flagBool, flagString, type ParsedFlags } from '../flags';
import { listObjects } from '../resources';
import { matchFields, matchLabels, parseFieldSelector, parseLabelSelector } from '../selectors';
import type { KubectlContext } from '../types';
import { ApiError, isApiError } from '../../store/errors';
import { clientError } from '../errors';

export function namespaceOf(ctx: KubectlContext, p: ParsedFlags): string {
  return flagString(p, 'namespace') || ctx.namespace || 'default';
}

/** LIST with -l / --field-selector applied; undefined namespace = all namespaces. */
export function selectObjects(ctx: KubectlContext, kind: KindInfo, ns: string | undefined, p: ParsedFlags): KObject[] {
  const ls = flagString(p, 'selector');
  const fs = flagString(p, 'field-selector');
  let lsel;
  let fsel;
  try {
    // the apiserver parses both selectors; a bad one is a BadRequest for the LIST
    lsel = ls ? parseLabelSelector(ls) : undefined;
    fsel = fs ? parseFieldSelector(kind.kind, fs) : undefined;
  } catch (e) {
    // resource.EnhanceListError: the client names the list it could not get
    if (!isApiError(e)) throw e;
    const gv = kind.group ? `${kind.group}/${kind.version}` : `/${kind.version}`;
    throw new ApiError(e.reason, `Unable to find "${gv}, Resource=${kind.plural}" that match label selector "${ls ?? ''}", field selector "${fs ?? ''}": ${e.message}`, e.details);
  }
  return listObjects(ctx.sim, kind, ns).filter(
    (o) => (!lsel || matchLabels(lsel, o.metadata.labels)) && (!fsel || matchFields(fsel, o)),
  );
}

export function allNamespaces(p: ParsedFlags): boolean {
  return flagBool(p, 'all-namespaces');
}

/** Controllers react at the same virtual instant as the write, as a real cluster's would within ms. */
export function settleNow(ctx: KubectlContext): void {
  ctx.sim.drain();
}

export type DryRun = 'none' | 'client' | 'server';

/** cmdutil.GetDryRunStrategy: a bare --dry-run means client (with a deprecation warning). */
export function dryRunOf(p: ParsedFlags, io?: { warn(s: string): void }): DryRun {
  const v = p.values.get('dry-run');
  if (v === undefined || v === 'none') return 'none';
  if (v === 'unchanged') {
    io?.warn('--dry-run is deprecated and can be replaced with --dry-run=client.\n');
    return 'client';
  }
  if (v === 'client') return 'client';
  if (v === 'server') return 'server';
  throw clientError(`Invalid dry-run value (${String(v)}). Must be "none", "server", or "client".`);
}

export function dryRunSuffix(d: DryRun): string {
  return d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '';
}
