/** Reads the optional HuggingFace token from `X-HF-Token`. Invalid values are rejected without echoing them. */
import { HF_TOKEN_PATTERN } from '@airunway/shared-client/schemas/identifiers';
import { HF_TOKEN_HEADER } from '@airunway/shared-client/schemas/proxy';
import type { Context } from 'hono';
import { ProxyError } from '../errors';

export function hfTokenOf(c: Context): string | undefined {
  const raw = c.req.header(HF_TOKEN_HEADER);
  if (raw === undefined || raw.trim() === '') return undefined;
  const token = raw.trim();
  if (!HF_TOKEN_PATTERN.test(token)) {
    throw new ProxyError(
      'VALIDATION_ERROR',
      `The ${HF_TOKEN_HEADER} header is not a HuggingFace access token.`,
      { part: 'header' }
    );
  }
  return token;
}
