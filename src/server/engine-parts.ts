// The Node host's wiring of the engine: kubectl, cluster profiles from clusters/*.yaml, and a ScriptEnv
// for a script or scenario. Components that other parts of the engine provide (the kubectl front end,
// the profile parser) are loaded by module path at run time, so the host reports a clear error instead of
// failing to start while one of them is missing from the build.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KubectlResult } from '../engine/kubectl/types';
import type { KubectlRunner, ScriptEnv } from '../engine/scenario/commands';
import type { ClusterConfig } from '../engine/storage/cluster-config';
import { createSimulation } from '../engine/sim/create';
import { scriptHooks } from '../engine/scenario/hooks';
import { nodeFiles } from './node-files';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLUSTERS_DIR = join(REPO_ROOT, 'clusters');
export const DEFAULT_PROFILE = 'alicloud';

export class HostError extends Error {}

async function importEngine(rel: string): Promise<Record<string, unknown> | undefined> {
  const path = join(REPO_ROOT, 'src/engine', rel);
  if (!existsSync(path)) return undefined;
  return (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
}

type RunKubectl = (args: readonly string[], ctx: Parameters<KubectlRunner>[1]) => KubectlResult;

let kubectlRunner: KubectlRunner | undefined;

/** runKubectl from src/engine/kubectl/index.ts (argv without the word `kubectl`). */
export async function loadKubectl(): Promise<KubectlRunner> {
  if (kubectlRunner) return kubectlRunner;
  const m = await importEngine('kubectl/index.ts');
  const run = m?.runKubectl as RunKubectl | undefined;
  if (typeof run !== 'function') {
    kubectlRunner = () => ({ stdout: '', stderr: 'error: kubectl is not available in this build (src/engine/kubectl/index.ts has no runKubectl)\n', code: 1 });
  } else kubectlRunner = (argv, ctx) => run([...argv], ctx);
  return kubectlRunner;
}

type ParseProfile = (text: string) => unknown;

function unwrapProfile(r: unknown, source: string): ClusterConfig {
  // parseClusterProfile may return the config, or {ok, cluster|config|errors}.
  if (r && typeof r === 'object' && 'ok' in r) {
    const o = r as { ok: boolean; cluster?: ClusterConfig; config?: ClusterConfig; profile?: ClusterConfig; errors?: unknown; error?: unknown };
    if (!o.ok) throw new HostError(`${source}: invalid cluster profile: ${JSON.stringify(o.errors ?? o.error)}`);
    const c = o.cluster ?? o.config ?? o.profile;
    if (!c) throw new HostError(`${source}: the profile parser returned no cluster`);
    return c;
  }
  return r as ClusterConfig;
}

/** `alicloud` → clusters/alicloud.yaml; anything with a slash or a .yaml suffix is a path (relative to baseDir). */
export function profilePath(nameOrPath: string, baseDir = process.cwd()): string {
  if (/[/\\]/.test(nameOrPath) || /\.ya?ml$/.test(nameOrPath)) return isAbsolute(nameOrPath) ? nameOrPath : resolve(baseDir, nameOrPath);
  return join(CLUSTERS_DIR, `${nameOrPath}.yaml`);
}

export async function loadCluster(nameOrPath: string = DEFAULT_PROFILE, baseDir?: string): Promise<ClusterConfig> {
  const path = profilePath(nameOrPath, baseDir);
  if (!existsSync(path)) throw new HostError(`cluster profile "${nameOrPath}" not found (${path})`);
  const m = await importEngine('storage/profiles.ts');
  const parse = m?.parseClusterProfile as ParseProfile | undefined;
  if (typeof parse !== 'function') throw new HostError('cluster profiles are not available in this build (src/engine/storage/profiles.ts has no parseClusterProfile)');
  try {
    return unwrapProfile(parse(readFileSync(path, 'utf8')), path);
  } catch (e) {
    if (e instanceof HostError) throw e;
    throw new HostError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface HostOptions {
  readonly cluster?: string;
  readonly seed?: number;
  /** directory relative paths in commands resolve against */
  readonly cwd: string;
  /** where a cluster profile path is relative to (default cwd) */
  readonly profileBase?: string;
}

export async function createHost(opts: HostOptions): Promise<ScriptEnv> {
  const cluster = await loadCluster(opts.cluster ?? DEFAULT_PROFILE, opts.profileBase ?? opts.cwd);
  const sim = createSimulation(cluster, { seed: opts.seed ?? 1 });
  const kubectl = await loadKubectl();
  return { sim, kubectl, files: nodeFiles, cwd: opts.cwd, namespace: 'default', ...scriptHooks(sim) };
}
