// The monaco-yaml language worker, re-exported so Vite bundles it with `?worker` (monaco-yaml README).
import 'monaco-yaml/yaml.worker.js';
