/**
 * Property tests: random path ids, query strings and bodies against every endpoint never produce a
 * 5xx and every failure is in the error shape. The service is a fake, so only the HTTP layer
 * (routing, validation, error mapping) is under test.
 */
import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import { PROVIDER_IDS } from '@airunway/shared-client/schemas/proxy';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MUTATING, testApp } from './testing/fakes';

const RUNS = 1000;

const ROUTES = [
  ['GET', '/api/health'],
  ['GET', '/api/health/version'],
  ['GET', '/api/installation/helm/status'],
  ['GET', '/api/openapi.json'],
  ['GET', '/api/installation/gateway/status'],
  ['POST', '/api/installation/gateway/install-crds'],
  ['GET', '/api/installation/gpu-operator/status'],
  ['POST', '/api/installation/gpu-operator/install'],
  ['GET', '/api/installation/providers/:id/status'],
  ['GET', '/api/installation/providers/:id/commands'],
  ['POST', '/api/installation/providers/:id/install'],
  ['POST', '/api/installation/providers/:id/upgrade'],
  ['POST', '/api/installation/providers/:id/uninstall'],
  ['POST', '/api/installation/providers/:id/uninstall-crds'],
] as const;

const anyId = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .constantFrom(...PROVIDER_IDS)
    .chain(id =>
      fc
        .tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }))
        .map(([a, b]) => `${a}${id}${b}`)
    ),
  fc.stringMatching(/^[a-z0-9-]{1,70}$/)
);

/** Path segment as a client might send it: encoded, or raw (with characters a URL parser fixes up). */
const segment = anyId.chain(id =>
  fc.constantFrom(
    encodeURIComponent(id),
    id.replace(/[/?#%\\\s]/g, ''),
    encodeURI(id).replace(/[/?#]/g, '_')
  )
);

const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }))
    .map(d => `?${new URLSearchParams(d).toString()}`),
  fc.string({ maxLength: 60 }).map(s => `?${encodeURI(s).replace(/#/g, '')}`)
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 })
);

function safeUrl(path: string): string | undefined {
  try {
    return new URL(`http://proxy.test${path}`).toString();
  } catch {
    return undefined;
  }
}

describe.each(ROUTES)('fuzz %s %s', (method, template) => {
  it(`never answers 5xx and always uses the error shape (${RUNS} runs)`, async () => {
    const { app, calls } = testApp();
    await fc.assert(
      fc.asyncProperty(segment, query, body, async (id, q, b) => {
        const url = safeUrl(template.replace(':id', id) + q);
        if (url === undefined) return;
        const res = await app.request(url, {
          method,
          ...(method === 'POST' && b !== undefined ? { body: b as any } : {}),
        });
        expect(res.status).toBeLessThan(500);
        const text = await res.text();
        if (res.status >= 400) {
          const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
          expect(parsed.success, text).toBe(true);
          expect(text).not.toMatch(/\n\s+at |stack/);
        }
      }),
      { numRuns: RUNS }
    );
    if (method === 'GET') expect(calls.filter(c => MUTATING.includes(c.method))).toEqual([]);
  });
});

describe('fuzz: methods and paths nobody serves', () => {
  it(`answer 4xx in the error shape (${RUNS} runs)`, async () => {
    const { app } = testApp();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.array(segment, { maxLength: 6 }),
        async (method, segs) => {
          const url = safeUrl(`/api/${segs.join('/')}`);
          if (url === undefined) return;
          const res = await app.request(url, { method });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400)
            expect(ErrorBodySchema.safeParse(await res.json()).success).toBe(true);
        }
      ),
      { numRuns: RUNS }
    );
  });
});
