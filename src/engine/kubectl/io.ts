// What a running command accumulates: stdout, stderr and the errors kubectl prints at the end.
import type { KubectlContext, KubectlResult } from './types';
import { KubectlError, errorText, serverErrorLine } from './errors';
import { isApiError } from '../store/errors';

export class Io {
  out = '';
  err = '';
  readonly errors: unknown[] = [];
  code = 0;
  constructor(readonly ctx: KubectlContext) {}

  print(s: string): void {
    this.out += s;
  }
  warn(s: string): void {
    this.err += s;
  }
  /** An error that does not stop the command (kubectl's ContinueOnError); reported at the end. */
  fail(e: unknown): void {
    this.errors.push(e);
  }

  /**
   * cmdutil.CheckErr on the aggregate: one error as CheckErr prints it (`error: …`, `The X "y" is
   * invalid: …`), several through MultipleErrors (StandardErrorMessage, no `error: ` prefix).
   */
  result(): KubectlResult {
    let err = this.err;
    if (this.errors.length === 1) err += errorText(this.errors[0]);
    else if (this.errors.length > 1)
      for (const e of this.errors) {
        const line = isApiError(e) ? serverErrorLine(e) : e instanceof KubectlError ? e.text.replace(/^error: /, '') : String((e as Error).message ?? e);
        err += line.endsWith('\n') ? line : line + '\n';
      }
    const code = this.errors.length ? 1 : this.code;
    return { stdout: this.out, stderr: err, code };
  }
}
