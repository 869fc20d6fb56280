// Scenarios as data (scenarios/<id>/scenario.yaml): titles and narration in English and zh-CN, the
// cluster profile and seed, ordered steps of script lines, and checks on the final state. This module
// only reads and validates the YAML; run-scenario.ts executes it, checks.ts judges it.
import { parseDocument } from 'yaml';
import { parseScript, type ScriptLine } from './script';

export interface Localized {
  readonly en: string;
  readonly zh: string;
}

export interface ScenarioStep {
  readonly narration: Localized;
  /** the script lines as written */
  readonly run: readonly string[];
  readonly lines: readonly ScriptLine[];
}

/** What a check looks at; every check may carry `pending` (skipped, with the reason) and `why`. */
export type CheckSpec =
  /** a field of an object: `{get: pvc/nas-pvc, path: status.phase, equals: Bound}` */
  | {
      readonly type: 'get';
      readonly resource: string;
      readonly name: string;
      readonly namespace?: string;
      readonly path?: string;
      readonly equals?: unknown;
      readonly matches?: string;
      /** false: the object (or the path) must not exist */
      readonly exists?: boolean;
    }
  /** how many objects of a kind exist: `{count: pv, equals: 2}` */
  | { readonly type: 'count'; readonly resource: string; readonly namespace?: string; readonly equals: number }
  /** an event with this reason about an object: `{eventReason: FailedBinding, on: pvc/x}` */
  | {
      readonly type: 'event';
      readonly reason: string;
      readonly on?: string;
      readonly namespace?: string;
      readonly eventType?: 'Normal' | 'Warning';
      readonly messageContains?: string;
      /** false: no such event may exist */
      readonly exists?: boolean;
    }
  /** text in what the commands printed (all of them, or those of one step, 1-based) */
  | { readonly type: 'output'; readonly stream: 'stdout' | 'stderr'; readonly contains: string; readonly step?: number; readonly exists?: boolean }
  /** storage assets (disks, file systems) alive in the simulated cloud for a driver */
  | { readonly type: 'assets'; readonly driver: string; readonly live: number };

export interface ScenarioCheck {
  readonly spec: CheckSpec;
  /** human description for test names (defaults to a rendering of the spec) */
  readonly name: string;
  /** set when the engine cannot reach this yet; the test reports it as skipped with this reason */
  readonly pending?: string;
}

export interface Scenario {
  readonly id: string;
  readonly title: Localized;
  readonly summary?: Localized;
  /** cluster profile name (alicloud, minikube, multizone) or a path relative to the scenario */
  readonly cluster: string;
  readonly seed: number;
  readonly steps: readonly ScenarioStep[];
  readonly checks: readonly ScenarioCheck[];
}

export type ScenarioParse = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly errors: readonly string[] };

type J = Record<string, unknown>;
const isObj = (v: unknown): v is J => typeof v === 'object' && v !== null && !Array.isArray(v);

function localized(v: unknown, where: string, errors: string[]): Localized {
  if (isObj(v) && typeof v.en === 'string' && typeof v.zh === 'string') return { en: v.en, zh: v.zh };
  errors.push(`${where}: expected {en: …, zh: …} with both languages`);
  return { en: '', zh: '' };
}

/** `pvc/nas-pvc` → resource and name */
function splitRef(ref: unknown, where: string, errors: string[]): { resource: string; name: string } {
  if (typeof ref === 'string') {
    const i = ref.indexOf('/');
    if (i > 0 && i < ref.length - 1) return { resource: ref.slice(0, i), name: ref.slice(i + 1) };
  }
  errors.push(`${where}: expected RESOURCE/NAME (e.g. pvc/nas-pvc), got ${JSON.stringify(ref)}`);
  return { resource: '', name: '' };
}

const optStr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

function parseCheck(c: unknown, i: number, errors: string[]): ScenarioCheck | undefined {
  const where = `checks[${i}]`;
  if (!isObj(c)) {
    errors.push(`${where}: expected a mapping`);
    return undefined;
  }
  let spec: CheckSpec;
  if (c.get !== undefined) {
    const { resource, name } = splitRef(c.get, `${where}.get`, errors);
    if (c.matches !== undefined && typeof c.matches !== 'string') errors.push(`${where}.matches: expected a regular expression string`);
    if (c.equals === undefined && c.matches === undefined && c.exists === undefined)
      errors.push(`${where}: a get check needs equals, matches or exists`);
    spec = {
      type: 'get',
      resource,
      name,
      namespace: optStr(c.namespace),
      path: optStr(c.path),
      equals: c.equals,
      matches: optStr(c.matches),
      exists: optBool(c.exists),
    };
  } else if (c.count !== undefined) {
    if (typeof c.count !== 'string' || typeof c.equals !== 'number') errors.push(`${where}: expected {count: RESOURCE, equals: N}`);
    spec = { type: 'count', resource: String(c.count), namespace: optStr(c.namespace), equals: Number(c.equals) };
  } else if (c.eventReason !== undefined) {
    if (typeof c.eventReason !== 'string') errors.push(`${where}.eventReason: expected a string`);
    if (c.type !== undefined && c.type !== 'Normal' && c.type !== 'Warning') errors.push(`${where}.type: expected Normal or Warning`);
    spec = {
      type: 'event',
      reason: String(c.eventReason),
      on: optStr(c.on),
      namespace: optStr(c.namespace),
      eventType: c.type as 'Normal' | 'Warning' | undefined,
      messageContains: optStr(c.messageContains),
      exists: optBool(c.exists),
    };
    if (spec.on !== undefined) splitRef(spec.on, `${where}.on`, errors);
  } else if (c.stdoutContains !== undefined || c.stderrContains !== undefined) {
    const stream = c.stdoutContains !== undefined ? 'stdout' : 'stderr';
    const contains = c.stdoutContains ?? c.stderrContains;
    if (typeof contains !== 'string') errors.push(`${where}: expected a string to look for`);
    if (c.step !== undefined && !(typeof c.step === 'number' && Number.isInteger(c.step) && c.step >= 1))
      errors.push(`${where}.step: expected a 1-based step number`);
    spec = { type: 'output', stream, contains: String(contains), step: typeof c.step === 'number' ? c.step : undefined, exists: optBool(c.exists) };
  } else if (c.assets !== undefined) {
    if (typeof c.assets !== 'string' || typeof c.live !== 'number') errors.push(`${where}: expected {assets: DRIVER, live: N}`);
    spec = { type: 'assets', driver: String(c.assets), live: Number(c.live) };
  } else {
    errors.push(`${where}: unknown check (use get, count, eventReason, stdoutContains, stderrContains or assets)`);
    return undefined;
  }
  if (c.pending !== undefined && typeof c.pending !== 'string') errors.push(`${where}.pending: expected the reason as a string`);
  const name = optStr(c.why) ?? describeCheck(spec);
  return { spec, name, pending: optStr(c.pending) };
}

