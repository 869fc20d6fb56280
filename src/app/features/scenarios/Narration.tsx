// The lesson panel: the active scenario's steps with their narration in the chosen language, and a
// button that runs the step's lines in the worker (each `sim settle` waits for the cluster while it plays).
import { useState } from 'react';
import { useCluster } from '../../state/cluster';
import { useUi } from '../../state/ui';
import { pick, useT } from '../../i18n';
import type { Bridge } from '../../bridge/worker-bridge';

export function Narration({ bridge }: { bridge: Bridge }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const sc = useCluster((s) => s.scenario);
  const title = useCluster((s) => s.scenarios.find((x) => x.id === s.scenario?.id)?.title);
  const [step, setStep] = useState(0);
  const [ran, setRan] = useState<ReadonlySet<number>>(new Set());
  const [forId, setForId] = useState<string | undefined>();
  if (!sc || !sc.steps.length) return null;
  if (forId !== sc.id) {
    setForId(sc.id);
    setStep(0);
    setRan(new Set());
  }
  const cur = sc.steps[Math.min(step, sc.steps.length - 1)];
  return (
    <div className="narration" data-testid="narration">
      <div className="narr-head">
        <span className="narr-title">{pick(lang, title)}</span>
        <span className="narr-step">
          {step + 1} / {sc.steps.length}
        </span>
        <button aria-label={t('narration.prev')} disabled={step === 0} onClick={() => setStep(step - 1)}>
          ‹
        </button>
        <button aria-label={t('narration.nextStep')} disabled={step >= sc.steps.length - 1} onClick={() => setStep(step + 1)}>
          ›
        </button>
      </div>
      <p className="narr-text">{pick(lang, cur.narration)}</p>
      <div className="narr-foot">
        <code className="narr-cmds">{cur.run.filter((l) => !l.startsWith('sim settle')).join('  ·  ')}</code>
        <button
          className="primary"
          data-testid="narration.run"
          disabled={ran.has(step)}
          onClick={() => {
            bridge.send({ type: 'runStep', index: step });
            setRan(new Set([...ran, step]));
            if (step < sc.steps.length - 1) setStep(step + 1);
          }}
        >
          {t('narration.next')}
        </button>
      </div>
    </div>
  );
}
