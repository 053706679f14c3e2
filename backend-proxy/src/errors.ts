/**
 * The proxy's error type and its mapping to the wire shape `{ error, code, details? }`
 * (shared-client/src/schemas/errors.ts). Nothing here ever puts a stack trace or an exception's
 * internals into a response; unexpected errors become a generic INTERNAL answer and are logged.
 */
import {
  type ErrorBody,
  errorBody,
  type ErrorCode,
  httpStatusForErrorCode,
} from '@airunway/shared-client/schemas/errors';
import type { ZodError } from 'zod';

export class ProxyError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Overrides the code's default status (UPSTREAM_UNAVAILABLE is 502, 503 or 504; 413 for bodies). */
    status?: number
  ) {
    super(message);
    this.name = 'ProxyError';
    this.status = status ?? httpStatusForErrorCode(code);
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  code: string;
}

/** zod issues as plain data, without the rejected input (it may be large or carry a secret). */
export function issuesOf(error: ZodError): ValidationIssue[] {
  return error.issues.slice(0, 20).map(issue => ({
    path: issue.path.map(p => (typeof p === 'symbol' ? String(p) : p)),
    message: issue.message,
    code: issue.code,
  }));
}

export function validationError(part: string, error: ZodError): ProxyError {
  const issues = issuesOf(error);
  const first = issues[0];
  const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  return new ProxyError(
    'VALIDATION_ERROR',
    `Invalid ${part}${where}: ${first?.message ?? 'the value is not valid'}`,
    { part, issues }
  );
}

export const notFound = (what: string, details?: Record<string, unknown>) =>
  new ProxyError('NOT_FOUND', what, details);

export const conflict = (what: string, details?: Record<string, unknown>) =>
  new ProxyError('CONFLICT', what, details);

/** Anything thrown that is not a ProxyError: a generic answer, never the message or stack. */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  return new ProxyError(
    'INTERNAL',
    'The AI Runway proxy failed unexpectedly. Try again; if it keeps failing, check the proxy logs.'
  );
}
