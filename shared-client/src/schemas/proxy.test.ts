import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AiConfiguratorAnalyzeRequestSchema,
  AiConfiguratorAnalyzeResponseSchema,
  AiConfiguratorStatusResponseSchema,
  AikitBuildRequestSchema,
  AikitBuildResponseSchema,
  AikitInfrastructureStatusResponseSchema,
  AikitModelsResponseSchema,
  buildProxyPath,
  CostEstimateRequestSchema,
  CostEstimateResponseSchema,
  type EndpointDefinition,
  GatewayInstallResponseSchema,
  GatewayStatusResponseSchema,
  GgufFilesResponseSchema,
  GpuOperatorInstallResponseSchema,
  GpuOperatorStatusSchema,
  InstancePriceResponseSchema,
  ModelSearchQuerySchema,
  ModelSearchResponseSchema,
  NodePoolCostsQuerySchema,
  NodePoolCostsResponseSchema,
  NormalizeGpuResponseSchema,
  OAuthStartRequestSchema,
  OAuthTokenRequestSchema,
  OAuthTokenResponseSchema,
  ProviderActionResponseSchema,
  ProviderCommandsResponseSchema,
  ProviderIdSchema,
  ProviderStatusResponseSchema,
  PROXY_ENDPOINTS,
} from './proxy';

function paths(result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map(issue => issue.path.join('.'));
}

