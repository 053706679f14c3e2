/**
 * Property tests for the HuggingFace, OAuth, costs, AI Configurator and AIKit endpoints, with the real
 * services against loopback stand-ins: random path ids, query strings, bodies and X-HF-Token values never
 * produce a 5xx, and every failure is in the error shape. Also: no log line ever contains the token.
 */
import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICES_PATH, startAzurePricing } from '../../test/fixtures/upstreams/azure-pricing';
import { type HubStandIn, startHfHub } from '../../test/fixtures/upstreams/hf-hub';
import type { StandIn } from '../../test/fixtures/upstreams/standin';
import { integrationApp } from './testing/integrations';

const RUNS = 1000;

let hub: HubStandIn;
let azure: StandIn;
let built: ReturnType<typeof integrationApp>;
beforeAll(async () => {
  hub = await startHfHub();
  azure = await startAzurePricing();
  built = integrationApp({
    hfEndpoint: hub.url,
    pricingEndpoint: `${azure.url}${PRICES_PATH}`,
    retries: 0,
  });
});
afterAll(async () => {
  await hub.close();
  await azure.close();
});

const ROUTES = [
  ['GET', '/api/models/search'],
  ['GET', '/api/models/:id/gguf-files'],
  ['GET', '/api/models/:id'],
  ['GET', '/api/models/:id/:id'],
  ['GET', '/api/oauth/huggingface/config'],
  ['POST', '/api/oauth/huggingface/start'],
  ['POST', '/api/oauth/huggingface/verifier/:id'],
  ['POST', '/api/oauth/huggingface/token'],
  ['POST', '/api/costs/estimate'],
  ['GET', '/api/costs/node-pools'],
  ['GET', '/api/costs/instance-price'],
  ['GET', '/api/costs/gpu-models'],
  ['GET', '/api/costs/normalize-gpu'],
  ['GET', '/api/aiconfigurator/status'],
  ['POST', '/api/aiconfigurator/analyze'],
  ['POST', '/api/aiconfigurator/normalize-gpu'],
  ['GET', '/api/aikit/models'],
  ['GET', '/api/aikit/models/:id'],
  ['POST', '/api/aikit/build'],
  ['POST', '/api/aikit/build/preview'],
  ['GET', '/api/aikit/infrastructure/status'],
  ['POST', '/api/aikit/infrastructure/setup'],
] as const;

