// Monaco, bundled locally (no CDN), with monaco-yaml and the Kubernetes schema. Loaded only through a
// dynamic import so the graph paints first. Two shims from stack-notes §2 are required for monaco-editor
// 0.57 + monaco-yaml 5.5.1.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/features/json/register';
import { configureMonacoYaml } from 'monaco-yaml';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import YamlWorker from './yaml.worker?worker';
import schema from './schemas/k8s-schemas.json';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    switch (label) {
      case 'json':
        return new JsonWorker();
      case 'yaml':
        return new YamlWorker();
      default:
        return new EditorWorker();
    }
  },
};

// monaco-yaml calls createWebWorker({label, moduleId, createData}) without `worker`; monaco >= 0.53
// needs one, or it silently falls back to the main thread and nothing validates.
type CreateOpts = { worker?: unknown; moduleId?: string; label: string; createData: unknown };
const orig = monaco.editor.createWebWorker as unknown as (o: CreateOpts) => unknown;
const monacoForYaml = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker(opts: CreateOpts) {
      if (opts.worker) return orig(opts);
      const worker = Promise.resolve(self.MonacoEnvironment!.getWorker!(opts.moduleId ?? 'workerMain.js', opts.label)).then((w: Worker) => {
        w.postMessage('ignore');
        w.postMessage(opts.createData);
        return w;
      });
      return orig({ ...opts, worker });
    },
  },
};

configureMonacoYaml(monacoForYaml as unknown as typeof monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [{ fileMatch: ['**/*.yaml'], uri: 'inmemory://schemas/k8s.json', schema: schema as never }],
});

export { monaco };
