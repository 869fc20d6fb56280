#!/usr/bin/env node
// `npm run bench:ui`: measures the built playground in Debian's Chromium and prints a table.
//  - initial JS (gzip, level 9) loaded by index.html, without the lazy Monaco chunks (target ≤ 250 KB)
//  - time to first graph node on a cold load (median of 5 fresh contexts; target ≤ 1.0 s)
//  - frame times while the dynamic-provisioning animation plays
//  - main-thread time per applied patch with 1,000 objects (target ≤ 4 ms)
//  - pan/zoom frames per second with 1,000 objects
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const URL_ = 'http://127.0.0.1:4174/';

/** gzip size of the JS files the page loaded before its first graph (workers and Monaco excluded). */
function initialJs(files) {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = readFileSync(join(dist, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { files, raw, gz };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function waitServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(URL_)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('preview did not start');
}

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', '4174', '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
try {
  await waitServer();
  const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const results = {};

  // cold loads
  const firstGraph = [];
  let loadedJs = [];
  for (let i = 0; i < 5; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await ctx.newPage();
    const js = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.endsWith('.js') && !/worker/.test(u.pathname)) js.push(u.pathname.slice(1));
    });
    await page.addInitScript(() => {
      localStorage.setItem('ksp.lang', 'en');
      new MutationObserver((_, obs) => {
        // the first graph: the cluster's node containers are on screen
        if (document.querySelector('[data-testid^="graph.node.Node.."]')) {
          window.__firstGraph = performance.now();
          window.__jsBefore = performance
            .getEntriesByType('resource')
            .filter((r) => r.startTime < window.__firstGraph && /\.js$/.test(new URL(r.name).pathname) && !/worker/.test(r.name))
            .map((r) => new URL(r.name).pathname.slice(1));
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(URL_);
    await page.waitForFunction(() => window.__firstGraph !== undefined);
    firstGraph.push(await page.evaluate(() => window.__firstGraph));
    if (i === 0) loadedJs = await page.evaluate(() => window.__jsBefore);
    await ctx.close();
  }
  const js = initialJs(loadedJs);
  results['initial JS before the first graph (gzip)'] = `${(js.gz / 1024).toFixed(1)} KiB in ${js.files.length} file(s) (${(js.raw / 1024).toFixed(0)} KiB raw): ${js.files.map((f) => f.replace(/^assets\//, '')).join(', ')}${js.files.some((f) => /editor|monaco/i.test(f)) ? ' — includes Monaco!' : ''}`;
  results['time to first graph, cold (median of 5)'] = `${median(firstGraph).toFixed(0)} ms (all: ${firstGraph.map((x) => x.toFixed(0)).join(', ')})`;

  // frame times during the dynamic provisioning animation
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    localStorage.setItem('ksp.lang', 'en');
    // time every message from the engine worker: handler + the render it schedules
    const desc = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage');
    Object.defineProperty(Worker.prototype, 'onmessage', {
      set(fn) {
        desc.set.call(this, (e) => {
          const t0 = performance.now();
          const s0 = window.__ksp?.cluster.getState().structure;
          fn(e);
          if (e.data?.type === 'patch' && window.__patchTimes) {
            const out = window.__patchTimes;
            const structural = window.__ksp.cluster.getState().structure !== s0;
            queueMicrotask(() => queueMicrotask(() => out.push({ ms: performance.now() - t0, structural })));
          }
        });
      },
      get() {
        return desc.get.call(this);
      },
    });
  });
  await page.goto(URL_);
  await page.waitForSelector('.react-flow__node');
  await page.getByTestId('editor.samples').selectOption('disk');
  const frames = await page.evaluate(async () => {
    const out = [];
    let last = performance.now();
    const stop = last + 4000;
    window.__bridge.command({ type: 'apply', text: window.__ksp.ui.getState().editorText });
    await new Promise((resolve) => {
      const f = (t) => {
        out.push(t - last);
        last = t;
        if (t < stop) requestAnimationFrame(f);
        else resolve();
      };
      requestAnimationFrame(f);
    });
    return out;
  });
  results['frame time during provisioning animation (4 s)'] = `p50 ${median(frames).toFixed(1)} ms, p95 ${pct(frames, 0.95).toFixed(1)} ms, max ${Math.max(...frames).toFixed(1)} ms, ${frames.length} frames`;

  // 1,000 objects: 1,000 PersistentVolumes in one apply
  const docs = [];
  for (let i = 0; i < 1000; i++)
    docs.push(`apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-${String(i).padStart(4, '0')}\nspec:\n  capacity:\n    storage: ${1 + (i % 50)}Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /mnt/pv-${i}\n`);
  await page.evaluate((text) => window.__bridge.command({ type: 'apply', text }), docs.join('---\n'));
  await page.waitForFunction(() => Object.keys(window.__ksp.cluster.getState().objects).length >= 1000, null, { timeout: 120_000 });
  // main-thread work per patch: the worker message handler (reducePatch + store notify) plus the React
  // render and commit it triggers (React flushes store updates in a microtask queued by the handler).
  const perPatch = await page.evaluate(async () => {
    const samples = [];
    window.__patchTimes = samples;
    for (let i = 0; i < 20; i++) {
      await window.__bridge.command({ type: 'apply', text: `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c-${i}\nspec:\n  accessModes: [ReadWriteOnce]\n  storageClassName: ""\n  resources:\n    requests:\n      storage: 1Gi\n` });
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    window.__patchTimes = undefined;
    return samples;
  });
  const flat = perPatch.filter((p) => !p.structural).map((p) => p.ms);
  const lay = perPatch.filter((p) => p.structural).map((p) => p.ms);
  results['main-thread time per patch, 1,000 objects'] = `status/time patches: p50 ${median(flat).toFixed(2)} ms, p95 ${pct(flat, 0.95).toFixed(2)} ms (n=${flat.length}); patches that change the layout (a new claim): p50 ${median(lay).toFixed(1)} ms, max ${Math.max(...lay).toFixed(1)} ms (n=${lay.length})`;

  // pan/zoom with 1,000 objects
  const pane = page.locator('.react-flow__pane');
  const box = await pane.boundingBox();
  const fps = await (async () => {
    const start = await page.evaluate(() => {
      window.__frames = 0;
      const f = () => {
        window.__frames++;
        if (!window.__stopFrames) requestAnimationFrame(f);
      };
      window.__stopFrames = false;
      requestAnimationFrame(f);
      return performance.now();
    });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    for (let i = 0; i < 12; i++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx - 200, cy - 60, { steps: 12 });
      await page.mouse.up();
      await page.mouse.wheel(0, i % 2 ? 240 : -240);
    }
    return page.evaluate((s) => {
      window.__stopFrames = true;
      return (window.__frames * 1000) / (performance.now() - s);
    }, start);
  })();
  results['pan/zoom with 1,000 objects'] = `${fps.toFixed(0)} fps (rAF callbacks during 12 drags + wheel zooms, headless Chromium, --disable-gpu)`;

  await browser.close();
  const w = Math.max(...Object.keys(results).map((k) => k.length));
  for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(w)}  ${v}`);
} finally {
  try {
    process.kill(-server.pid);
  } catch {}
}
