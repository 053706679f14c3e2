import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ERROR_HTTP_STATUS,
  errorBody,
  ErrorBodySchema,
  errorCodeForStatus,
  httpStatusForErrorCode,
} from './errors';

describe('ErrorBodySchema', () => {
  it('accepts the documented shape, with and without details', () => {
    const body = { error: 'Error message', code: 'NOT_FOUND', details: {} };
    expect(ErrorBodySchema.parse(body)).toEqual(body);
    expect(ErrorBodySchema.parse({ error: 'x', code: 'INTERNAL' })).toEqual({
      error: 'x',
      code: 'INTERNAL',
    });
  });

  it('rejects a code outside the list and a missing message', () => {
    expect(ErrorBodySchema.safeParse({ error: 'x', code: 'TEAPOT' }).success).toBe(false);
    expect(ErrorBodySchema.safeParse({ code: 'INTERNAL' }).success).toBe(false);
    expect(
      ErrorBodySchema.safeParse({ error: 'x', code: 'INTERNAL', details: 'stack' }).success
    ).toBe(false);
  });

  it('errorBody builds bodies the schema accepts', () => {
    for (const code of ERROR_CODES) {
      expect(ErrorBodySchema.parse(errorBody(code, 'message', { field: 'q' }))).toEqual({
        error: 'message',
        code,
        details: { field: 'q' },
      });
    }
  });
});

describe('HTTP status mapping', () => {
  it('uses the statuses the architecture documents', () => {
    expect(ERROR_HTTP_STATUS).toMatchObject({
      VALIDATION_ERROR: 400,
      UNAUTHORIZED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      INTERNAL: 500,
    });
    expect([502, 503, 504]).toContain(ERROR_HTTP_STATUS.UPSTREAM_UNAVAILABLE);
  });

  it('every code has a status that maps back to it, except CLUSTER_UNAVAILABLE which shares 503', () => {
    for (const code of ERROR_CODES) {
      const status = httpStatusForErrorCode(code);
      expect(status).toBeGreaterThanOrEqual(400);
      const expected = code === 'CLUSTER_UNAVAILABLE' ? 'UPSTREAM_UNAVAILABLE' : code;
      expect(errorCodeForStatus(status)).toBe(expected);
    }
  });

  it('maps gateway errors to UPSTREAM_UNAVAILABLE and other 5xx to INTERNAL', () => {
    expect(errorCodeForStatus(502)).toBe('UPSTREAM_UNAVAILABLE');
    expect(errorCodeForStatus(504)).toBe('UPSTREAM_UNAVAILABLE');
    expect(errorCodeForStatus(501)).toBe('INTERNAL');
    expect(errorCodeForStatus(422)).toBe('VALIDATION_ERROR');
  });
});
