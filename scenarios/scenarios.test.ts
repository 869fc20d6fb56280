// Every scenario runs headless: its checks must hold on the final state, and what its commands printed
// must equal the reviewed golden transcript (expected.txt; regenerate with UPDATE_GOLDEN=1 and review
// the diff line by line against what a real cluster prints). Pending checks are reported as skipped
// with their reason. Determinism: the same seed twice gives byte-identical transcripts and event logs;
// another seed still satisfies every check.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type ScenarioRun } from '../src/engine/scenario/run-scenario';
import { parseScenario, type Scenario } from '../src/engine/scenario/scenario';
import { createHost } from '../src/server/engine-parts';

const ROOT = dirname(fileURLToPath(import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const dirs = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'scenario.yaml')))
  .map((d) => d.name)
  .sort();

function load(dir: string): Scenario {
  const p = parseScenario(readFileSync(join(ROOT, dir, 'scenario.yaml'), 'utf8'));
  if (!p.ok) throw new Error(`scenarios/${dir}/scenario.yaml:\n  ${p.errors.join('\n  ')}`);
  return p.scenario;
}

async function run(dir: string, scenario: Scenario, seed = scenario.seed): Promise<{ run: ScenarioRun; events: string }> {
  const env = await createHost({ cluster: scenario.cluster, seed, cwd: join(ROOT, dir) });
  const r = runScenario(scenario, env);
  return { run: r, events: JSON.stringify(env.sim.eventLog, null, 1) };
}

it('finds the scenarios', () => {
  expect(dirs.length).toBeGreaterThan(0);
});

for (const dir of dirs) {
  describe(`scenario ${dir}`, () => {
    const scenario = load(dir);
    let result: { run: ScenarioRun; events: string };
    beforeAll(async () => {
      result = await run(dir, scenario);
    });

    it('is named after its folder', () => {
      expect(scenario.id).toBe(dir);
    });

    scenario.checks.forEach((check, i) => {
      if (check.pending !== undefined) {
        it.skip(`check ${i + 1}: ${check.name} [pending: ${check.pending}]`, () => {});
        return;
      }
      it(`check ${i + 1}: ${check.name}`, () => {
        const r = result.run.checks[i];
        expect(r.status, r.detail).toBe('passed');
      });
    });

    it('prints the golden transcript (expected.txt)', () => {
      const file = join(ROOT, dir, 'expected.txt');
      if (UPDATE) writeFileSync(file, result.run.transcript);
      expect(existsSync(file), `no ${file}: run UPDATE_GOLDEN=1 npx vitest run scenarios, then review it`).toBe(true);
      expect(result.run.transcript).toBe(readFileSync(file, 'utf8'));
    });

    it('is deterministic: the same seed gives the same transcript and event log, byte for byte', async () => {
      const again = await run(dir, scenario);
      expect(again.run.transcript).toBe(result.run.transcript);
      expect(again.events).toBe(result.events);
    });

    it('reaches the same checks with another seed', async () => {
      const other = await run(dir, scenario, scenario.seed + 1000);
      const statuses = (r: ScenarioRun) => r.checks.map((c) => `${c.check.name}: ${c.status}`);
      expect(statuses(other.run)).toEqual(statuses(result.run));
    });
  });
}
