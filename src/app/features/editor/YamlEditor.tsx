// The Monaco editor (lazy chunk). The text lives in the UI store (and localStorage) so nothing is lost if
// the editor or the worker restarts; markers come from the last apply (kubectl/apiserver errors) and from
// monaco-yaml's schema validation.
import { useEffect, useRef } from 'react';
import { monaco } from './monacoSetup';
import type { EditorMarker } from '../../../protocol/messages';

export interface YamlEditorProps {
  value: string;
  onChange(text: string): void;
  markers: readonly EditorMarker[];
  theme: 'light' | 'dark';
}

export default function YamlEditor({ value, onChange, markers, theme }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const ed = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changing = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const uri = monaco.Uri.parse('file:///playground.yaml');
    const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(value, 'yaml', uri);
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineNumbersMinChars: 3,
      scrollBeyondLastLine: false,
      tabSize: 2,
      theme: theme === 'dark' ? 'vs-dark' : 'vs',
      renderValidationDecorations: 'on',
    });
    ed.current = editor;
    const sub = model.onDidChangeContent(() => {
      if (changing.current) return;
      onChangeRef.current(model.getValue());
    });
    // for the browser tests: the editor and every marker (kubectl's and monaco-yaml's)
    Object.assign(window, { __editor: editor, __markers: () => monaco.editor.getModelMarkers({ resource: uri }).map((m) => ({ line: m.startLineNumber, message: m.message, owner: m.owner })) });
    return () => {
      sub.dispose();
      editor.dispose();
      ed.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const model = ed.current?.getModel();
    if (model && model.getValue() !== value) {
      changing.current = true;
      model.setValue(value);
      changing.current = false;
    }
  }, [value]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [theme]);

  useEffect(() => {
    const model = ed.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'kubectl',
      markers.map((m) => ({
        startLineNumber: m.line,
        startColumn: m.col,
        endLineNumber: m.endLine ?? m.line,
        endColumn: m.endCol ?? model.getLineMaxColumn(Math.min(model.getLineCount(), m.endLine ?? m.line)),
        message: m.message,
        severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      })),
    );
  }, [markers]);

  return <div className="monaco-host" ref={host} data-testid="editor.monaco" />;
}