const anyId = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.stringMatching(/^[A-Za-z0-9._-]{1,100}$/),
  fc.constantFrom('meta-llama', 'Llama-3.1-8B-Instruct', 'llama3.2-1b', '..', '.', 'a'.repeat(97))
);
const segment = anyId.chain(id =>
  fc.constantFrom(
    encodeURIComponent(id),
    id.replace(/[/?#%\\\s]/g, ''),
    encodeURI(id).replace(/[/?#]/g, '_')
  )
);

const queryKeys = fc.constantFrom(
  'q',
  'limit',
  'offset',
  'instanceType',
  'region',
  'label',
  'gpuCount',
  'replicas',
  'realtime',
  'computeType',
  'pools',
  'x'
);
const queryValues = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.integer({ min: -5, max: 100 }).map(String),
  fc.constantFrom(
    'Standard_NC24ads_A100_v4',
    'p4d.24xlarge',
    'eastus',
    'llama',
    'true',
    'gpu',
    '[]',
    '[{"name":"a","nodeCount":1,"gpuCount":1,"availableGpus":1}]'
  )
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(queryKeys, queryValues, { maxKeys: 4 })
    .map(d => `?${new URLSearchParams(d).toString()}`),
  fc.string({ maxLength: 60 }).map(s => `?${encodeURI(s).replace(/#/g, '')}`)
);

const validish = fc.record(
  {
    redirectUri: fc.constantFrom('http://localhost:1/cb', 'javascript:x', 'ftp://a'),
    code: fc.string({ maxLength: 20 }),
    codeVerifier: fc.oneof(fc.string({ maxLength: 50 }), fc.constant('v'.repeat(43))),
    gpuType: fc.constantFrom('A100-80GB', 'T4', 'x;y', ''),
    gpuCount: fc.integer({ min: -1, max: 2000 }),
    replicas: fc.integer({ min: -1, max: 20 }),
    modelId: fc.constantFrom('Qwen/Qwen2.5-7B-Instruct', 'a/b/c', '../x', 'nobody/none'),
    modelSource: fc.constantFrom('premade', 'huggingface', 'other'),
    premadeModel: fc.constantFrom('llama3.2-1b', 'nope', ''),
    ggufFile: fc.constantFrom('x.gguf', '../x.gguf', 'x.bin'),
    gpuProduct: fc.constantFrom('NVIDIA-H100-80GB-HBM3', '$(id)'),
  },
  { requiredKeys: [] }
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.json({ maxDepth: 3 }),
  validish.map(v => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.uint8Array({ maxLength: 300 })
);
const token = fc.oneof(
  fc.constant(undefined),
  fc.stringMatching(/^[A-Za-z0-9_]{1,40}$/),
  fc.string({ maxLength: 40 })
);

function safeUrl(path: string): string | undefined {
  try {
    return new URL(`http://proxy.test${path}`).toString();
  } catch {
    return undefined;
  }
}

function safeHeaders(t: string | undefined): Record<string, string> | undefined {
  if (t === undefined) return undefined;
  try {
    new Headers({ 'X-HF-Token': t });
    return { 'X-HF-Token': t };
  } catch {
    return undefined;
  }
}

describe.each(ROUTES)('fuzz %s %s', (method, template) => {
  it(`never answers 5xx and always uses the error shape (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(segment, segment, query, body, token, async (a, b, q, bd, t) => {
        let n = 0;
        const url = safeUrl(template.replace(/:id/g, () => (n++ === 0 ? a : b)) + q);
        if (url === undefined) return;
        const headers = safeHeaders(t);
        const res = await built.app.request(url, {
          method,
          ...(headers ? { headers } : {}),
          ...(method === 'POST' && bd !== undefined ? { body: bd as any } : {}),
        });
        const text = await res.text();
        expect(res.status, text).toBeLessThan(500);
        if (res.status >= 400) {
          const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
          expect(parsed.success, text).toBe(true);
          expect(text).not.toMatch(/\n\s+at |stack/);
        }
      }),
      { numRuns: RUNS }
    );
  }, 120_000);
});

describe('the X-HF-Token value never reaches a log line', () => {
  it('not on success, validation errors, upstream failures or timeouts', async () => {
    const secret = 'hf_SECRETsecret0123456789abcdefXYZ';
    const { call, logLines } = integrationApp({
      hfEndpoint: hub.url,
      pricingEndpoint: `${azure.url}${PRICES_PATH}`,
      retries: 0,
    });
    const headers = { 'X-HF-Token': secret };
    const requests: [string, string, unknown?][] = [
      ['GET', '/models/search?q=llama'],
      ['GET', '/models/meta-llama/Llama-3.1-8B-Instruct'],
      ['GET', '/models/bartowski/Llama-3.2-1B-Instruct-GGUF/gguf-files'],
      ['GET', '/models/secret-org/private-llama'],
      [
        'POST',
        '/aiconfigurator/analyze',
        { modelId: 'nobody/none-7B', gpuType: 'A100-80GB', gpuCount: 1 },
      ],
      ['POST', '/aikit/build', { modelSource: 'huggingface', modelId: 'a/b', ggufFile: 'x.gguf' }],
      ['GET', '/models/search?limit=99'],
    ];
    for (const [m, p, b] of requests) await call(m, p, { headers, ...(b ? { body: b } : {}) });
    hub.fault({ status: 500 });
    await call('GET', '/models/search?q=fault500', { headers });
    hub.fault({ delayMs: 1500 });
    await call('GET', '/models/search?q=faultslow', { headers });
    hub.fault(undefined);
    // A token in the wrong shape is rejected, and not echoed either.
    await call('GET', '/models/search?q=x', { headers: { 'X-HF-Token': `${secret} extra` } });
    // Upstream saw it, as a bearer token.
    expect(hub.hits.some(h => h.headers.authorization === `Bearer ${secret}`)).toBe(true);
    expect(logLines.length).toBeGreaterThan(5);
    for (const line of logLines) expect(line).not.toContain(secret);
  }, 20_000);
});
