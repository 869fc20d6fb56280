import { describe, expect, it } from 'vitest';
import { substitute, SubstitutionError } from './substitution';

// The inner "kubectl" echoes its words; `multi` prints two lines, `err` writes to stderr.
const run = (line: string) => {
  if (line === 'kubectl multi') return { stdout: 'a b\nc\n', stderr: '' };
  if (line === 'kubectl err') return { stdout: '', stderr: 'Error from server (NotFound): x\n' };
  if (line === 'kubectl quote') return { stdout: `it's "q"\n`, stderr: '' };
  return { stdout: line.replace(/^kubectl /, '') + '\n', stderr: '' };
};

describe('$(…) substitution', () => {
  it.each([
    ['no substitution', 'kubectl get pv', 'kubectl get pv'],
    ['unquoted: trailing newline dropped', 'kubectl exec $(kubectl web-0) -- ls', 'kubectl exec web-0 -- ls'],
    // the inner line reaches the runner as written (quotes and all); the echo's quotes are output, hence data
    ['nested parentheses and quotes inside', `kubectl exec $(kubectl get -o jsonpath='{.items[(1)].name}') -- ls`, `kubectl exec get -o jsonpath=\\'{.items[(1)].name}\\' -- ls`],
    ['unquoted output is split into words later', 'kubectl x $(kubectl multi)', 'kubectl x a b\nc'],
    ['inside double quotes it stays one word', 'kubectl x "$(kubectl multi)"', 'kubectl x "a b\nc"'],
    ['single quotes are literal', `kubectl x '$(kubectl multi)'`, `kubectl x '$(kubectl multi)'`],
    ['quotes in the output are data', 'kubectl x $(kubectl quote)', `kubectl x it\\'s \\"q\\"`],
  ])('%s', (_name, text, want) => {
    expect(substitute(text, run).text).toBe(want);
  });

  it('keeps what the inner command wrote to stderr', () => {
    expect(substitute('kubectl exec $(kubectl err) -- ls', run)).toEqual({ text: 'kubectl exec  -- ls', stderr: 'Error from server (NotFound): x\n' });
  });

  it('reports an unclosed $(', () => {
    expect(() => substitute('kubectl exec $(kubectl get pods', run)).toThrow(SubstitutionError);
  });
});
