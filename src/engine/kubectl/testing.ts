// Test helpers: a small simulated cluster and a `kubectl` that takes a command line.
import { createSimulation } from '../sim/create';
import { Simulation } from '../sim/simulation';
import { bootstrap } from '../sim/bootstrap';
import { ADMISSION, STRATEGIES } from '../api';
import type { ClusterConfig } from '../storage/cluster-config';
import type { KObject } from '../model/types';
import { splitArgs } from './argv';
import { runKubectl } from './index';
import type { FileSource, KubectlContext, KubectlResult } from './types';

export const TEST_CLUSTER: ClusterConfig = {
  name: 'test',
  nodes: [
    { name: 'node-1', labels: { 'topology.kubernetes.io/zone': 'zone-a' } },
    { name: 'node-2', labels: { 'topology.kubernetes.io/zone': 'zone-b' } },
  ],
  drivers: [],
  objects: [],
};

/** The full cluster: API strategies, admission and every controller. */
export function testSim(cluster: ClusterConfig = TEST_CLUSTER): Simulation {
  return createSimulation(cluster, { seed: 7 });
}

/** API strategies and admission but no controllers: objects stay exactly as a test writes them. */
export function bareSim(cluster: ClusterConfig = TEST_CLUSTER): Simulation {
  const sim = new Simulation({ cluster, seed: 7, controllers: [], strategies: STRATEGIES, admission: ADMISSION });
  bootstrap(sim);
  return sim;
}

/** An in-memory file system for `-f`. */
export function memFiles(files: Record<string, string>): FileSource {
  return {
    read: (p) => files[p.replace(/^\.\//, '')],
    list: (p) => {
      const dir = p.replace(/\/$/, '').replace(/^\.\//, '');
      if (files[dir] !== undefined) return undefined;
      const names = new Set<string>();
      for (const f of Object.keys(files)) if (f.startsWith(dir + '/')) names.add(f.slice(dir.length + 1).split('/')[0]);
      return names.size ? [...names] : undefined;
    },
  };
}

export function kubectl(sim: Simulation, line: string, extra: Partial<KubectlContext> = {}): KubectlResult {
  const argv = splitArgs(line);
  if (argv[0] === 'kubectl') argv.shift();
  return runKubectl({ sim, ...extra }, argv);
}

/** Creates an object directly in the store and then writes its status (as a controller would). */
export function put(sim: Simulation, obj: KObject): KObject {
  const { status, ...rest } = obj;
  let created = sim.store.create(rest as KObject).obj;
  if (status !== undefined) created = sim.store.updateStatus({ ...structuredClone(created), status } as KObject).obj;
  return created;
}
