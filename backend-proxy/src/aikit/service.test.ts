import { describe, expect, it } from 'vitest';
import { fakeKube, integrationApp } from '../testing/integrations';
import { BUILDKIT_NAME, defaultImageName, REGISTRY_NAME } from './service';

const ready = (name: string) => ({
  status: 200,
  body: { metadata: { name }, status: { readyReplicas: 1 } },
});

describe('AIKit', () => {
  it('lists pre-made models and finds one; unknown ids are 404', async () => {
    const { call } = integrationApp();
    const list = await call('GET', '/aikit/models');
    expect(list.body.total).toBe(list.body.models.length);
    expect((await call('GET', '/aikit/models/llama3.2-1b')).body.image).toBe(
      'ghcr.io/kaito-project/aikit/llama3.2:1b'
    );
    expect((await call('GET', '/aikit/models/nope')).status).toBe(404);
    expect((await call('GET', '/aikit/models/a;b')).status).toBe(400);
  });

  it('previews premade and HuggingFace builds', async () => {
    const { call } = integrationApp();
    const premade = await call('POST', '/aikit/build/preview', {
      body: { modelSource: 'premade', premadeModel: 'phi4-14b' },
    });
    expect(premade.body).toMatchObject({
      wasPremade: true,
      requiresBuild: false,
      imageRef: 'ghcr.io/kaito-project/aikit/phi4:14b',
    });
    const hf = await call('POST', '/aikit/build/preview', {
      body: {
        modelSource: 'huggingface',
        modelId: 'bartowski/gemma-3-1b-it-GGUF',
        ggufFile: 'gemma-3-1b-it-Q8_0.gguf',
      },
    });
    expect(hf.body).toEqual({
      imageRef:
        'airunway-registry.airunway-system.svc.cluster.local:5000/gemma-3-1b-it-q8_0:latest',
      wasPremade: false,
      requiresBuild: true,
      registryUrl: 'airunway-registry.airunway-system.svc.cluster.local:5000',
    });
    expect(defaultImageName('a/b', 'sub/Model--X.gguf')).toBe('model-x');
  });

  it('build: pre-made needs nothing; HF without infrastructure is 424, not ready is 503, no buildctl is 503', async () => {
    const none = integrationApp();
    expect(
      (
        await none.call('POST', '/aikit/build', {
          body: { modelSource: 'premade', premadeModel: 'llama3.2-1b' },
        })
      ).body
    ).toMatchObject({ success: true, wasPremade: true });
    const hfBody = {
      modelSource: 'huggingface',
      modelId: 'bartowski/gemma-3-1b-it-GGUF',
      ggufFile: 'gemma-3-1b-it-Q8_0.gguf',
    };
    const missing = await none.call('POST', '/aikit/build', { body: hfBody });
    expect(missing.status).toBe(424);
    expect(missing.body.code).toBe('PROVIDER_NOT_INSTALLED');

    const starting = integrationApp({
      kube: fakeKube((m, p) =>
        m === 'GET' && p.endsWith(BUILDKIT_NAME) ? { status: 200, body: { status: {} } } : undefined
      ),
    });
    const notReady = await starting.call('POST', '/aikit/build', { body: hfBody });
    expect(notReady.status).toBe(503);
    expect(notReady.body.error).toMatch(/not ready/);

    const up = integrationApp({
      kube: fakeKube((m, p) => (m === 'GET' ? ready(p.split('/').pop()!) : undefined)),
    });
    const noBuildctl = await up.call('POST', '/aikit/build', { body: hfBody });
    expect(noBuildctl.status).toBe(503);
    expect(noBuildctl.body.error).toMatch(/buildctl/);
  });

  it('setup applies registry Deployment + Service and BuildKit Deployment + Service with server-side apply', async () => {
    const kube = fakeKube((m, _p) => (m === 'PATCH' ? { status: 200, body: {} } : undefined));
    const { call } = integrationApp({ kube });
    const res = await call('POST', '/aikit/infrastructure/setup');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      success: true,
      registry: { ready: false },
      builder: { name: BUILDKIT_NAME, ready: false },
    });
    const patches = kube.calls.filter(c => c.method === 'PATCH');
    expect(patches.map(c => c.path)).toEqual([
      `/apis/apps/v1/namespaces/airunway-system/deployments/${REGISTRY_NAME}`,
      `/api/v1/namespaces/airunway-system/services/${REGISTRY_NAME}`,
      `/apis/apps/v1/namespaces/airunway-system/deployments/${BUILDKIT_NAME}`,
      `/api/v1/namespaces/airunway-system/services/${BUILDKIT_NAME}`,
    ]);
    expect(patches[0]!.opts?.contentType).toBe('application/apply-patch+yaml');
    expect(patches[0]!.opts?.query).toMatchObject({
      fieldManager: 'airunway-proxy',
      force: 'true',
    });
  });
});
