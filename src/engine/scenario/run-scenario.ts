// Running a scenario inside the engine, step by step, so the browser (pausing between steps, showing the
// narration) and the headless tests replay exactly the same thing.
import { evaluateChecks, type CheckResult } from './checks';
import type { ScriptEnv } from './commands';
import { executeLine, formatTranscript, type CommandRecord, type TranscriptEntry } from './run';
import type { Scenario, ScenarioStep } from './scenario';

export interface StepResult {
  /** 0-based */
  readonly index: number;
  readonly step: ScenarioStep;
  readonly entries: readonly TranscriptEntry[];
  readonly commands: readonly CommandRecord[];
}

export function runStep(scenario: Scenario, index: number, env: ScriptEnv): StepResult {
  const step = scenario.steps[index];
  const entries = step.lines.map((l) => executeLine(l, env));
  const commands = entries.filter((e): e is Extract<TranscriptEntry, { type: 'command' }> => e.type === 'command');
  return { index, step, entries, commands };
}

/** Yields each step's result after running it; the caller may stop (pause) between steps. */
export function* runScenarioSteps(scenario: Scenario, env: ScriptEnv): Generator<StepResult> {
  for (let i = 0; i < scenario.steps.length; i++) yield runStep(scenario, i, env);
}

export interface ScenarioRun {
  readonly steps: readonly StepResult[];
  readonly checks: readonly CheckResult[];
  readonly transcript: string;
}

/** Runs every step, then judges the checks against the final state. */
export function runScenario(scenario: Scenario, env: ScriptEnv): ScenarioRun {
  const steps = [...runScenarioSteps(scenario, env)];
  const checks = evaluateChecks(scenario.checks, { sim: env.sim, steps: steps.map((s) => s.commands), namespace: env.namespace });
  return { steps, checks, transcript: scenarioTranscript(steps) };
}

/**
 * The golden transcript: each step introduced by a `# step N:` comment carrying its English narration,
 * then the commands as a terminal shows them.
 */
export function scenarioTranscript(steps: readonly StepResult[]): string {
  return steps
    .map((s) => {
      const head = s.step.narration.en
        .trim()
        .split('\n')
        .map((l, i) => (i === 0 ? `# step ${s.index + 1}: ${l}` : `#   ${l}`))
        .join('\n');
      return `${head}\n${formatTranscript(s.entries)}`;
    })
    .join('\n');
}
