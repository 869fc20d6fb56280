// The README's picture (docs/screenshot.png): the dynamic-disk lesson at 1920×1080, English, light theme,
// paused while the disk is being attached to its node (ControllerPublishVolume half-way), after
// CreateVolume made the PV. The test always runs; it rewrites docs/screenshot.png only with
// UPDATE_DOCS_SCREENSHOT=1 npx playwright test e2e/docs-screenshot.spec.ts (otherwise e2e/screenshots/).
import { expect, test } from '@playwright/test';
import { Playground } from './fixtures/playground';

test('docs/screenshot.png: the dynamic-disk lesson while the disk attaches', async ({ page }) => {
  const pg = new Playground(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await pg.open();
  await page.getByTestId('header.scenario').selectOption('dynamic-disk');
  await expect(page.getByTestId('narration')).toBeVisible();
  for (let i = 0; i < 3; i++) await page.getByTestId('narration.run').click();
  await page.getByTestId('timeline.end').click();
  await expect(pg.node('PersistentVolumeClaim', 'default', 'disk-pvc')).toHaveAttribute('data-status', 'Bound');
  await page.getByTestId('narration.run').click(); // the pod: schedule, attach, mount — running a step plays
  await expect(page.getByTestId('timeline.play')).toHaveAttribute('data-playing', 'true');
  // wait (virtual clock running) for the attach call, then stop half-way through it
  const tr = await expect
    .poll(() => pg.state<{ time: number; durationMs?: number } | null>("(s) => s.traces.find((t) => t.call === 'ControllerPublishVolume') ?? null"), { timeout: 30_000 })
    .not.toBeNull()
    .then(() => pg.state<{ time: number; durationMs: number }>("(s) => { const t = s.traces.find((t) => t.call === 'ControllerPublishVolume'); return { time: t.time - s.epoch, durationMs: t.durationMs }; }"));
  await pg.pause();
  const at = Math.round(tr.time + tr.durationMs * 0.55);
  await page.evaluate((time) => (window as never as { __bridge: { send(m: object): void } }).__bridge.send({ type: 'seek', time }), at);
  await expect.poll(() => pg.time()).toBe(at);
  await expect(page.getByTestId('graph.progress.ControllerPublishVolume')).toBeVisible();
  await expect(page.getByTestId('graph.call.ControllerPublishVolume')).toBeVisible();
  // the narration of the step that is playing (running a step moves the panel on to the next one)
  await page.getByRole('button', { name: 'Previous step' }).click();
  await expect(page.getByTestId('narration').locator('.narr-step')).toHaveText('4 / 5');
  await page.getByTestId('tab.events').click();
  await page.screenshot({ path: process.env.UPDATE_DOCS_SCREENSHOT ? 'docs/screenshot.png' : 'e2e/screenshots/docs-screenshot.png' });
  expect(pg.foreign, 'requests to hosts other than 127.0.0.1').toEqual([]);
});