export function describeCheck(s: CheckSpec): string {
  const not = (e: boolean | undefined) => (e === false ? 'no ' : '');
  switch (s.type) {
    case 'get': {
      const target = `${s.resource}/${s.name}${s.path ? ` ${s.path}` : ''}`;
      if (s.equals !== undefined) return `${target} = ${JSON.stringify(s.equals)}`;
      if (s.matches !== undefined) return `${target} ~ /${s.matches}/`;
      return `${target} ${s.exists === false ? 'does not exist' : 'exists'}`;
    }
    case 'count':
      return `${s.equals} × ${s.resource}`;
    case 'event':
      return `${not(s.exists)}${s.eventType ? s.eventType + ' ' : ''}event ${s.reason}${s.on ? ` on ${s.on}` : ''}${s.messageContains ? ` “${s.messageContains}”` : ''}`;
    case 'output':
      return `${s.stream}${s.step ? ` of step ${s.step}` : ''} ${s.exists === false ? 'lacks' : 'contains'} “${s.contains}”`;
    case 'assets':
      return `${s.live} live asset(s) of ${s.driver}`;
  }
}

export function parseScenario(text: string): ScenarioParse {
  // Scenario files are our own data, read as YAML 1.2 (unlike manifests): `on:` is a key, not `true`.
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) return { ok: false, errors: doc.errors.map((e) => e.message.split('\n')[0]) };
  const d: unknown = doc.toJS();
  if (!isObj(d)) return { ok: false, errors: ['expected one YAML mapping'] };
  const errors: string[] = [];
  const known = new Set(['id', 'title', 'summary', 'cluster', 'seed', 'steps', 'checks']);
  for (const k of Object.keys(d)) if (!known.has(k)) errors.push(`unknown field "${k}"`);
  if (typeof d.id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(d.id)) errors.push('id: expected a lower-case name (a-z, 0-9, "-", ".")');
  const title = localized(d.title, 'title', errors);
  const summary = d.summary === undefined ? undefined : localized(d.summary, 'summary', errors);
  const cluster = d.cluster === undefined ? 'alicloud' : String(d.cluster);
  const seed = d.seed === undefined ? 1 : Number(d.seed);
  if (!Number.isInteger(seed)) errors.push('seed: expected an integer');
  const steps: ScenarioStep[] = [];
  if (!Array.isArray(d.steps) || d.steps.length === 0) errors.push('steps: expected a non-empty list');
  else
    d.steps.forEach((s, i) => {
      if (!isObj(s)) return void errors.push(`steps[${i}]: expected a mapping`);
      const narration = localized(s.narration, `steps[${i}].narration`, errors);
      const run = Array.isArray(s.run) ? s.run : s.run === undefined ? [] : null;
      if (run === null || !run.every((l) => typeof l === 'string'))
        return void errors.push(`steps[${i}].run: expected a list of script lines`);
      const lines = parseScript((run as string[]).join('\n'));
      for (const l of lines) if (l.type === 'invalid') errors.push(`steps[${i}].run: ${l.text}: ${l.error}`);
      steps.push({ narration, run: run as string[], lines });
    });
  const checks: ScenarioCheck[] = [];
  if (d.checks !== undefined && !Array.isArray(d.checks)) errors.push('checks: expected a list');
  else
    (d.checks ?? []).forEach((c: unknown, i: number) => {
      const check = parseCheck(c, i, errors);
      if (check) checks.push(check);
    });
  for (const c of checks)
    if (c.spec.type === 'output' && c.spec.step !== undefined && c.spec.step > steps.length)
      errors.push(`check "${c.name}": step ${c.spec.step} does not exist`);
  if (errors.length) return { ok: false, errors };
  return { ok: true, scenario: { id: d.id as string, title, summary, cluster, seed, steps, checks } };
}