// Response bodies copied from the reference REST API (airunway-api.md).
const REFERENCE_RESPONSES: [string, z.ZodType, unknown][] = [
  [
    'provider status',
    ProviderStatusResponseSchema,
    {
      providerId: 'dynamo',
      providerName: 'Dynamo',
      installed: true,
      crdFound: true,
      operatorRunning: true,
      version: 'dynamo-provider:v0.2.0',
      message: 'Dynamo is installed and running',
    },
  ],
  [
    'provider commands',
    ProviderCommandsResponseSchema,
    {
      commands: [
        'helm repo add nvidia-ai-dynamo https://helm.ngc.nvidia.com/nvidia/ai-dynamo',
        'helm repo update',
      ],
    },
  ],
  [
    'provider install',
    ProviderActionResponseSchema,
    { success: true, message: 'Provider installed successfully' },
  ],
  [
    'provider uninstall',
    ProviderActionResponseSchema,
    {
      success: true,
      message: "Provider uninstalled (CRDs preserved - use 'Uninstall CRDs' for complete removal)",
      installationStatus: { installed: false, crdFound: true, operatorRunning: false },
      results: [
        {
          step: 'Uninstall Helm chart: kaito-workspace',
          success: true,
          output: 'release "kaito-workspace" uninstalled',
        },
      ],
    },
  ],
  [
    'gateway status',
    GatewayStatusResponseSchema,
    {
      gatewayApiInstalled: true,
      inferenceExtInstalled: true,
      gatewayApiVersion: 'v1.2.1',
      inferenceExtVersion: 'v1.5.0',
      pinnedVersion: 'v1.5.0',
      gatewayAvailable: true,
      gatewayEndpoint: '10.0.0.50',
      message: 'Gateway API and Inference Extension CRDs are installed. Gateway is available.',
      installCommands: ['kubectl apply -f https://example/standard-install.yaml'],
    },
  ],
  [
    'gateway install',
    GatewayInstallResponseSchema,
    {
      success: true,
      message: 'Gateway API and Inference Extension CRDs installed successfully',
      results: [{ step: 'gateway-api-crds', success: true, output: 'created' }],
    },
  ],
  [
    'GPU operator status',
    GpuOperatorStatusSchema,
    {
      installed: true,
      crdFound: true,
      operatorRunning: true,
      gpusAvailable: true,
      totalGPUs: 4,
      gpuNodes: ['node-1', 'node-2'],
      message: 'GPUs enabled: 4 GPU(s) on 2 node(s)',
      helmCommands: ['helm repo add nvidia https://helm.ngc.nvidia.com/nvidia'],
    },
  ],
  [
    'GPU operator install',
    GpuOperatorInstallResponseSchema,
    {
      success: true,
      message: 'NVIDIA GPU Operator installed successfully',
      status: {
        installed: true,
        crdFound: true,
        operatorRunning: true,
        gpusAvailable: false,
        totalGPUs: 0,
        gpuNodes: [],
        message: 'GPU Operator installed but no GPUs detected on nodes',
      },
    },
  ],
  [
    'model search',
    ModelSearchResponseSchema,
    {
      models: [
        {
          id: 'meta-llama/Llama-3.1-8B-Instruct',
          name: 'Llama-3.1-8B-Instruct',
          author: 'meta-llama',
          downloads: 1500000,
          likes: 2500,
          pipelineTag: 'text-generation',
          gated: true,
          supportedEngines: ['vllm', 'sglang', 'trtllm'],
          estimatedGpuMemory: '19.2GB',
          estimatedGpuMemoryGb: 19.2,
          parameterCount: 8000000000,
        },
      ],
      total: 150,
      hasMore: true,
      query: 'llama',
      offset: 0,
      limit: 20,
    },
  ],
  [
    'GGUF files',
    GgufFilesResponseSchema,
    { files: [{ filename: 'model-Q8_0.gguf', size: 1340000000 }] },
  ],
  [
    'token exchange',
    OAuthTokenResponseSchema,
    {
      accessToken: 'hf_xxxxx',
      tokenType: 'Bearer',
      expiresIn: 3600,
      scope: 'openid profile read-repos',
      user: {
        id: 'user123',
        name: 'username',
        fullname: 'Full Name',
        email: 'user@example.com',
        avatarUrl: 'https://huggingface.co/avatars/xxx.png',
      },
    },
  ],
  [
    'cost estimate',
    CostEstimateResponseSchema,
    {
      success: true,
      breakdown: {
        totalGpus: 1,
        gpuModel: 'A100-80GB',
        normalizedGpuModel: 'A100-80GB',
        perGpu: { hourly: 0, monthly: 0 },
        estimate: { hourly: 0, monthly: 0, currency: 'USD', source: 'static', confidence: 'low' },
        notes: ['Use real-time pricing via /costs/node-pools for accurate cloud pricing'],
      },
    },
  ],
  [
    'node pool costs',
    NodePoolCostsResponseSchema,
    {
      success: true,
      nodePoolCosts: [
        {
          poolName: 'gpu',
          gpuModel: 'A100-80GB',
          availableGpus: 4,
          costBreakdown: {
            totalGpus: 1,
            gpuModel: 'A100-80GB',
            normalizedGpuModel: 'A100-80GB',
            perGpu: { hourly: 0, monthly: 0 },
            estimate: {
              hourly: 3.5,
              monthly: 2555,
              currency: 'USD',
              source: 'cloud-api',
              confidence: 'high',
            },
            notes: ['Real-time pricing from AZURE'],
          },
          realtimePricing: {
            instanceType: 'Standard_NC24ads_A100_v4',
            hourlyPrice: 3.5,
            monthlyPrice: 2555,
            currency: 'USD',
            region: 'eastus',
            source: 'realtime',
          },
        },
      ],
      pricingSource: 'realtime-with-fallback',
      cacheStats: { size: 5, ttlMs: 3600000, maxEntries: 1000 },
    },
  ],
  [
    'instance price',
    InstancePriceResponseSchema,
    {
      success: true,
      price: {
        instanceType: 'Standard_NC24ads_A100_v4',
        provider: 'azure',
        region: 'eastus',
        hourlyPrice: 3.5,
        currency: 'USD',
        priceType: 'ondemand',
        gpuCount: 1,
        gpuModel: 'A100-80GB',
        lastUpdated: '2025-01-01T00:00:00.000Z',
      },
      cached: false,
    },
  ],
  [
    'instance price not found',
    InstancePriceResponseSchema,
    { success: false, error: 'Price not found', provider: 'azure' },
  ],
  [
    'normalize GPU',
    NormalizeGpuResponseSchema,
    {
      success: true,
      originalLabel: 'NVIDIA-A100-SXM4-80GB',
      normalizedModel: 'A100-80GB',
      gpuInfo: { memoryGb: 80, generation: 'Ampere' },
    },
  ],
  [
    'AI Configurator in-cluster',
    AiConfiguratorStatusResponseSchema,
    {
      available: false,
      runningInCluster: true,
      error: 'AI Configurator is only available when running AI Runway locally',
    },
  ],
  [
    'AI Configurator disaggregated',
    AiConfiguratorAnalyzeResponseSchema,
    {
      success: true,
      config: {
        tensorParallelDegree: 1,
        pipelineParallelDegree: 1,
        maxBatchSize: 256,
        maxNumSeqs: 256,
        gpuMemoryUtilization: 0.8,
        maxModelLen: 5000,
        prefillTensorParallel: 1,
        decodeTensorParallel: 1,
        prefillReplicas: 1,
        decodeReplicas: 1,
      },
      mode: 'disaggregated',
      replicas: 1,
      warnings: [],
      estimatedPerformance: {
        throughputTokensPerSec: 8405.12,
        latencyP50Ms: 25.42,
        latencyP99Ms: 38.13,
        gpuUtilization: 0.8,
      },
      backend: 'vllm',
      supportedBackends: ['vllm', 'sglang', 'trtllm'],
    },
  ],
  [
    'AI Configurator defaults',
    AiConfiguratorAnalyzeResponseSchema,
    {
      success: false,
      config: {
        tensorParallelDegree: 2,
        maxBatchSize: 256,
        gpuMemoryUtilization: 0.9,
        maxModelLen: 4096,
      },
      mode: 'aggregated',
      replicas: 1,
      error: 'AI Configurator CLI not found',
      warnings: ['AI Configurator not available, using default configuration'],
    },
  ],
  [
    'AIKit models',
    AikitModelsResponseSchema,
    {
      models: [
        {
          id: 'llama3.2-1b',
          modelName: 'Llama 3.2 1B',
          image: 'ghcr.io/kaito-project/aikit/llama3.2-1b:0.0.1',
          license: 'Llama',
        },
      ],
      total: 15,
    },
  ],
  [
    'AIKit build',
    AikitBuildResponseSchema,
    {
      success: true,
      imageRef: 'registry.airunway-system.svc.cluster.local:5000/my-model:v1',
      buildTime: 120,
      wasPremade: false,
      message: 'AIKit image built successfully',
    },
  ],
  [
    'AIKit infrastructure',
    AikitInfrastructureStatusResponseSchema,
    {
      ready: true,
      registry: {
        ready: true,
        url: 'registry.airunway-system.svc.cluster.local:5000',
        message: 'Registry is running',
      },
      builder: { exists: true, ready: true, running: true, message: 'BuildKit builder is ready' },
    },
  ],
];

