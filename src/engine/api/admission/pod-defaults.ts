// Priority (plugin/pkg/admission/priority) and DefaultTolerationSeconds
// (plugin/pkg/admission/defaulttolerationseconds): the pod fields every created pod shows.
import type { AdmissionPlugin } from '../../store/strategy';
import { arr, ensure, str } from '../util';
import { admissionForbidden } from './namespace-lifecycle';

/** The built-in system priority classes (no PriorityClass objects are simulated). */
const SYSTEM_PRIORITY: Readonly<Record<string, number>> = {
  'system-cluster-critical': 2000000000,
  'system-node-critical': 2000001000,
};

export const priorityAdmission: AdmissionPlugin = {
  name: 'Priority',
  admit(req) {
    if (req.operation !== 'CREATE' || req.kind !== 'Pod') return;
    const spec = ensure(req.obj, 'spec');
    const cls = str(spec, 'priorityClassName');
    // no global default PriorityClass: priority 0
    if (!cls) spec.priority = 0;
    else if (cls in SYSTEM_PRIORITY) spec.priority = SYSTEM_PRIORITY[cls];
    else throw admissionForbidden('Pod', req.obj.metadata.name ?? '', `no PriorityClass with name ${cls} was found`);
    if (!str(spec, 'preemptionPolicy')) spec.preemptionPolicy = 'PreemptLowerPriority';
  },
};

export const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(req) {
    if (req.kind !== 'Pod' || (req.operation !== 'CREATE' && req.operation !== 'UPDATE')) return;
    const spec = ensure(req.obj, 'spec');
    const ts = arr(spec, 'tolerations');
    const tolerates = (key: string) =>
      ts.some((t) => (str(t, 'key') === key || !str(t, 'key')) && (str(t, 'effect') === 'NoExecute' || !str(t, 'effect')));
    const add = [];
    if (!tolerates(NOT_READY)) add.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    if (!tolerates(UNREACHABLE)) add.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
    if (add.length) spec.tolerations = [...ts, ...add];
  },
};
