// kubectl's human durations (k8s.io/apimachinery/pkg/util/duration.HumanDuration), shared with the UI so
// the event list's LAST SEEN reads exactly like the engine's kubectl output. Pure, no clock of its own.
export { humanDuration } from '../engine/kubectl/duration';
