import { describe, expect, it } from 'vitest';
import {
  createProxyClient,
  isProxyError,
  type ProxyClient,
  ProxyError,
  type ProxyTransport,
  type TransportRequest,
} from './client';

interface Reply {
  status: number;
  body: string;
}

/** An in-memory proxy: records every request and answers with what the test says. */
function fakeProxy(answer: (path: string, init: TransportRequest) => Reply | Promise<Reply>) {
  const requests: { path: string; init: TransportRequest }[] = [];
  const transport: ProxyTransport = async (path, init) => {
    requests.push({ path, init });
    const reply = await answer(path, init);
    return {
      status: reply.status,
      text: async () => reply.body,
      json: async () => JSON.parse(reply.body) as unknown,
    };
  };
  return { client: createProxyClient({ transport }), requests };
}

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value) });

async function failure(promise: Promise<unknown>): Promise<ProxyError> {
  try {
    await promise;
  } catch (error) {
    if (isProxyError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('successful calls', () => {
  it('GET the health route and return the validated body', async () => {
    const body = { status: 'healthy', timestamp: '2025-01-15T10:30:00.000Z' };
    const { client, requests } = fakeProxy(() => json(200, body));
    await expect(client.health()).resolves.toEqual(body);
    expect(requests).toEqual([
      {
        path: '/api/health',
        init: { method: 'GET', headers: { Accept: 'application/json' }, body: undefined },
      },
    ]);
  });

  it('POST a JSON body with its content type', async () => {
    const { client, requests } = fakeProxy(() =>
      json(200, { gpuProduct: 'nvidia-a100-sxm4-80gb', normalized: 'A100-80GB' })
    );
    await expect(client.aiConfiguratorNormalizeGpu('nvidia-a100-sxm4-80gb')).resolves.toEqual({
      gpuProduct: 'nvidia-a100-sxm4-80gb',
      normalized: 'A100-80GB',
    });
    expect(requests[0]?.init).toEqual({
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: '{"gpuProduct":"nvidia-a100-sxm4-80gb"}',
    });
  });

  it('returns per-step results of a provider install', async () => {
    const answer = {
      success: true,
      message: 'Provider installed successfully',
      installationStatus: { installed: true, crdFound: true, operatorRunning: true },
      results: [{ step: 'helm install kaito-workspace', success: true, output: 'deployed' }],
    };
    const { client, requests } = fakeProxy(() => json(200, answer));
    await expect(client.installProvider('kaito')).resolves.toEqual(answer);
    expect(requests[0]?.path).toBe('/api/installation/providers/kaito/install');
    expect(requests[0]?.init.method).toBe('POST');
    expect(requests[0]?.init.body).toBeUndefined();
  });

  it('sends the HuggingFace token as X-HF-Token only when one is given', async () => {
    const { client, requests } = fakeProxy(() =>
      json(200, { models: [], total: 0, hasMore: false, query: 'llama' })
    );
    await client.searchModels({ q: 'llama', limit: 20 }, { hfToken: 'hf_secret123' });
    await client.searchModels({ q: 'llama' });
    expect(requests[0]?.path).toBe('/api/models/search?q=llama&limit=20');
    expect(requests[0]?.init.headers['X-HF-Token']).toBe('hf_secret123');
    expect(requests[1]?.init.headers).not.toHaveProperty('X-HF-Token');
  });

  it('keeps the slash of an org/name id in the path', async () => {
    const { client, requests } = fakeProxy(() =>
      json(200, { files: [{ filename: 'model-Q8_0.gguf', size: 1340000000 }] })
    );
    await client.ggufFiles('bartowski/gemma-3-1b-it-GGUF');
    expect(requests[0]?.path).toBe('/api/models/bartowski/gemma-3-1b-it-GGUF/gguf-files');
  });

  it('honours a different base path', async () => {
    const requests: string[] = [];
    const client = createProxyClient({
      basePath: '/api/v1/namespaces/airunway-system/services/airunway-proxy:80/proxy/api',
      transport: async path => {
        requests.push(path);
        return { status: 200, text: async () => '{"available":true}', json: async () => ({}) };
      },
    });
    await client.helmStatus();
    expect(requests).toEqual([
      '/api/v1/namespaces/airunway-system/services/airunway-proxy:80/proxy/api/installation/helm/status',
    ]);
  });
});

describe('request validation happens before anything is sent', () => {
  async function expectRejectedUnsent(
    call: (client: ProxyClient) => Promise<unknown>,
    issuePath: (string | number)[]
  ) {
    const { client, requests } = fakeProxy(() => json(200, {}));
    const error = await failure(call(client));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.status).toBeNull();
    expect(error.details?.issues).toEqual([expect.objectContaining({ path: issuePath })]);
    expect(requests).toHaveLength(0);
  }

  it('an unknown provider id', () =>
    expectRejectedUnsent(client => client.providerStatus('helm; rm -rf /' as never), ['id']));

  it('a model id with shell metacharacters or traversal', async () => {
    await expectRejectedUnsent(client => client.modelInfo('org/name$(id)'), ['modelId']);
    await expectRejectedUnsent(client => client.ggufFiles('../../etc/passwd'), ['modelId']);
  });

  it('a search limit above 50', () =>
    expectRejectedUnsent(client => client.searchModels({ q: 'llama', limit: 51 }), ['limit']));

  it('a GGUF file name that is not a .gguf file', () =>
    expectRejectedUnsent(
      client =>
        client.aikitBuild({ modelSource: 'huggingface', modelId: 'a/b', ggufFile: 'x.gguf && ls' }),
      ['ggufFile']
    ));

  it('node pools to price that the proxy would reject', () =>
    expectRejectedUnsent(
      client => client.nodePoolCosts({ pools: JSON.stringify([{ name: 'gpu' }]) }),
      ['pools']
    ));

  it('sends valid node pools as the JSON pools parameter', async () => {
    const pools = JSON.stringify([{ name: 'gpu', nodeCount: 1, gpuCount: 2, availableGpus: 2 }]);
    const { client, requests } = fakeProxy(() =>
      json(200, { success: true, nodePoolCosts: [], pricingSource: 'static' })
    );
    await client.nodePoolCosts({ pools });
    expect(requests[0]?.path).toBe(`/api/costs/node-pools?pools=${encodeURIComponent(pools)}`);
  });

  it('a token that would inject a header', async () => {
    const { client, requests } = fakeProxy(() => json(200, { files: [] }));
    const error = await failure(client.ggufFiles('org/model', { hfToken: 'hf_x\r\nX-Evil: 1' }));
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(requests).toHaveLength(0);
  });
});

describe('error answers', () => {
  it('keep the code, message and details of an error body in the documented shape', async () => {
    const { client } = fakeProxy(() =>
      json(424, {
        error: 'KAITO is not installed. Install it from the Runtimes page.',
        code: 'PROVIDER_NOT_INSTALLED',
        details: { providerId: 'kaito' },
      })
    );
    const error = await failure(client.providerStatus('kaito'));
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({
      code: 'PROVIDER_NOT_INSTALLED',
      status: 424,
      message: 'KAITO is not installed. Install it from the Runtimes page.',
      details: { providerId: 'kaito' },
    });
  });

  it('trust the body code over the status', async () => {
    const { client } = fakeProxy(() =>
      json(503, { error: 'Cannot connect to Kubernetes', code: 'CLUSTER_UNAVAILABLE' })
    );
    const error = await failure(client.gpuOperatorStatus());
    expect(error.code).toBe('CLUSTER_UNAVAILABLE');
    expect(error.status).toBe(503);
  });

  it('decode a Kubernetes Status from the API server by its status code', async () => {
    const { client } = fakeProxy(() =>
      json(403, {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message:
          'services "airunway-proxy:80" is forbidden: User "jane" cannot create resource "services/proxy"',
        reason: 'Forbidden',
        code: 403,
      })
    );
    const error = await failure(client.installProvider('dynamo'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('cannot create resource "services/proxy"');
  });

  it('turn a non-JSON 5xx into UPSTREAM_UNAVAILABLE', async () => {
    for (const status of [500, 502, 503]) {
      const { client } = fakeProxy(() => ({ status, body: '<html>Bad Gateway</html>' }));
      const error = await failure(client.health());
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.status).toBe(status);
      expect(error.details?.body).toBe('<html>Bad Gateway</html>');
    }
  });

  it('map a non-JSON 4xx by its status', async () => {
    const { client } = fakeProxy(() => ({ status: 404, body: '404 page not found' }));
    expect((await failure(client.aikitModel('llama3.2-1b'))).code).toBe('NOT_FOUND');
  });

  it('use the message of a JSON error without a known code', async () => {
    const { client } = fakeProxy(() =>
      json(400, { error: { message: 'Invalid request', statusCode: 400 } })
    );
    const error = await failure(client.estimateCost({ gpuType: 'A100', gpuCount: 1, replicas: 1 }));
    expect(error).toMatchObject({
      code: 'VALIDATION_ERROR',
      status: 400,
      message: 'Invalid request',
    });
  });
});

describe('broken answers', () => {
  it('a network failure becomes UPSTREAM_UNAVAILABLE without a status', async () => {
    const { client } = fakeProxy(() => {
      throw new TypeError('fetch failed');
    });
    const error = await failure(client.version());
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.status).toBeNull();
    expect(error.details).toEqual({ cause: 'fetch failed' });
  });

  it('a body that breaks off while reading becomes UPSTREAM_UNAVAILABLE', async () => {
    const client = createProxyClient({
      transport: async () => ({
        status: 200,
        text: () => Promise.reject(new Error('socket hang up')),
        json: () => Promise.reject(new Error('socket hang up')),
      }),
    });
    expect((await failure(client.health())).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('malformed JSON in a 200 becomes INTERNAL', async () => {
    const { client } = fakeProxy(() => ({ status: 200, body: '{"status": "healthy",' }));
    const error = await failure(client.health());
    expect(error.code).toBe('INTERNAL');
    expect(error.status).toBe(200);
  });

  it('a 200 body of the wrong shape becomes INTERNAL with the zod issues', async () => {
    const { client } = fakeProxy(() =>
      json(200, { models: [], total: 3, hasMore: 'no', query: 'llama' })
    );
    const error = await failure(client.searchModels({ q: 'llama' }));
    expect(error.code).toBe('INTERNAL');
    expect(error.details?.issues).toEqual([
      expect.objectContaining({ path: ['hasMore'], code: 'invalid_type' }),
    ]);
  });
});

describe('every method', () => {
  const cases: [string, (client: ProxyClient) => Promise<unknown>, string, string][] = [
    ['health', c => c.health(), 'GET', '/api/health'],
    ['version', c => c.version(), 'GET', '/api/health/version'],
    ['helmStatus', c => c.helmStatus(), 'GET', '/api/installation/helm/status'],
    [
      'providerStatus',
      c => c.providerStatus('llmd'),
      'GET',
      '/api/installation/providers/llmd/status',
    ],
    [
      'providerCommands',
      c => c.providerCommands('vllm'),
      'GET',
      '/api/installation/providers/vllm/commands',
    ],
    [
      'installProvider',
      c => c.installProvider('airunway-controller'),
      'POST',
      '/api/installation/providers/airunway-controller/install',
    ],
    [
      'upgradeProvider',
      c => c.upgradeProvider('dynamo'),
      'POST',
      '/api/installation/providers/dynamo/upgrade',
    ],
    [
      'uninstallProvider',
      c => c.uninstallProvider('kuberay'),
      'POST',
      '/api/installation/providers/kuberay/uninstall',
    ],
    [
      'uninstallProviderCrds',
      c => c.uninstallProviderCrds('kaito'),
      'POST',
      '/api/installation/providers/kaito/uninstall-crds',
    ],
    ['gatewayStatus', c => c.gatewayStatus(), 'GET', '/api/installation/gateway/status'],
    [
      'installGatewayCrds',
      c => c.installGatewayCrds(),
      'POST',
      '/api/installation/gateway/install-crds',
    ],
    [
      'gpuOperatorStatus',
      c => c.gpuOperatorStatus(),
      'GET',
      '/api/installation/gpu-operator/status',
    ],
    [
      'installGpuOperator',
      c => c.installGpuOperator(),
      'POST',
      '/api/installation/gpu-operator/install',
    ],
    [
      'searchModels',
      c => c.searchModels({ q: 'qwen', offset: 20 }),
      'GET',
      '/api/models/search?q=qwen&offset=20',
    ],
    ['modelInfo', c => c.modelInfo('Qwen/Qwen3-0.6B'), 'GET', '/api/models/Qwen/Qwen3-0.6B'],
    ['ggufFiles', c => c.ggufFiles('gpt2'), 'GET', '/api/models/gpt2/gguf-files'],
    ['hfOAuthConfig', c => c.hfOAuthConfig(), 'GET', '/api/oauth/huggingface/config'],
    [
      'hfOAuthStart',
      c => c.hfOAuthStart({ redirectUri: 'http://localhost:4466/oauth' }),
      'POST',
      '/api/oauth/huggingface/start',
    ],
    [
      'hfOAuthVerifier',
      c => c.hfOAuthVerifier('4f9c1d2e-8b7a-4c3d'),
      'POST',
      '/api/oauth/huggingface/verifier/4f9c1d2e-8b7a-4c3d',
    ],
    [
      'hfOAuthToken',
      c =>
        c.hfOAuthToken({
          code: 'abc',
          codeVerifier: 'v'.repeat(43),
          redirectUri: 'https://h.example/cb',
        }),
      'POST',
      '/api/oauth/huggingface/token',
    ],
    [
      'estimateCost',
      c => c.estimateCost({ gpuType: 'T4', gpuCount: 1, replicas: 2 }),
      'POST',
      '/api/costs/estimate',
    ],
    [
      'nodePoolCosts',
      c => c.nodePoolCosts({ realtime: false, computeType: 'cpu' }),
      'GET',
      '/api/costs/node-pools?realtime=false&computeType=cpu',
    ],
    [
      'instancePrice',
      c => c.instancePrice({ instanceType: 'Standard_NC24ads_A100_v4', region: 'eastus' }),
      'GET',
      '/api/costs/instance-price?instanceType=Standard_NC24ads_A100_v4&region=eastus',
    ],
    ['gpuModels', c => c.gpuModels(), 'GET', '/api/costs/gpu-models'],
    [
      'normalizeGpuLabel',
      c => c.normalizeGpuLabel('NVIDIA-A100-SXM4-80GB'),
      'GET',
      '/api/costs/normalize-gpu?label=NVIDIA-A100-SXM4-80GB',
    ],
    ['aiConfiguratorStatus', c => c.aiConfiguratorStatus(), 'GET', '/api/aiconfigurator/status'],
    [
      'aiConfiguratorAnalyze',
      c => c.aiConfiguratorAnalyze({ modelId: 'Qwen/Qwen3-0.6B', gpuType: 'H100', gpuCount: 1 }),
      'POST',
      '/api/aiconfigurator/analyze',
    ],
    [
      'aiConfiguratorNormalizeGpu',
      c => c.aiConfiguratorNormalizeGpu('tesla-t4'),
      'POST',
      '/api/aiconfigurator/normalize-gpu',
    ],
    ['aikitModels', c => c.aikitModels(), 'GET', '/api/aikit/models'],
    ['aikitModel', c => c.aikitModel('llama3.2-1b'), 'GET', '/api/aikit/models/llama3.2-1b'],
    [
      'aikitBuild',
      c => c.aikitBuild({ modelSource: 'premade', premadeModel: 'phi4-14b' }),
      'POST',
      '/api/aikit/build',
    ],
    [
      'aikitBuildPreview',
      c => c.aikitBuildPreview({ modelSource: 'premade', premadeModel: 'phi4-14b' }),
      'POST',
      '/api/aikit/build/preview',
    ],
    [
      'aikitInfrastructureStatus',
      c => c.aikitInfrastructureStatus(),
      'GET',
      '/api/aikit/infrastructure/status',
    ],
    [
      'aikitInfrastructureSetup',
      c => c.aikitInfrastructureSetup(),
      'POST',
      '/api/aikit/infrastructure/setup',
    ],
  ];

  it('is covered by this table', () => {
    const { client } = fakeProxy(() => json(200, {}));
    expect(cases.map(([name]) => name).sort()).toEqual(Object.keys(client).sort());
  });

  it.each(cases)(
    '%s sends the right method to the right route',
    async (_name, call, method, path) => {
      const { client, requests } = fakeProxy(() => ({ status: 502, body: 'bad gateway' }));
      await failure(call(client));
      expect(requests).toHaveLength(1);
      expect(requests[0]?.init.method).toBe(method);
      expect(requests[0]?.path).toBe(path);
    }
  );
});
