// Judging a scenario's checks against the final state of the simulation and what its commands printed.
// Checks read the store directly (not kubectl output), so a wrong printer cannot make a check pass.
import { resolveResource } from '../model/kinds';
import type { KObject } from '../model/types';
import type { Simulation } from '../sim/simulation';
import type { CommandRecord } from './run';
import type { CheckSpec, ScenarioCheck } from './scenario';

export interface CheckResult {
  readonly check: ScenarioCheck;
  /** 'skipped' for pending checks, which are still evaluated so a test can tell when one starts passing */
  readonly status: 'passed' | 'failed' | 'skipped';
  /** what was observed when it failed (or would have failed) */
  readonly detail?: string;
  /** for pending checks: whether the condition already holds */
  readonly wouldPass?: boolean;
}

export class PathError extends Error {}

/** `metadata.annotations["pv.kubernetes.io/bind-completed"]`, `spec.accessModes[0]` → segments */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /\.?([^.[\]]+)|\[(\d+)\]|\["([^"]*)"\]|\['([^']*)'\]/gy;
  let pos = 0;
  while (pos < path.length) {
    re.lastIndex = pos;
    const m = re.exec(path);
    if (!m || m.index !== pos) throw new PathError(`cannot parse path "${path}" at ${pos}`);
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (m[3] ?? m[4])));
    pos = re.lastIndex;
  }
  return out;
}

export function readPath(o: unknown, path: string | undefined): { found: boolean; value?: unknown } {
  if (!path) return { found: o !== undefined, value: o };
  let cur: unknown = o;
  for (const seg of parsePath(path)) {
    if (cur === null || typeof cur !== 'object') return { found: false };
    const next = (cur as Record<string | number, unknown>)[seg];
    if (next === undefined) return { found: false };
    cur = next;
  }
  return { found: true, value: cur };
}

export interface CheckInput {
  readonly sim: Simulation;
  /** the commands of each step, in order */
  readonly steps: readonly (readonly CommandRecord[])[];
  /** the namespace names without one resolve in (default "default") */
  readonly namespace?: string;
}

function kindOf(resource: string) {
  const k = resolveResource(resource);
  if (!k) throw new PathError(`the server doesn't have a resource type "${resource}"`);
  return k;
}

function findObject(input: CheckInput, resource: string, name: string, namespace?: string): KObject | undefined {
  const k = kindOf(resource);
  return input.sim.store.get(k.kind, k.namespaced ? (namespace ?? input.namespace ?? 'default') : undefined, name);
}

const show = (v: unknown) => (v === undefined ? '<absent>' : JSON.stringify(v));

function judge(spec: CheckSpec, input: CheckInput): { ok: boolean; detail: string } {
  switch (spec.type) {
    case 'get': {
      const o = findObject(input, spec.resource, spec.name, spec.namespace);
      const { found, value } = o ? readPath(o, spec.path) : { found: false, value: undefined };
      const what = `${spec.resource}/${spec.name}${spec.path ? ` ${spec.path}` : ''}`;
      if (!o && (spec.equals !== undefined || spec.matches !== undefined || spec.exists !== false))
        return { ok: spec.exists === false, detail: `${spec.resource}/${spec.name} not found` };
      if (spec.exists !== undefined && spec.equals === undefined && spec.matches === undefined)
        return { ok: found === spec.exists, detail: `${what} ${found ? 'exists' : 'does not exist'}` };
      if (spec.equals !== undefined) {
        const ok = found && JSON.stringify(value) === JSON.stringify(spec.equals);
        return { ok, detail: `${what} is ${show(value)}, expected ${show(spec.equals)}` };
      }
      const ok = found && typeof value === 'string' && new RegExp(spec.matches!).test(value);
      return { ok, detail: `${what} is ${show(value)}, expected to match /${spec.matches}/` };
    }
    case 'count': {
      const k = kindOf(spec.resource);
      const n = input.sim.store.list(k.kind, k.namespaced ? spec.namespace : undefined).length;
      return { ok: n === spec.equals, detail: `${n} × ${spec.resource}, expected ${spec.equals}` };
    }
    case 'event': {
      let on: { kind: string; name: string; namespace?: string } | undefined;
      if (spec.on) {
        const i = spec.on.indexOf('/');
        const k = kindOf(spec.on.slice(0, i));
        on = { kind: k.kind, name: spec.on.slice(i + 1), namespace: k.namespaced ? (spec.namespace ?? input.namespace ?? 'default') : undefined };
      }
      const hits = input.sim.eventLog.filter(
        (e) =>
          e.reason === spec.reason &&
          (!spec.eventType || e.type === spec.eventType) &&
          (!spec.messageContains || e.message.includes(spec.messageContains)) &&
          (!on || (e.involved.kind === on.kind && e.involved.name === on.name && (e.involved.namespace || undefined) === on.namespace)),
      );
      const want = spec.exists !== false;
      const seen = input.sim.eventLog
        .filter((e) => !on || (e.involved.kind === on.kind && e.involved.name === on.name))
        .map((e) => `${e.type} ${e.reason}: ${e.message}`);
      return {
        ok: want ? hits.length > 0 : hits.length === 0,
        detail: `${hits.length} matching event(s); events${spec.on ? ` of ${spec.on}` : ''}: ${seen.length ? seen.join(' | ') : '<none>'}`,
      };
    }
    case 'output': {
      const steps = spec.step ? [input.steps[spec.step - 1] ?? []] : input.steps;
      const text = steps.flat().map((r) => r[spec.stream]).join('');
      const has = text.includes(spec.contains);
      return { ok: spec.exists === false ? !has : has, detail: `${spec.stream} ${has ? 'contains' : 'lacks'} “${spec.contains}”` };
    }
    case 'assets': {
      const n = input.sim.backends.list().filter((a) => a.driver === spec.driver).length;
      return { ok: n === spec.live, detail: `${n} live asset(s) of ${spec.driver}, expected ${spec.live}` };
    }
  }
}

export function evaluateCheck(check: ScenarioCheck, input: CheckInput): CheckResult {
  let r: { ok: boolean; detail: string };
  try {
    r = judge(check.spec, input);
  } catch (e) {
    r = { ok: false, detail: e instanceof Error ? e.message : String(e) };
  }
  if (check.pending !== undefined) return { check, status: 'skipped', detail: r.detail, wouldPass: r.ok };
  return { check, status: r.ok ? 'passed' : 'failed', detail: r.ok ? undefined : r.detail };
}

export function evaluateChecks(checks: readonly ScenarioCheck[], input: CheckInput): CheckResult[] {
  return checks.map((c) => evaluateCheck(c, input));
}
