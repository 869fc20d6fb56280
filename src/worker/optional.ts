// Engine modules other parts of the project add over time (kubectl, cluster profiles, PV binding checks,
// the scheduler's explanation, scenarios). import.meta.glob resolves to {} when a file does not exist
// yet, so the worker builds either way and uses each piece as soon as it lands. The shapes below are
// the contracts those modules promise; each accessor checks the export before trusting it.
import type { KubectlContext, KubectlResult } from '../engine/kubectl/types';
import type { ClusterConfig } from '../engine/storage/cluster-config';

type Mod = Record<string, unknown>;

const kubectlMods = import.meta.glob<Mod>('../engine/kubectl/index.ts', { eager: true });
const profileMods = import.meta.glob<Mod>(['../engine/storage/builtin-profiles.ts', '../engine/storage/profiles.ts'], { eager: true });
const pvHelperMods = import.meta.glob<Mod>('../engine/controllers/volume/pv-helpers.ts', { eager: true });
const schedMods = import.meta.glob<Mod>(['../engine/controllers/scheduler/*.ts', '!../engine/controllers/scheduler/*.test.ts'], { eager: true });
const scenarioMods = import.meta.glob<Mod>(['../engine/scenario/*.ts', '!../engine/scenario/*.test.ts'], { eager: true });
const scenarioFiles = import.meta.glob<string>('../../scenarios/*.yaml', { eager: true, query: '?raw', import: 'default' });

function first(mods: Record<string, Mod>, name: string): unknown {
  for (const [path, m] of Object.entries(mods)) if (!path.endsWith('.test.ts') && name in m) return m[name];
  return undefined;
}

export type RunKubectl = (ctx: KubectlContext, argv: readonly string[]) => KubectlResult;

export function loadRunKubectl(): RunKubectl | undefined {
  const f = first(kubectlMods, 'runKubectl');
  return typeof f === 'function' ? (f as RunKubectl) : undefined;
}

/** Builtin profiles as name → YAML text, parsed with parseClusterProfile when both exist. */
export function loadBuiltinProfiles(): Map<string, ClusterConfig> {
  const out = new Map<string, ClusterConfig>();
  const parse = first(profileMods, 'parseClusterProfile');
  if (typeof parse !== 'function') return out;
  for (const [path, m] of Object.entries(profileMods)) {
    if (!path.endsWith('builtin-profiles.ts')) continue;
    for (const v of Object.values(m)) {
      const entries: [string, unknown][] =
        Array.isArray(v) ? v.map((x, i) => [String(i), x]) : v && typeof v === 'object' ? Object.entries(v) : [];
      for (const [, text] of entries) {
        const src = typeof text === 'string' ? text : (text as { yaml?: string; text?: string } | null)?.yaml ?? (text as { text?: string } | null)?.text;
        if (typeof src !== 'string') continue;
        try {
          const r = (parse as (t: string) => unknown)(src);
          const cfg = unwrapProfile(r);
          if (cfg) out.set(cfg.name, cfg);
        } catch {
          // a profile that does not parse is skipped; the inline one stays available
        }
      }
    }
  }
  return out;
}

function unwrapProfile(r: unknown): ClusterConfig | undefined {
  if (!r || typeof r !== 'object') return undefined;
  const o = r as Record<string, unknown>;
  if (Array.isArray(o.nodes) && typeof o.name === 'string') return r as ClusterConfig;
  for (const k of ['profile', 'config', 'cluster', 'value']) {
    const inner = o[k] as Record<string, unknown> | undefined;
    if (inner && Array.isArray(inner.nodes) && typeof inner.name === 'string') return inner as unknown as ClusterConfig;
  }
  return undefined;
}

export function loadFunction<T>(kind: 'pv' | 'sched' | 'scenario', name: string): T | undefined {
  const mods = kind === 'pv' ? pvHelperMods : kind === 'sched' ? schedMods : scenarioMods;
  const f = first(mods, name);
  return typeof f === 'function' ? (f as T) : undefined;
}

export function scenarioTexts(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(scenarioFiles)) out[path.replace(/^.*\//, '').replace(/\.yaml$/, '')] = text;
  return out;
}
