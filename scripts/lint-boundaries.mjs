#!/usr/bin/env node
// Keeps the layers honest: the engine is pure and deterministic (no DOM, timers, wall clock, randomness,
// React or Monaco), and imports only point downwards (engine ← protocol ← worker/server ← app).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const src = join(root, 'src');
const problems = [];

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx)$/.test(name)) out.push(p);
  }
  return out;
}

const FORBIDDEN_IN_ENGINE = [
  [/\bDate\.now\s*\(/, 'Date.now() (use the virtual clock)'],
  [/\bnew Date\s*\(\s*\)/, 'new Date() without a timestamp (use the virtual clock)'],
  [/\bMath\.random\s*\(/, 'Math.random() (use ctx.rng)'],
  [/\b(setTimeout|setInterval|requestAnimationFrame|queueMicrotask)\s*\(/, 'timers (use virtual timers)'],
  [/\bperformance\.now\s*\(/, 'performance.now()'],
  [/\b(window|document|localStorage|navigator)\./, 'DOM globals'],
  [/from\s+['"](react|react-dom|monaco-editor|@monaco-editor\/react|@xyflow\/react|motion|zustand|node:[a-z]+|fs|path)['"/]/, 'UI or Node imports'],
];

const LAYER = (file) => relative(src, file).split(sep)[0];
const ALLOWED = {
  engine: ['engine'],
  protocol: ['engine', 'protocol'],
  worker: ['engine', 'protocol', 'worker'],
  server: ['engine', 'protocol', 'server'],
  app: ['protocol', 'app', 'engine'], // app may import engine only as types, checked below
};

for (const file of walk(src)) {
  const text = readFileSync(file, 'utf8');
  const layer = LAYER(file);
  const rel = relative(root, file);
  const isTest = /\.test\.tsx?$/.test(file);
  if (layer === 'engine' && !isTest) {
    text.split('\n').forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return;
      for (const [re, what] of FORBIDDEN_IN_ENGINE) if (re.test(line)) problems.push(`${rel}:${i + 1}: ${what} is not allowed in src/engine`);
    });
  }
  const importRe = /^\s*(?:import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm;
  for (const m of text.matchAll(importRe)) {
    const target = relative(src, join(file, '..', m[2])).split(sep)[0];
    const allowed = ALLOWED[layer];
    if (!allowed || target.startsWith('..')) continue;
    if (!allowed.includes(target)) problems.push(`${rel}: imports ${m[2]} (${layer} may not depend on ${target})`);
    // The app and the protocol see the engine only as types (besides pure model helpers such as quantities
    // and durations): the app talks to the engine through the worker.
    if ((layer === 'app' || layer === 'protocol') && target === 'engine' && !m[1] && !/\/engine\/(model|i18n)\//.test(join(file, '..', m[2])))
      problems.push(`${rel}: imports engine code ${m[2]} at run time (${layer} may import engine only as types; use import type)`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\nlint: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log('lint: layer boundaries and engine purity OK');
