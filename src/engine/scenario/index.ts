// Scripts and scenarios: parsing (pure data), execution against a Simulation, and checks.
export * from './script';
export * from './commands';
export * from './run';
export * from './substitution';
export * from './scenario';
export * from './checks';
export * from './run-scenario';
