import { z } from 'zod';

export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UPSTREAM_UNAVAILABLE',
  'CLUSTER_UNAVAILABLE',
  'PROVIDER_NOT_INSTALLED',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Every error the proxy returns. `details` is structured data, never a stack trace. */
export const ErrorBodySchema = z.object({
  error: z.string(),
  code: ErrorCodeSchema,
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/**
 * The HTTP status the proxy answers with for each code. PROVIDER_NOT_INSTALLED uses 424 (Failed
 * Dependency) so that it stays distinguishable from CONFLICT when only the status survives.
 */
export const ERROR_HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PROVIDER_NOT_INSTALLED: 424,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 502,
  CLUSTER_UNAVAILABLE: 503,
};

export function httpStatusForErrorCode(code: ErrorCode): number {
  return ERROR_HTTP_STATUS[code];
}

/**
 * The code to assume when a failure carries only an HTTP status (for example an error page from the
 * API server's service proxy rather than a body from the proxy itself).
 */
export function errorCodeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION_ERROR';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
    case 410:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 424:
      return 'PROVIDER_NOT_INSTALLED';
    case 429:
    case 502:
    case 503:
    case 504:
      return 'UPSTREAM_UNAVAILABLE';
    default:
      if (status >= 500) return 'INTERNAL';
      return 'VALIDATION_ERROR';
  }
}

export function errorBody(
  code: ErrorCode,
  error: string,
  details?: Record<string, unknown>
): ErrorBody {
  return details === undefined ? { error, code } : { error, code, details };
}
