// Node lifecycle: public API for the CLI / UI (fault injection) and the kubelet (is my node down?).
export { failNode, recoverNode, setOutOfService } from './commands';
export { isKubeletStopped, kubeletStoppedSince, stoppedNodes } from './faults';
export { NODE_CONTROLLER, NODE_MONITOR_GRACE_PERIOD_MS, TAINT_UNREACHABLE, TAINT_NOT_READY } from './node-lifecycle';
