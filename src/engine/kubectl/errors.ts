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

export function errorText(e: unknown): string {
  if (e instanceof KubectlError) return e.text;
  if (isApiError(e)) return serverErrorLine(e) + '\n';
  return `error: ${e instanceof Error ? e.message : String(e)}\n`;
}
