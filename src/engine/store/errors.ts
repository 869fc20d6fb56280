// API errors with the apiserver's reasons and message text (k8s.io/apimachinery/pkg/api/errors).
import { KINDS, type KindInfo } from '../model/kinds';

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Forbidden'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'InternalError';

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  Forbidden: 403,
  BadRequest: 400,
  MethodNotAllowed: 405,
  InternalError: 500,
};

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** A failed API call, shaped like metav1.Status. */
export class ApiError extends Error {
  readonly code: number;
  constructor(
    readonly reason: StatusReason,
    message: string,
    readonly details: { name?: string; group?: string; kind?: string; causes?: StatusCause[] } = {},
  ) {
    super(message);
    this.code = CODES[reason];
  }
  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** `persistentvolumeclaims` or `storageclasses.storage.k8s.io`: how errors name a resource. */
export function qualifiedResource(k: KindInfo): string {
  return k.group ? `${k.plural}.${k.group}` : k.plural;
}

/** `PersistentVolumeClaim` or `StorageClass.storage.k8s.io`: GroupKind.String(). */
export function qualifiedKind(k: KindInfo): string {
  return k.group ? `${k.kind}.${k.group}` : k.kind;
}

export function notFound(k: KindInfo, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource(k)} "${name}" not found`, {
    name,
    group: k.group,
    kind: k.plural,
  });
}

export function alreadyExists(k: KindInfo, name: string): ApiError {
  return new ApiError('AlreadyExists', `${qualifiedResource(k)} "${name}" already exists`, {
    name,
    group: k.group,
    kind: k.plural,
  });
}

export function conflict(k: KindInfo, name: string, why: string): ApiError {
  return new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(k)} "${name}": ${why}`, {
    name,
    group: k.group,
    kind: k.plural,
  });
}

export const CONFLICT_MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export function forbidden(k: KindInfo, name: string, why: string): ApiError {
  return new ApiError('Forbidden', `${qualifiedResource(k)} "${name}" is forbidden: ${why}`, {
    name,
    group: k.group,
    kind: k.plural,
  });
}

export function badRequest(message: string): ApiError {
  return new ApiError('BadRequest', message);
}

export function kindByName(kind: string): KindInfo | undefined {
  return KINDS.find((k) => k.kind === kind);
}
