import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import {
  HfModelInfoResponseSchema,
  ModelSearchResponseSchema,
} from '@airunway/shared-client/schemas/proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type HubStandIn, startHfHub, VALID_TOKEN } from '../../../test/fixtures/upstreams/hf-hub';
import { integrationApp } from '../testing/integrations';

let hub: HubStandIn;
beforeAll(async () => {
  hub = await startHfHub();
});
afterAll(() => hub.close());
afterEach(() => hub.fault(undefined));

const fresh = () => integrationApp({ hfEndpoint: hub.url });

describe('GET /models/search', () => {
  it('asks the Hub for text-generation with the expand fields, and filters incompatible architectures', async () => {
    const { call } = fresh();
    hub.hits.length = 0;
    const res = await call('GET', '/models/search?q=llama&limit=10');
    expect(res.status).toBe(200);
    expect(ModelSearchResponseSchema.parse(res.body)).toBeTruthy();
    const hit = hub.hits[0]!;
    expect(hit.path).toBe('/api/models');
    expect(hit.query.get('search')).toBe('llama');
    expect(hit.query.get('pipeline_tag')).toBe('text-generation');
    expect(hit.query.get('limit')).toBe('11');
    expect(hit.query.get('skip')).toBe('0');
    expect(hit.query.getAll('expand[]')).toEqual(
      expect.arrayContaining(['safetensors', 'config', 'gated'])
    );
    const ids = res.body.models.map((m: any) => m.id);
    expect(ids).toContain('meta-llama/Llama-3.1-8B-Instruct');
    expect(ids).toContain('bartowski/Llama-3.2-1B-Instruct-GGUF');
    expect(ids).not.toContain('llama-fans/Llama-Weird-3B');
    expect(ids).not.toContain('secret-org/private-llama');
    expect(res.body.hasMore).toBe(true);
    expect(res.body.limit).toBe(10);
  });

  it('reports the gated flag, parameter count from safetensors and the GPU memory estimate', async () => {
    const { call } = fresh();
    const res = await call('GET', '/models/search?q=instruct&limit=50');
    const byId = Object.fromEntries(res.body.models.map((m: any) => [m.id, m]));
    const llama = byId['meta-llama/Llama-3.1-8B-Instruct'];
    expect(llama.gated).toBe(true); // "manual"
    expect(byId['mistralai/Mistral-7B-Instruct-v0.3'].gated).toBe(true); // "auto"
    expect(byId['Qwen/Qwen2.5-7B-Instruct'].gated).toBe(false);
    expect(llama.parameterCount).toBe(8_030_261_248);
    // (8.03e9 × 2 bytes) × 1.2 = 19.27 GB → 19.3
    expect(llama.estimatedGpuMemoryGb).toBe(19.3);
    expect(llama.estimatedGpuMemory).toBe('19.3GB');
    expect(llama.supportedEngines).toEqual(['vllm', 'sglang', 'trtllm']);
    expect(byId['bartowski/Llama-3.2-1B-Instruct-GGUF'].supportedEngines).toEqual(['llamacpp']);
    expect(res.body.hasMore).toBe(false);
  });

  it('pages with offset and limit', async () => {
    const { call } = fresh();
    const first = await call('GET', '/models/search?q=llama-finetune&limit=25');
    const second = await call('GET', '/models/search?q=llama-finetune&limit=25&offset=25');
    const third = await call('GET', '/models/search?q=llama-finetune&limit=25&offset=50');
    expect(first.body.models).toHaveLength(25);
    expect(second.body.models).toHaveLength(25);
    expect(third.body.models).toHaveLength(10);
    expect(
      new Set(
        [...first.body.models, ...second.body.models, ...third.body.models].map((m: any) => m.id)
      ).size
    ).toBe(60);
    expect([first.body.hasMore, second.body.hasMore, third.body.hasMore]).toEqual([
      true,
      true,
      false,
    ]);
    expect(third.body.total).toBe(60);
    expect(second.body.offset).toBe(25);
  });

  it('rejects limit > 50 and a missing query with 400 before calling the Hub', async () => {
    const { call } = fresh();
    hub.hits.length = 0;
    for (const path of [
      '/models/search?q=llama&limit=51',
      '/models/search?limit=5',
      '/models/search?q=llama&offset=-1',
    ]) {
      const res = await call('GET', path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_ERROR');
    }
    expect(hub.hits).toHaveLength(0);
  });

  it('forwards X-HF-Token as a bearer token and never caches token searches', async () => {
    const { call } = fresh();
    hub.hits.length = 0;
    const res = await call('GET', '/models/search?q=private', {
      headers: { 'X-HF-Token': VALID_TOKEN },
    });
    expect(res.body.models.map((m: any) => m.id)).toEqual(['secret-org/private-llama']);
    expect(hub.hits[0]!.headers.authorization).toBe(`Bearer ${VALID_TOKEN}`);
    await call('GET', '/models/search?q=private', { headers: { 'X-HF-Token': VALID_TOKEN } });
    expect(hub.hits).toHaveLength(2);
    const anon = await call('GET', '/models/search?q=private');
    expect(anon.body.models).toEqual([]);
    expect(hub.hits[2]!.headers.authorization).toBeUndefined();
  });

  it('rejects a malformed X-HF-Token without echoing it', async () => {
    const { call } = fresh();
    const res = await call('GET', '/models/search?q=x', {
      headers: { 'X-HF-Token': 'bad token\twith spaces' },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toContain('bad token');
  });

  it('serves a repeated search from the cache, byte for byte, with an entity tag to revalidate', async () => {
    const { app } = fresh();
    hub.hits.length = 0;
    const first = await app.request('/api/models/search?q=qwen');
    const second = await app.request('/api/models/search?q=qwen');
    expect(hub.hits).toHaveLength(1);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    expect(second.headers.get('etag')).toBe(etag);
    expect(second.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await second.text();
    expect(body).toBe(await first.text());
    expect(ModelSearchResponseSchema.parse(JSON.parse(body)).query).toBe('qwen');
    const revalidated = await app.request('/api/models/search?q=qwen', {
      headers: { 'If-None-Match': etag! },
    });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect(hub.hits).toHaveLength(1);
  });

  it('maps upstream 500 to 502, a slow Hub to 504 and malformed JSON to 502, in the error shape', async () => {
    const { call } = fresh();
    hub.fault({ status: 500 });
    const r500 = await call('GET', '/models/search?q=a1');
    expect(r500.status).toBe(502);
    expect(r500.body.code).toBe('UPSTREAM_UNAVAILABLE');
    hub.fault({ malformed: true });
    const bad = await call('GET', '/models/search?q=a2');
    expect(bad.status).toBe(502);
    hub.fault({ delayMs: 1500 });
    const slow = await call('GET', '/models/search?q=a3');
    expect(slow.status).toBe(504);
    for (const r of [r500, bad, slow]) {
      expect(ErrorBodySchema.safeParse(r.body).success).toBe(true);
      expect(JSON.stringify(r.body)).not.toMatch(/\n\s+at |stack/);
    }
  }, 20_000);

  it('retries a failing GET and succeeds when the Hub recovers', async () => {
    const { call } = fresh();
    hub.hits.length = 0;
    hub.fault({ status: 503, times: 2 });
    const res = await call('GET', '/models/search?q=mistral');
    expect(res.status).toBe(200);
    expect(hub.hits).toHaveLength(3);
  });

  it('serves the stale cached answer when the Hub fails after the TTL', async () => {
    const { call } = integrationApp({ hfEndpoint: hub.url, env: { HF_SEARCH_CACHE_TTL_MS: '1' } });
    const first = await call('GET', '/models/search?q=qwen2.5');
    await new Promise(r => setTimeout(r, 10));
    hub.fault({ status: 500 });
    const second = await call('GET', '/models/search?q=qwen2.5');
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });
});

describe('GET /models/:id and /models/:id/gguf-files', () => {
  it('returns model details with license and catalog architecture', async () => {
    const { call } = fresh();
    const res = await call('GET', '/models/meta-llama/Llama-3.1-8B-Instruct');
    expect(res.status).toBe(200);
    const info = HfModelInfoResponseSchema.parse(res.body);
    expect(info.license).toBe('llama3.1');
    expect(info.gated).toBe(true);
    expect(info.contextLength).toBe(131072);
    expect(info.architecture?.numLayers).toBe(32);
    expect(hub.hits.at(-1)!.path).toBe('/api/models/meta-llama/Llama-3.1-8B-Instruct');
  });

  it('answers 404 for an unknown model and 403 for a private one without a token', async () => {
    const { call } = fresh();
    const missing = await call('GET', '/models/nobody/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    const priv = await call('GET', '/models/secret-org/private-llama');
    expect(priv.status).toBe(403);
    const withToken = await call('GET', '/models/secret-org/private-llama', {
      headers: { 'X-HF-Token': VALID_TOKEN },
    });
    expect(withToken.status).toBe(200);
  });

  it('rejects traversal and odd ids with 400 before calling the Hub', async () => {
    const { call } = fresh();
    hub.hits.length = 0;
    for (const id of ['..%2F..%2Fetc', 'a/b/c', 'a%3Fx%3D1']) {
      const res = await call('GET', `/models/${id}`);
      expect([400, 404]).toContain(res.status);
    }
    expect(hub.hits).toHaveLength(0);
  });

  it('lists GGUF files (LFS sizes, sub-folders, no traversal names)', async () => {
    const { call } = fresh();
    const res = await call('GET', '/models/bartowski/Llama-3.2-1B-Instruct-GGUF/gguf-files');
    expect(res.status).toBe(200);
    expect(res.body.files).toEqual([
      { filename: 'Llama-3.2-1B-Instruct-Q4_K_M.gguf', size: 807_694_464 },
      { filename: 'Llama-3.2-1B-Instruct-Q8_0.gguf', size: 1_321_083_008 },
      { filename: 'split/Llama-3.2-1B-Instruct-f16-00001-of-00002.gguf', size: 1_500_000_000 },
    ]);
    expect(hub.hits.at(-1)!.path).toBe(
      '/api/models/bartowski/Llama-3.2-1B-Instruct-GGUF/tree/main'
    );
    const none = await call('GET', '/models/Qwen/Qwen2.5-7B-Instruct/gguf-files');
    expect(none.body.files).toEqual([]);
  });
});
