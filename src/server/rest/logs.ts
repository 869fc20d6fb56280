// GET /api/v1/namespaces/<ns>/pods/<name>/log?container=&previous=&tailLines=: the container's log as plain
// text, read from the kubelet (containerLogs), or the API Status error kubectl prints as
// `Error from server (BadRequest): …` (container waiting to start, no previous terminated container,
// container not valid for the pod).
import { containerLogs } from '../../engine/controllers/kubelet/crash';
import { tailLines } from '../../engine/kubectl/cmd/logs';
import type { Simulation } from '../../engine/sim/simulation';
import { ApiError, badRequest, notFound } from '../../engine/store/errors';
import { kindInfo } from '../../engine/model/kinds';
import type { ApiResponse } from './handlers';
import type { ResourceRoute } from './route';

export function getPodLog(sim: Simulation, r: ResourceRoute, search: URLSearchParams): ApiResponse {
  const ns = r.namespace ?? 'default';
  const pod = sim.store.get('Pod', ns, r.name!);
  if (!pod) throw notFound(kindInfo('Pod'), r.name!);
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
  const names = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c) => c.name);
  const container = search.get('container') || undefined;
  // pod LogLocation: a named container must be in the pod; none named works for a single container
  if (container !== undefined && !names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${r.name}`);
  if (container === undefined && (spec.containers ?? []).length > 1)
    throw badRequest(`a container name must be specified for pod ${r.name}, choose one of: [${(spec.containers ?? []).map((c) => c.name).join(' ')}]`);
  const previous = search.get('previous') === 'true';
  const res = containerLogs(sim, ns, r.name!, container, previous);
  if (res.error !== undefined) {
    const m = /^Error from server \((\w+)\): (.*)$/s.exec(res.error.trim());
    throw m ? new ApiError(m[1] as 'BadRequest', m[2]) : badRequest(res.error.trim());
  }
  const tail = search.get('tailLines');
  return { status: 200, body: tailLines(res.log ?? '', tail !== null && /^-?\d+$/.test(tail) ? Number(tail) : -1), text: true };
}
