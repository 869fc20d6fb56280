// `kubectl get pv`, `kubectl get pvc`, `kubectl get pods -o wide`, printed by the engine's kubectl (the
// same printers the terminal and the CLI use), refreshed when the objects change or a virtual second
// passes (ages).
import { useEffect, useRef, useState } from 'react';
import { useCluster } from '../../state/cluster';
import type { Bridge } from '../../bridge/worker-bridge';

const AGE_STEP_MS = 1000;
const REFRESH_MS = 150;
const COMMANDS = [['get', 'pv'], ['get', 'pvc'], ['get', 'pods', '-o', 'wide']];

export function Tables({ bridge }: { bridge: Bridge }) {
  const objects = useCluster((s) => s.objects);
  const second = useCluster((s) => Math.floor(s.time / AGE_STEP_MS));
  const [text, setText] = useState('');
  // a busy cluster changes every frame: ask at most every REFRESH_MS (a throttle, so it never starves)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void Promise.all(COMMANDS.map((argv) => bridge.query(argv))).then((outs) =>
        setText(outs.map((o, i) => `$ kubectl ${COMMANDS[i].join(' ')}\n${o}`).join('\n')),
      );
    }, REFRESH_MS);
  }, [objects, second, bridge]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <pre className="code tables" data-testid="tables">
      {text}
    </pre>
  );
}
