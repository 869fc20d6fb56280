// How kubectl reports failures: client-side errors (`error: …`, cobra's `Error: …`) and API errors
// (`Error from server (NotFound): …`, as cmdutil.CheckErr / StandardErrorMessage print them).
import { ApiError, isApiError } from '../store/errors';

/** A failure that ends the command with this stderr text and exit code. */
export class KubectlError extends Error {
  constructor(
    readonly text: string,
    readonly code = 1,
  ) {
    super(text);
  }
}

/** `error: <msg>` */
export function clientError(msg: string): KubectlError {
  return new KubectlError(`error: ${msg}\n`);
}

/** cmdutil.UsageErrorf: the message plus `See 'kubectl <cmd> -h' for help and examples`. */
export function usageError(cmdPath: string, msg: string): KubectlError {
  return new KubectlError(`error: ${msg}\nSee 'kubectl ${cmdPath} -h' for help and examples\n`);
}

/** cobra flag errors: `Error: unknown flag: --bogus` + `See 'kubectl get --help' for usage.` */
export function flagError(cmdPath: string, msg: string): KubectlError {
  return new KubectlError(`Error: ${msg}\nSee 'kubectl ${cmdPath} --help' for usage.\n`);
}

/** StandardErrorMessage for API status errors. */
export function serverErrorLine(e: ApiError): string {
  return `Error from server (${e.reason}): ${e.message}`;
}

/**
 * cmdutil.CheckErr's IsInvalid branch: `The PersistentVolume "x" is invalid: <cause>` for one cause,
 * or `…is invalid: ` and one `* field: message` line per cause. The message (and any `error when
 * creating "f.yaml"` prefix added to it) is not shown.
 */
export function invalidText(e: ApiError): string {
  const d = e.details;
  let s = 'The request is invalid';
  const causes = d.causes ?? [];
  if (!d.kind && !d.name && !causes.length) return `${s}: ${e.message}\n`;
  if (d.kind || d.name) s = `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid`;
  else if (causes[0]?.field) s = `The ${causes[0].field} is invalid`;
  if (!causes.length) return s + '\n';
  const seen = new Set<string>();
  const errs: string[] = [];
  for (const c of causes) {
    const m = `${c.field ?? ''}: ${c.message}`;
    if (!seen.has(m)) errs.push(m), seen.add(m);
  }
  if (errs.length === 1) return `${s}: ${errs[0]}\n`;
  return `${s}: \n` + errs.map((x) => `* ${x}\n`).join('');
}

/**
 * utilerrors.Aggregate: the resource builder's ContinueOnError collects every reading error of a
 * command (parse, validation, mapping, decoding) into one of these. Alone it prints as its errors,
 * one a line; next to other errors it prints as its Error(): the messages deduplicated, comma-joined
 * and bracketed when there are several.
 */
export class Aggregate {
  constructor(readonly errors: readonly unknown[]) {}
}

/** Go's err.Error() of an error kubectl holds (no `error: ` prefix, no `Error from server`). */
export function goErrorString(e: unknown): string {
  if (e instanceof Aggregate) {
    const seen: string[] = [];
    const visit = (x: unknown) => {
      if (x instanceof Aggregate) x.errors.forEach(visit);
      else {
        const m = goErrorString(x);
        if (!seen.includes(m)) seen.push(m);
      }
    };
    visit(e);
    return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
  }
  if (e instanceof KubectlError) return e.text.replace(/^error: /, '').replace(/\n$/, '');
  if (isApiError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

/** What cmdutil.CheckErr prints for one error. */
export function errorText(e: unknown): string {
  if (e instanceof KubectlError) return e.text;
  if (isApiError(e)) return e.reason === 'Invalid' ? invalidText(e) : serverErrorLine(e) + '\n';
  const msg = e instanceof Error ? e.message : String(e);
  return (msg.startsWith('error: ') ? msg : `error: ${msg}`) + '\n';
}
