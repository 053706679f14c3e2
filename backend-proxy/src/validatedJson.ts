/**
 * A response body validated against its schema and serialised once, when the value is produced.
 *
 * Cached answers (HuggingFace search) are served many times; validating and stringifying the same
 * object on every request was most of the proxy's per-request work. A handler may return a
 * ValidatedJson instead of a plain value: routes/define.ts then sends `body` as is, after checking it
 * was validated against that very route's response schema, so "every response is validated" still
 * holds — the validation happened exactly once, when the value entered the cache.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';

export class ValidatedJson {
  private constructor(
    /** The schema `body` was validated against (define.ts compares it with the route's). */
    readonly schema: z.ZodType,
    /** The serialised, validated value (the schema's output: unknown keys stripped). */
    readonly body: string,
    /** A strong entity tag of `body`, for If-None-Match. */
    readonly etag: string
  ) {}

  /**
   * Validates `value` with `schema` and serialises the result. A mismatch is a bug in the proxy, not the
   * caller's fault: the error carries the issues for the log and becomes an INTERNAL answer.
   */
  static of(schema: z.ZodType, value: unknown, what = 'response'): ValidatedJson {
    const checked = schema.safeParse(value);
    if (!checked.success) {
      throw Object.assign(new Error(`${what} does not match its schema`), {
        issues: checked.error.issues,
      });
    }
    const body = JSON.stringify(checked.data);
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    return new ValidatedJson(schema, body, etag);
  }
}
