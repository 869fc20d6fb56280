import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-worker-manager (used by monaco-yaml) imports 'monaco-editor/esm/vs/editor/editor.worker.js';
      // monaco-editor >= 0.56 maps "./*" to "./esm/vs/*.js", so rewrite the old deep path to the short one.
      { find: /^monaco-editor\/esm\/vs\/(.+?)(\.js)?$/, replacement: 'monaco-editor/$1.js' },
    ],
  },
  worker: { format: 'es' },
  // Everything the app imports from node_modules, including what it loads lazily (react-dom/client after
  // the worker starts, Monaco after the first graph): a dependency discovered late makes Vite re-optimize
  // and reload the page mid-load on a cold cache.
  optimizeDeps: {
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      'zustand',
      'zustand/vanilla',
      '@xyflow/react',
      'motion/react',
      'yaml',
      'monaco-editor/editor',
      'monaco-yaml',
      'monaco-yaml/yaml.worker.js',
    ],
  },
  build: { chunkSizeWarningLimit: 4096 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
