import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import { NodePoolCostsResponseSchema } from '@airunway/shared-client/schemas/proxy';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRICES_PATH, startAzurePricing } from '../../../test/fixtures/upstreams/azure-pricing';
import type { StandIn } from '../../../test/fixtures/upstreams/standin';
import { fakeKube, integrationApp } from '../testing/integrations';
import { AzurePricing, PRICE_CACHE_MAX, PRICE_CACHE_TTL_MS } from './azure';
import { detectProvider } from './provider';

let azure: StandIn;
beforeAll(async () => {
  azure = await startAzurePricing();
});
afterAll(() => azure.close());
afterEach(() => azure.fault(undefined));

const app = (env: Record<string, string> = {}) =>
  integrationApp({ pricingEndpoint: `${azure.url}${PRICES_PATH}`, env });

const POOLS = [
  {
    name: 'a100',
    instanceType: 'Standard_NC24ads_A100_v4',
    region: 'eastus',
    nodeCount: 2,
    gpuCount: 2,
    availableGpus: 1,
    gpuProduct: 'NVIDIA-A100-SXM4-80GB',
  },
  {
    name: 'h100',
    instanceType: 'Standard_ND96isr_H100_v5',
    region: 'eastus',
    nodeCount: 1,
    gpuCount: 8,
    availableGpus: 8,
  },
  {
    name: 'aws',
    instanceType: 'p4d.24xlarge',
    region: 'us-east-1',
    nodeCount: 1,
    gpuCount: 8,
    availableGpus: 8,
  },
  {
    name: 'cpu',
    instanceType: 'Standard_D8s_v5',
    region: 'eastus',
    nodeCount: 2,
    gpuCount: 0,
    availableGpus: 0,
  },
];
const poolsQuery = (pools: unknown) => `pools=${encodeURIComponent(JSON.stringify(pools))}`;

describe('provider detection', () => {
  it.each([
    ['Standard_NC24ads_A100_v4', 'azure'],
    ['Standard_D8s_v5', 'azure'],
    ['p4d.24xlarge', 'aws'],
    ['g5.xlarge', 'aws'],
    ['p6-b200.48xlarge', 'aws'],
    ['a2-highgpu-1g', 'gcp'],
    ['a3-highgpu-8g', 'gcp'],
    ['g2-standard-8', 'gcp'],
    ['n1-standard-4', 'gcp'],
    ['banana', undefined],
  ])('%s → %s', (type, provider) => expect(detectProvider(type)).toBe(provider));
});

