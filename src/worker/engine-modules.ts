// What the worker loads from the engine besides the simulation: the builtin cluster profiles and the
// lesson scenarios (scenarios/<id>/scenario.yaml plus the manifest files its steps apply).
import { BUILTIN_PROFILES } from '../engine/storage/builtin-profiles';
import { parseClusterProfile } from '../engine/storage/profiles';
import type { ClusterConfig } from '../engine/storage/cluster-config';
import { parseScenario, type Scenario } from '../engine/scenario/scenario';
import type { FileSource } from '../engine/kubectl/types';

/** Cluster profiles by name; each is parsed the first time it is used (start-up stays fast). */
export interface ProfileSource {
  has(name: string): boolean;
  get(name: string): ClusterConfig | undefined;
  keys(): Iterable<string>;
}

export function builtinProfiles(texts: Readonly<Record<string, string>> = BUILTIN_PROFILES): ProfileSource {
  const parsed = new Map<string, ClusterConfig | undefined>();
  const get = (name: string) => {
    if (!(name in texts)) return undefined;
    if (!parsed.has(name)) {
      const r = parseClusterProfile(texts[name]);
      parsed.set(name, r.ok ? r.cluster : undefined);
    }
    return parsed.get(name);
  };
  return { has: (n) => get(n) !== undefined, get, keys: () => Object.keys(texts) };
}

export interface ScenarioBundle {
  readonly scenario: Scenario;
  /** files of the scenario directory, by base name */
  readonly files: Readonly<Record<string, string>>;
}

const RAW = import.meta.glob<string>('../../scenarios/*/*.yaml', { eager: true, query: '?raw', import: 'default' });

export function loadScenarios(raw: Record<string, string> = RAW): Map<string, ScenarioBundle> {
  const dirs = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(raw)) {
    const m = /scenarios\/([^/]+)\/([^/]+)$/.exec(path);
    if (!m) continue;
    dirs.set(m[1], { ...(dirs.get(m[1]) ?? {}), [m[2]]: text });
  }
  const out = new Map<string, ScenarioBundle>();
  for (const [dir, files] of [...dirs].sort(([a], [b]) => a.localeCompare(b))) {
    if (!files['scenario.yaml']) continue;
    const r = parseScenario(files['scenario.yaml']);
    if (r.ok) out.set(r.scenario.id || dir, { scenario: r.scenario, files });
  }
  return out;
}

/** `kubectl apply -f nas-pv.yaml` inside a scenario reads the scenario's own files. */
export function fileSource(files: Readonly<Record<string, string>>): FileSource {
  const base = (p: string) => p.replace(/^\.\//, '').replace(/^.*\//, '');
  return {
    read: (p) => files[base(p)],
    list: (p) => (p === '.' || p === '' || p === './' ? Object.keys(files) : undefined),
  };
}
