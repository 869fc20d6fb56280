// What a running command accumulates: stdout, stderr and the errors kubectl prints at the end.
import type { KubectlContext, KubectlResult } from './types';
import { Aggregate, KubectlError, errorText, goErrorString, serverErrorLine } from './errors';
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
    if (this.errors.length) {
      // the command returns its one error, or NewAggregate(errs); checkErr unwraps an aggregate of one
      let top: unknown = this.errors.length === 1 ? this.errors[0] : new Aggregate(this.errors);
      if (top instanceof Aggregate && top.errors.length === 1) top = top.errors[0];
      // an aggregate left (several errors, or `get -f`'s nested reading errors) prints through
      // MultipleErrors: StandardErrorMessage or Error() per line, no `error: ` prefix
      if (top instanceof Aggregate)
        for (const e of top.errors) {
          const line = e instanceof Aggregate ? goErrorString(e) : isApiError(e) ? serverErrorLine(e) : e instanceof KubectlError ? e.text.replace(/^error: /, '') : String((e as Error).message ?? e);
          err += line.endsWith('\n') ? line : line + '\n';
        }
      else err += errorText(top);
    }
    const code = this.errors.length ? 1 : this.code;
    return { stdout: this.out, stderr: err, code };
  }
}
