// The scheduler's public surface: the controller, and the pure "why is my pod pending" explanation for the UI.
export { createScheduler, pendingPods } from './scheduler';
export { explainScheduling, NO_NODES_AVAILABLE, type NodeVerdict, type SchedulingExplanation } from './framework';
export { SCHEDULER_NAME, REASON, fitErrorMessage } from './messages';
