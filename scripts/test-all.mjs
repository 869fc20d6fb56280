#!/usr/bin/env node
// `npm test`: typecheck, layer lint, unit + scenario tests (vitest), then the browser tests (Playwright
// against the built app). Prints one total line over every suite: `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'test-results');
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const only = process.argv.slice(2);
const want = (s) => only.length === 0 || only.includes(s);

function run(label, cmd, args, env = {}) {
  console.log(`\n── ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(label, cmd, args) {
  const code = run(label, cmd, args);
  if (code === 0) totals.passed += 1;
  else totals.failed += 1;
  console.log(`${label}: ${code === 0 ? 'passed' : 'FAILED'}`);
}

if (want('typecheck')) check('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (want('lint')) check('lint', 'node', ['scripts/lint-boundaries.mjs']);

if (want('unit')) {
  const file = join(out, 'vitest.json');
  const code = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${file}`]);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
    totals.skipped += r.numPendingTests + r.numTodoTests;
  } else totals.failed += 1;
}

/** Playwright drives Debian's Chromium (no browser downloads here); install it when missing and we may. */
function ensureChromium() {
  if (existsSync('/usr/bin/chromium') || existsSync('/usr/lib/chromium/chromium')) return true;
  if (process.getuid?.() !== 0) {
    console.error('e2e: Chromium is missing; install it with: sudo apt-get install -y chromium');
    return false;
  }
  console.log('e2e: installing Debian chromium …');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  return run('apt-get update', 'apt-get', ['update', '-qq'], env) === 0 && run('apt-get install', 'apt-get', ['install', '-y', '-qq', 'chromium'], env) === 0;
}

if (want('e2e') && existsSync(join(root, 'e2e')) && !ensureChromium()) totals.failed += 1;
else if (want('e2e') && existsSync(join(root, 'e2e')) && readdirSync(join(root, 'e2e')).some((f) => f.endsWith('.spec.ts'))) {
  const build = run('build', 'npx', ['vite', 'build']);
  if (build !== 0) totals.failed += 1;
  else {
    const file = join(out, 'playwright.json');
    const code = run('e2e', 'npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
    if (existsSync(file)) {
      const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
      totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
      totals.failed += (s.unexpected ?? 0) + (code !== 0 && !s.unexpected ? 1 : 0);
      totals.skipped += s.skipped ?? 0;
    } else totals.failed += 1;
  }
}

const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
console.log(`\n${line}`);
process.exit(totals.failed > 0 ? 1 : 0);
