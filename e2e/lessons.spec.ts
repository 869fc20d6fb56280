// Every lesson in scenarios/ is listed in the picker with its zh/en title, loads, shows its narration in
// both languages and runs step by step to its end with no error banner, no console error and no failed
// worker. The clock is driven with "to end" (run to quiescence), so `sim settle` steps finish at once.
import { readdirSync, existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { Playground } from './fixtures/playground';

const LESSONS = readdirSync('scenarios', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(`scenarios/${d.name}/scenario.yaml`))
  .map((d) => d.name)
  .sort();

let pg: Playground;
let consoleErrors: string[];
test.beforeEach(async ({ page }) => {
  pg = new Playground(page);
  consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
});
test.afterEach(async () => {
  expect(pg.foreign, 'requests to hosts other than 127.0.0.1').toEqual([]);
  expect(consoleErrors, 'console errors').toEqual([]);
});

interface Step {
  narration: { en: string; zh: string };
  run: string[];
}

test('the lesson picker lists every scenario directory with its English and Chinese title', async ({ page }) => {
  expect(LESSONS.length).toBeGreaterThanOrEqual(11);
  await pg.open();
  const picker = page.getByTestId('header.scenario');
  await expect.poll(() => picker.locator('option').count()).toBe(LESSONS.length + 1);
  const values = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect([...values].sort()).toEqual(LESSONS);
  const en = await picker.locator('option').allTextContents();
  await page.getByTestId('header.lang.zh').click();
  await expect(page.getByTestId('tab.editor')).toHaveText('编辑器');
  const zh = await picker.locator('option').allTextContents();
  // every title exists in both languages and the Chinese one is Chinese
  for (let i = 1; i < en.length; i++) {
    expect(en[i].trim(), `English title of ${values[i - 1]}`).not.toBe('');
    expect(zh[i], `Chinese title of ${values[i - 1]}`).toMatch(/[\u4e00-\u9fff]/);
  }
});

for (const id of LESSONS) {
  test(`lesson ${id}: loads, narrates in both languages and steps to its end without errors`, async ({ page }) => {
    await pg.open();
    await page.getByTestId('header.scenario').selectOption(id);
    const narration = page.getByTestId('narration');
    await expect(narration).toBeVisible();
    const steps = await pg.state<Step[]>('(s) => s.scenario.steps');
    expect(steps.length).toBeGreaterThan(0);
    for (const s of steps) {
      expect(s.narration.en.trim()).not.toBe('');
      expect(s.narration.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const lines = (s: Step) => s.run.filter((l) => l.trim() && !l.trim().startsWith('#') && !/^sim\s+settle\b/.test(l.trim())).length;
    let expected = 0;
    for (let i = 0; i < steps.length; i++) {
      await expect(narration.locator('.narr-step')).toHaveText(`${i + 1} / ${steps.length}`);
      await expect(narration.locator('.narr-text')).toHaveText(steps[i].narration.en);
      await page.getByTestId('narration.run').click();
      expected += lines(steps[i]);
      // "to end" runs the cluster to quiescence; the step's next lines then run on the next frame
      await expect
        .poll(async () => {
          await page.getByTestId('timeline.end').click();
          return page.evaluate(() => (window as never as { __ksp: { ui: { getState(): { terminal: unknown[] } } } }).__ksp.ui.getState().terminal.length);
        }, { timeout: 30_000 })
        .toBe(expected);
      await expect(page.getByTestId('crash')).toHaveCount(0);
    }
    await expect(page.getByTestId('narration.run')).toBeDisabled();
    await expect(page.locator('[data-testid^="graph.node.Node.."]').first()).toBeVisible();
  });
}
