// Builds a ready-to-use simulated cluster: store with every kind's strategy and the admission chain,
// the controllers, and the bootstrap objects.
import { ADMISSION, STRATEGIES } from '../api';
import { CONTROLLERS } from '../controllers';
import type { ClusterConfig } from '../storage/cluster-config';
import { bootstrap } from './bootstrap';
import { Simulation } from './simulation';

export interface CreateOptions {
  seed?: number;
  epochMs?: number;
  freeze?: boolean;
}

export function createSimulation(cluster: ClusterConfig, opts: CreateOptions = {}): Simulation {
  const sim = new Simulation({
    cluster,
    seed: opts.seed ?? 1,
    epochMs: opts.epochMs,
    freeze: opts.freeze,
    controllers: CONTROLLERS,
    strategies: STRATEGIES,
    admission: ADMISSION,
  });
  bootstrap(sim);
  return sim;
}
