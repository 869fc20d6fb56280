// The Node host's wiring of the engine: kubectl, cluster profiles from clusters/*.yaml, and a ScriptEnv
// for a script or scenario (the same wiring the browser worker does with its own file source).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runKubectl } from '../engine/kubectl';
import type { KubectlRunner, ScriptEnv } from '../engine/scenario/commands';
import type { ClusterConfig } from '../engine/storage/cluster-config';
import { createSimulation } from '../engine/sim/create';
import { parseClusterProfile } from '../engine/storage/profiles';
import { scriptHooks } from '../engine/scenario/hooks';
import { nodeFiles } from './node-files';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLUSTERS_DIR = join(REPO_ROOT, 'clusters');
export const DEFAULT_PROFILE = 'alicloud';

export class HostError extends Error {}

/** runKubectl with the ScriptEnv's argument order (argv without the word `kubectl`). */
export const kubectl: KubectlRunner = (argv, ctx) => runKubectl(ctx, argv);

/** `alicloud` → clusters/alicloud.yaml; anything with a slash or a .yaml suffix is a path (relative to baseDir). */
export function profilePath(nameOrPath: string, baseDir = process.cwd()): string {
  if (/[/\\]/.test(nameOrPath) || /\.ya?ml$/.test(nameOrPath)) return isAbsolute(nameOrPath) ? nameOrPath : resolve(baseDir, nameOrPath);
  return join(CLUSTERS_DIR, `${nameOrPath}.yaml`);
}

export async function loadCluster(nameOrPath: string = DEFAULT_PROFILE, baseDir?: string): Promise<ClusterConfig> {
  const path = profilePath(nameOrPath, baseDir);
  if (!existsSync(path)) throw new HostError(`cluster profile "${nameOrPath}" not found (${path})`);
  const r = parseClusterProfile(readFileSync(path, 'utf8'));
  if (!r.ok) throw new HostError(`${path}:${r.error.line}:${r.error.col}: invalid cluster profile: ${r.error.message}${r.error.path ? ` (at ${r.error.path})` : ''}`);
  return r.cluster;
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
  return { sim, kubectl, files: nodeFiles, cwd: opts.cwd, namespace: 'default', ...scriptHooks(sim) };
}