describe('response schemas', () => {
  it.each(REFERENCE_RESPONSES)('accept the reference %s response', (_name, schema, body) => {
    expect(schema.parse(body)).toEqual(body);
  });

  it('reject wrong types where the UI relies on them', () => {
    expect(
      paths(
        ModelSearchResponseSchema.safeParse({
          models: [],
          total: '150',
          hasMore: false,
          query: 'x',
        })
      )
    ).toEqual(['total']);
    expect(
      paths(
        ProviderActionResponseSchema.safeParse({
          success: true,
          message: 'ok',
          results: [{ step: 'install', success: 'yes', output: '' }],
        })
      )
    ).toEqual(['results.0.success']);
    expect(
      paths(InstancePriceResponseSchema.safeParse({ success: true, error: 'x' })).length
    ).toBeGreaterThan(0);
  });
});

describe('request schemas', () => {
  it('model search takes q, limit 1..50 and offset, from numbers or query strings', () => {
    expect(ModelSearchQuerySchema.parse({ q: 'llama', limit: 50, offset: 0 })).toEqual({
      q: 'llama',
      limit: 50,
      offset: 0,
    });
    expect(ModelSearchQuerySchema.parse({ q: 'llama', limit: '20', offset: '40' })).toEqual({
      q: 'llama',
      limit: 20,
      offset: 40,
    });
    expect(paths(ModelSearchQuerySchema.safeParse({ q: 'llama', limit: 51 }))).toEqual(['limit']);
    expect(paths(ModelSearchQuerySchema.safeParse({ q: 'llama', limit: 0 }))).toEqual(['limit']);
    expect(paths(ModelSearchQuerySchema.safeParse({ q: 'llama', offset: -1 }))).toEqual(['offset']);
    expect(paths(ModelSearchQuerySchema.safeParse({ q: '   ' }))).toEqual(['q']);
  });

  it('node pool costs parse realtime=false as false, not as a truthy string', () => {
    expect(NodePoolCostsQuerySchema.parse({ realtime: 'false', gpuCount: '2' })).toEqual({
      realtime: false,
      gpuCount: 2,
    });
  });

  it('cost estimate enforces the documented bounds', () => {
    const valid = { gpuType: 'A100-80GB', gpuCount: 1, replicas: 1, hoursPerMonth: 730 };
    expect(CostEstimateRequestSchema.parse(valid)).toEqual(valid);
    expect(paths(CostEstimateRequestSchema.safeParse({ ...valid, hoursPerMonth: 745 }))).toEqual([
      'hoursPerMonth',
    ]);
    expect(paths(CostEstimateRequestSchema.safeParse({ ...valid, gpuCount: 0 }))).toEqual([
      'gpuCount',
    ]);
    expect(
      paths(CostEstimateRequestSchema.safeParse({ ...valid, gpuType: 'A100; reboot' }))
    ).toEqual(['gpuType']);
  });

  it('AI Configurator analyze validates the model id and GPU count', () => {
    const valid = {
      modelId: 'Qwen/Qwen3-0.6B',
      gpuType: 'H100-80GB',
      gpuCount: 2,
      optimizeFor: 'throughput',
      maxLatencyMs: 100,
    };
    expect(AiConfiguratorAnalyzeRequestSchema.parse(valid)).toEqual(valid);
    expect(
      paths(AiConfiguratorAnalyzeRequestSchema.safeParse({ ...valid, modelId: '../x' }))
    ).toEqual(['modelId']);
    expect(
      paths(AiConfiguratorAnalyzeRequestSchema.safeParse({ ...valid, optimizeFor: 'cost' }))
    ).toEqual(['optimizeFor']);
  });

  it('AIKit build needs the fields of its source', () => {
    expect(
      AikitBuildRequestSchema.parse({ modelSource: 'premade', premadeModel: 'llama3.2-1b' })
    ).toEqual({
      modelSource: 'premade',
      premadeModel: 'llama3.2-1b',
    });
    const hf = {
      modelSource: 'huggingface',
      modelId: 'bartowski/gemma-3-1b-it-GGUF',
      ggufFile: 'gemma-3-1b-it-Q8_0.gguf',
      imageName: 'my-model',
      imageTag: 'v1',
    };
    expect(AikitBuildRequestSchema.parse(hf)).toEqual(hf);
    expect(
      paths(AikitBuildRequestSchema.safeParse({ modelSource: 'huggingface', modelId: 'a/b' }))
    ).toEqual(['ggufFile']);
    expect(
      paths(AikitBuildRequestSchema.safeParse({ ...hf, ggufFile: 'x.gguf; curl evil' }))
    ).toEqual(['ggufFile']);
  });

  it('OAuth requests need http(s) redirect URIs and a PKCE verifier of 43+ characters', () => {
    expect(
      OAuthStartRequestSchema.safeParse({
        redirectUri: 'http://localhost:3000/oauth/callback/huggingface',
      }).success
    ).toBe(true);
    expect(
      paths(OAuthStartRequestSchema.safeParse({ redirectUri: 'javascript:alert(1)' }))
    ).toEqual(['redirectUri']);
    const token = {
      code: 'authorization_code_from_callback',
      codeVerifier: 'pkce_code_verifier_min_43_chars_xxxxxxxxxxxxxxxx',
      redirectUri: 'http://localhost:3000/oauth/callback/huggingface',
    };
    expect(OAuthTokenRequestSchema.safeParse(token).success).toBe(true);
    expect(paths(OAuthTokenRequestSchema.safeParse({ ...token, codeVerifier: 'short' }))).toEqual([
      'codeVerifier',
    ]);
  });

  it('provider ids are the allow-list', () => {
    expect(ProviderIdSchema.options).toEqual([
      'dynamo',
      'kuberay',
      'kaito',
      'llmd',
      'vllm',
      'gpu-operator',
      'airunway-controller',
    ]);
    expect(ProviderIdSchema.safeParse('dynamo-system').success).toBe(false);
  });
});