describe('GET /costs/instance-price', () => {
  it('returns the on-demand Linux price (Spot, Low Priority, Windows and reservations skipped, pages followed)', async () => {
    const { call } = app();
    azure.hits.length = 0;
    const res = await call(
      'GET',
      '/costs/instance-price?instanceType=Standard_NC24ads_A100_v4&region=eastus'
    );
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.cached).toBe(false);
    expect(res.body.price).toMatchObject({
      instanceType: 'Standard_NC24ads_A100_v4',
      provider: 'azure',
      region: 'eastus',
      hourlyPrice: 3.673,
      currency: 'USD',
      gpuCount: 1,
      gpuModel: 'A100-80GB',
    });
    expect(azure.hits).toHaveLength(2);
    const filter = azure.hits[0]!.query.get('$filter')!;
    expect(filter).toContain("armSkuName eq 'Standard_NC24ads_A100_v4'");
    expect(filter).toContain("armRegionName eq 'eastus'");
  });

  it('serves the second call from the cache (upstream hits counted)', async () => {
    const { call } = app();
    azure.hits.length = 0;
    await call('GET', '/costs/instance-price?instanceType=Standard_ND96isr_H100_v5&region=eastus');
    const before = azure.hits.length;
    const second = await call(
      'GET',
      '/costs/instance-price?instanceType=Standard_ND96isr_H100_v5&region=eastus'
    );
    expect(second.body.cached).toBe(true);
    expect(azure.hits.length).toBe(before);
  });

  it('uses a 1 h TTL and at most 1,000 entries', () => {
    expect(PRICE_CACHE_TTL_MS).toBe(3_600_000);
    expect(PRICE_CACHE_MAX).toBe(1000);
  });

  it('answers AWS and GCP instance types "not yet supported" without calling the API', async () => {
    const { call } = app();
    azure.hits.length = 0;
    const aws = await call('GET', '/costs/instance-price?instanceType=p4d.24xlarge');
    expect(aws.status).toBe(200);
    expect(aws.body).toMatchObject({ success: false, provider: 'aws' });
    expect(aws.body.error).toMatch(/not yet supported/);
    const gcp = await call('GET', '/costs/instance-price?instanceType=a3-highgpu-8g');
    expect(gcp.body).toMatchObject({ success: false, provider: 'gcp' });
    const g5 = await call('GET', '/costs/instance-price?instanceType=g5.xlarge');
    expect(g5.body.provider).toBe('aws');
    expect(azure.hits).toHaveLength(0);
  });

  it('retries a 500 with backoff and succeeds', async () => {
    const { call } = app();
    azure.hits.length = 0;
    azure.fault({ status: 500, times: 1 });
    const res = await call(
      'GET',
      '/costs/instance-price?instanceType=Standard_NC24ads_A100_v4&region=westeurope'
    );
    expect(res.status).toBe(200);
    expect(res.body.price.hourlyPrice).toBe(4.05);
    expect(azure.hits.length).toBe(3); // failed + retry page 1 + page 2
  });

  it('faults without a cache: 502 for 500 and malformed JSON, 504 for a slow API, in the error shape', async () => {
    const { call } = app();
    azure.fault({ status: 500 });
    const e500 = await call(
      'GET',
      '/costs/instance-price?instanceType=Standard_D8s_v5&region=eastus'
    );
    expect(e500.status).toBe(502);
    azure.fault({ malformed: true });
    const bad = await call(
      'GET',
      '/costs/instance-price?instanceType=Standard_D8s_v5&region=eastus'
    );
    expect(bad.status).toBe(502);
    azure.fault({ delayMs: 1500 });
    const slow = await call(
      'GET',
      '/costs/instance-price?instanceType=Standard_D8s_v5&region=eastus'
    );
    expect(slow.status).toBe(504);
    for (const r of [e500, bad, slow]) {
      expect(ErrorBodySchema.safeParse(r.body).success).toBe(true);
      expect(r.body.code).toBe('UPSTREAM_UNAVAILABLE');
    }
  }, 20_000);

  it('serves a stale cached price when the API fails after the TTL', async () => {
    // lru-cache treats a start time of 0 as "no TTL", so the clock starts later.
    let now = 1_000_000;
    const pricing = new AzurePricing({
      endpoint: `${azure.url}${PRICES_PATH}`,
      timeoutMs: 1000,
      retries: 0,
      now: () => now,
    });
    const first = await pricing.price('Standard_D8s_v5', 'eastus');
    expect(first.cached).toBe(false);
    now += PRICE_CACHE_TTL_MS + 1;
    azure.fault({ status: 500 });
    const stale = await pricing.price('Standard_D8s_v5', 'eastus');
    expect(stale).toMatchObject({ cached: true, stale: true });
    expect(stale.price.hourlyPrice).toBe(0.384);
  });

  it('an unknown SKU is 404 and bad input is 400', async () => {
    const { call } = app();
    expect(
      (await call('GET', '/costs/instance-price?instanceType=Standard_Nope_v9&region=eastus'))
        .status
    ).toBe(404);
    expect(
      (await call('GET', '/costs/instance-price?instanceType=a%27%20or%201%20eq%201')).status
    ).toBe(400);
    expect(
      (await call('GET', '/costs/instance-price?instanceType=Standard_D8s_v5&region=east%27us'))
        .status
    ).toBe(400);
  });
});

