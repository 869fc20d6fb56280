// A one-line kubectl terminal. Each line goes to the worker's kubectl (the same code the CLI runs) and
// is recorded in the command log, so it replays on seek and travels in a share link.
import { useEffect, useRef, useState } from 'react';
import { uiStore, useUi } from '../../state/ui';
import { useT } from '../../i18n';
import type { Bridge } from '../../bridge/worker-bridge';

export function Terminal({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const lines = useUi((s) => s.terminal);
  const [input, setInput] = useState('');
  const [hist, setHist] = useState(-1);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // (braces: Chromium's scrollIntoView may return a promise, which React would take for a cleanup)
    end.current?.scrollIntoView({ block: 'end' });
  }, [lines]);

  async function run() {
    const line = input.trim();
    if (!line) return;
    setInput('');
    setHist(-1);
    const id = Date.now();
    uiStore.setState((s) => ({ terminal: [...s.terminal, { id, input: line }].slice(-200) }));
    const result = await bridge.command({ type: 'kubectl', line });
    uiStore.setState((s) => ({ terminal: s.terminal.map((l) => (l.id === id ? { ...l, result } : l)) }));
  }

  return (
    <div className="terminal" data-testid="terminal">
      <div className="term-out">
        {lines.length === 0 && <div className="note">{t('terminal.hint')}</div>}
        {lines.map((l) => (
          <div key={l.id} className="term-entry">
            <div className="term-in">$ {l.input}</div>
            {l.result?.stdout && <pre>{l.result.stdout}</pre>}
            {l.result?.stderr && <pre className="err">{l.result.stderr}</pre>}
          </div>
        ))}
        <div ref={end} />
      </div>
      <form
        className="term-line"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <span className="prompt">$</span>
        <input
          data-testid="terminal.input"
          value={input}
          placeholder={t('terminal.placeholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setInput(e.target.value)}
          onKeyDown={(e) => {
            const inputs = uiStore.getState().terminal.map((l) => l.input);
            if (e.key === 'ArrowUp' && inputs.length) {
              const i = hist < 0 ? inputs.length - 1 : Math.max(0, hist - 1);
              setHist(i);
              setInput(inputs[i]);
              e.preventDefault();
            } else if (e.key === 'ArrowDown' && hist >= 0) {
              const i = hist + 1;
              setHist(i >= inputs.length ? -1 : i);
              setInput(i >= inputs.length ? '' : inputs[i]);
              e.preventDefault();
            }
          }}
        />
        <button type="submit">{t('terminal.run')}</button>
      </form>
    </div>
  );
}