describe('the endpoint table', () => {
  const endpoints = Object.entries(PROXY_ENDPOINTS) as [string, EndpointDefinition][];

  it('has no GET with a body, and a params schema for every path parameter', () => {
    for (const [name, endpoint] of endpoints) {
      if (endpoint.method === 'GET') expect(endpoint.body, name).toBeUndefined();
      const hasParam = /:[A-Za-z]/.test(endpoint.path);
      expect(endpoint.params !== undefined, name).toBe(hasParam);
    }
  });

  it('uses a mutating method for every route that changes something', () => {
    const mutating = [
      'installProvider',
      'upgradeProvider',
      'uninstallProvider',
      'uninstallProviderCrds',
      'installGatewayCrds',
      'installGpuOperator',
      'hfOAuthStart',
      'hfOAuthVerifier',
      'hfOAuthToken',
      'aikitBuild',
      'aikitInfrastructureSetup',
    ];
    for (const name of mutating) {
      expect(PROXY_ENDPOINTS[name as keyof typeof PROXY_ENDPOINTS].method, name).not.toBe('GET');
    }
  });

  it('has one route per method and path', () => {
    const keys = endpoints.map(([, endpoint]) => `${endpoint.method} ${endpoint.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('buildProxyPath', () => {
  it('fills parameters under /api, keeping the slash of an org/name id', () => {
    expect(
      buildProxyPath(PROXY_ENDPOINTS.ggufFiles.path, { modelId: 'bartowski/gemma-3-1b-it-GGUF' })
    ).toBe('/api/models/bartowski/gemma-3-1b-it-GGUF/gguf-files');
    expect(buildProxyPath(PROXY_ENDPOINTS.providerStatus.path, { id: 'gpu-operator' })).toBe(
      '/api/installation/providers/gpu-operator/status'
    );
  });

  it('encodes query values and leaves out undefined ones', () => {
    expect(
      buildProxyPath('/models/search', {}, { q: 'llama 3&x', limit: 20, offset: undefined })
    ).toBe('/api/models/search?q=llama+3%26x&limit=20');
  });

  it('percent-encodes anything that could start a query or fragment', () => {
    expect(buildProxyPath('/aikit/models/:id', { id: 'a?b#c' })).toBe(
      '/api/aikit/models/a%3Fb%23c'
    );
  });

  it('refuses to build a path with a missing parameter', () => {
    expect(() => buildProxyPath('/aikit/models/:id')).toThrow(/missing path parameter "id"/);
  });
});