describe('GET /costs/node-pools', () => {
  it('prices the pools the plugin sends: Azure real-time, AWS static at low confidence with a note', async () => {
    const { call } = app();
    const res = await call('GET', `/costs/node-pools?gpuCount=2&${poolsQuery(POOLS)}`);
    expect(res.status).toBe(200);
    const body = NodePoolCostsResponseSchema.parse(res.body);
    expect(body.nodePoolCosts.map(p => p.poolName)).toEqual(['a100', 'h100', 'aws']);
    const [a100, h100, aws] = body.nodePoolCosts;
    expect(a100!.realtimePricing).toMatchObject({
      hourlyPrice: 3.673,
      source: 'realtime',
      region: 'eastus',
    });
    expect(a100!.costBreakdown.estimate).toMatchObject({
      source: 'cloud-api',
      confidence: 'high',
      hourly: 7.35,
    });
    expect(h100!.costBreakdown.perGpu.hourly).toBe(12.29);
    // The whole pool: instance price × nodes (a100: 2 nodes at 3.673/h), and static per-GPU × GPUs for AWS.
    expect(a100!.poolCost).toMatchObject({
      hourly: 7.35,
      monthly: 5362.58,
      source: 'cloud-api',
      confidence: 'high',
    });
    expect(aws!.poolCost).toMatchObject({ source: 'static', confidence: 'low', currency: 'USD' });
    expect(aws!.poolCost!.monthly).toBeGreaterThan(0);
    expect(aws!.realtimePricing).toBeUndefined();
    expect(aws!.costBreakdown.estimate).toMatchObject({ source: 'static', confidence: 'low' });
    expect(aws!.costBreakdown.notes.join(' ')).toMatch(/not yet supported/);
    expect(body.cacheStats).toMatchObject({ ttlMs: 3_600_000, maxEntries: 1000 });
    const cpu = await call('GET', `/costs/node-pools?computeType=cpu&${poolsQuery(POOLS)}`);
    expect(cpu.body.nodePoolCosts.map((p: any) => p.poolName)).toEqual(['cpu']);
  });

  it('falls back to static prices with confidence low when the API is down', async () => {
    const { call } = app();
    azure.fault({ status: 500 });
    const res = await call(
      'GET',
      `/costs/node-pools?${poolsQuery([{ ...POOLS[0], region: 'westus9' }])}`
    );
    expect(res.status).toBe(200);
    const pool = res.body.nodePoolCosts[0];
    expect(pool.costBreakdown.estimate).toMatchObject({ source: 'static', confidence: 'low' });
    expect(pool.costBreakdown.estimate.hourly).toBeGreaterThan(0);
    expect(res.body.pricingSource).toBe('static');
  });

  it('prices a month of the hours the cluster settings ask for, and refuses hours outside 1-744', async () => {
    const { call } = app();
    const res = await call('GET', `/costs/node-pools?hoursPerMonth=100&${poolsQuery(POOLS)}`);
    expect(res.status).toBe(200);
    const [a100] = NodePoolCostsResponseSchema.parse(res.body).nodePoolCosts;
    // 2 nodes at 3.673/h for 100 hours.
    expect(a100!.poolCost).toMatchObject({ monthly: 734.6 });
    expect(a100!.costBreakdown.perGpu.monthly).toBeCloseTo(
      a100!.costBreakdown.perGpu.hourly * 100,
      0
    );
    expect(
      (await call('GET', `/costs/node-pools?hoursPerMonth=745&${poolsQuery(POOLS)}`)).status
    ).toBe(400);
  });

  it('realtime=false never calls the API', async () => {
    const { call } = app();
    azure.hits.length = 0;
    const res = await call('GET', `/costs/node-pools?realtime=false&${poolsQuery(POOLS)}`);
    expect(res.status).toBe(200);
    expect(azure.hits).toHaveLength(0);
  });

  it("reads the cluster's nodes when no pools are sent", async () => {
    const kube = fakeKube((method, path) =>
      method === 'GET' && path === '/api/v1/nodes'
        ? {
            status: 200,
            body: {
              items: [
                {
                  metadata: {
                    name: 'n1',
                    labels: {
                      agentpool: 'gpu',
                      'node.kubernetes.io/instance-type': 'Standard_NC24ads_A100_v4',
                      'topology.kubernetes.io/region': 'eastus',
                      'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB',
                    },
                  },
                  status: {
                    capacity: { 'nvidia.com/gpu': '1' },
                    allocatable: { 'nvidia.com/gpu': '1' },
                    conditions: [{ type: 'Ready', status: 'True' }],
                  },
                },
              ],
            },
          }
        : undefined
    );
    const { call } = integrationApp({ pricingEndpoint: `${azure.url}${PRICES_PATH}`, kube });
    const res = await call('GET', '/costs/node-pools');
    expect(res.status).toBe(200);
    expect(res.body.nodePoolCosts[0]).toMatchObject({ poolName: 'gpu', gpuModel: 'A100-80GB' });
    expect(res.body.nodePoolCosts[0].realtimePricing.hourlyPrice).toBe(3.673);
  });

  it('rejects malformed pools with 400', async () => {
    const { call } = app();
    expect((await call('GET', '/costs/node-pools?pools=notjson')).status).toBe(400);
    expect((await call('GET', `/costs/node-pools?${poolsQuery([{ name: 'x' }])}`)).status).toBe(
      400
    );
  });
});

describe('static costs, GPU models, normalisation', () => {
  it('estimate, gpu-models and normalize-gpu', async () => {
    const { call } = app();
    const est = await call('POST', '/costs/estimate', {
      body: { gpuType: 'A100-80GB', gpuCount: 2, replicas: 1 },
    });
    expect(est.body.breakdown.estimate).toMatchObject({
      hourly: 7.34,
      source: 'static',
      confidence: 'low',
    });
    const models = await call('GET', '/costs/gpu-models');
    expect(models.body.models.map((m: any) => m.model)).toContain('H100-SXM');
    const norm = await call('GET', '/costs/normalize-gpu?label=NVIDIA-A100-SXM4-80GB');
    expect(norm.body).toEqual({
      success: true,
      originalLabel: 'NVIDIA-A100-SXM4-80GB',
      normalizedModel: 'A100-80GB',
      gpuInfo: { memoryGb: 80, generation: 'Ampere' },
    });
    const unknown = await call('GET', '/costs/normalize-gpu?label=Banana-9000');
    expect(unknown.body).toMatchObject({ success: false, gpuInfo: null });
  });
});
