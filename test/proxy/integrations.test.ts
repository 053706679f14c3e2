/**
 * The proxy's state and infrastructure in Kubernetes, against the real local control plane:
 * OAuth sign-in state as short-lived Secrets shared by two proxy replicas (one-time verifier, expiry,
 * races), and the AIKit registry + BuildKit applied for real through the Kubernetes API.
 */
import { ErrorBodySchema } from '@airunway/shared-client/schemas/errors';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDKIT_NAME, REGISTRY_NAME } from '../../backend-proxy/src/aikit/service';
import { createApp } from '../../backend-proxy/src/app';
import {
  KubeSecretStateStore,
  OAUTH_EXPIRES_ANNOTATION,
  secretNameForState,
} from '../../backend-proxy/src/hf/oauthState';
import {
  createIntegrations,
  integrationsConfigFromEnv,
} from '../../backend-proxy/src/integrations';
import { KubeClient, kubeconfigCredentials } from '../../backend-proxy/src/kube/client';
import { createLogger } from '../../backend-proxy/src/log';
import { fakeInstallation } from '../../backend-proxy/src/testing/fakes';
import { connect, TEST_CLUSTER } from '../cluster/cluster';
import { testNamespace } from '../cluster/fixtures';
import { type HubStandIn, startHfHub } from '../fixtures/upstreams/hf-hub';

const cluster = connect(TEST_CLUSTER);
const kube = cluster.kube;
let ns: Awaited<ReturnType<typeof testNamespace>>;
let hub: HubStandIn;
const clients: KubeClient[] = [];

function replica() {
  const client = new KubeClient(kubeconfigCredentials(cluster.kubeconfig, cluster.context));
  clients.push(client);
  const integrations = createIntegrations({
    config: integrationsConfigFromEnv({
      HF_ENDPOINT: hub.url,
      HF_OAUTH_CLIENT_ID: 'test-client-id',
      PRICING_ENDPOINT: 'http://127.0.0.1:9/api/retail/prices',
      BUILDCTL_BIN: '/nonexistent/buildctl',
    }),
    kube: client,
    namespace: ns.name,
  });
  const { app } = createApp({
    logger: createLogger(process.env.PROXY_LOG_LEVEL ?? 'silent'),
    version: { version: 'test', buildTime: 'now', gitCommit: 'none' },
    installation: fakeInstallation().service,
    integrations,
  });
  return {
    client,
    async call(method: string, path: string, body?: unknown) {
      const res = await app.request(`/api${path}`, {
        method,
        ...(body !== undefined
          ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
          : {}),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
  };
}

beforeAll(async () => {
  ns = await testNamespace(kube, 'proxy-int');
  hub = await startHfHub();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await hub?.close();
  await ns?.dispose();
});

const REDIRECT = 'http://localhost:4466/oauth/callback/huggingface';

describe('OAuth sign-in state in Kubernetes Secrets', () => {
  it('start on one replica, verifier on another, exactly once; token exchange with the S256 verifier', async () => {
    const a = replica();
    const b = replica();
    // The state expires ten minutes after the proxy stored it, somewhere between these two instants.
    const before = Date.now();
    const start = await a.call('POST', '/oauth/huggingface/start', { redirectUri: REDIRECT });
    const after = Date.now();
    expect(start.status).toBe(200);
    const state: string = start.body.state;

    const secret = await kube.request(
      'GET',
      `/api/v1/namespaces/${ns.name}/secrets/${secretNameForState(state)}`
    );
    expect(secret.status).toBe(200);
    const expires = Date.parse(secret.body.metadata.annotations[OAUTH_EXPIRES_ANNOTATION]);
    expect(expires).toBeGreaterThanOrEqual(before + 600_000);
    expect(expires).toBeLessThanOrEqual(after + 600_000);
    // The verifier is stored, not the state in clear, and not in a label.
    expect(JSON.stringify(secret.body.metadata)).not.toContain(state);

    const got = await b.call('POST', `/oauth/huggingface/verifier/${state}`);
    expect(got.status).toBe(200);
    const challenge = new URL(start.body.authorizationUrl).searchParams.get('code_challenge');
    expect(createHash('sha256').update(got.body.codeVerifier).digest('base64url')).toBe(challenge);
    expect((await a.call('POST', `/oauth/huggingface/verifier/${state}`)).status).toBe(404);
    expect(
      (
        await kube.request(
          'GET',
          `/api/v1/namespaces/${ns.name}/secrets/${secretNameForState(state)}`
        )
      ).status
    ).toBe(404);

    hub.approve('real-cluster-code', challenge!, REDIRECT);
    const token = await a.call('POST', '/oauth/huggingface/token', {
      code: 'real-cluster-code',
      codeVerifier: got.body.codeVerifier,
      redirectUri: REDIRECT,
    });
    expect(token.status).toBe(200);
    expect(token.body.user.name).toBe('testuser');
  });

  it('two replicas racing for one verifier: exactly one gets it', async () => {
    const a = replica();
    const b = replica();
    for (let i = 0; i < 3; i++) {
      const start = await a.call('POST', '/oauth/huggingface/start', { redirectUri: REDIRECT });
      const results = await Promise.all(
        [a, b, a, b].map(r => r.call('POST', `/oauth/huggingface/verifier/${start.body.state}`))
      );
      expect(results.filter(r => r.status === 200)).toHaveLength(1);
      for (const r of results.filter(x => x.status !== 200)) {
        expect(r.status).toBe(404);
        expect(ErrorBodySchema.safeParse(r.body).success).toBe(true);
      }
    }
  });

  it('an expired verifier is refused and swept', async () => {
    const a = replica();
    let now = Date.now();
    const store = new KubeSecretStateStore(a.client, ns.name, () => now);
    await store.put(
      'expiring-state-1',
      { codeVerifier: 'v'.repeat(43), redirectUri: REDIRECT },
      30
    );
    await store.put(
      'expiring-state-2',
      { codeVerifier: 'w'.repeat(43), redirectUri: REDIRECT },
      30
    );
    now += 31_000;
    expect(await store.take('expiring-state-1')).toBeUndefined();
    expect(await store.sweep(true)).toBeGreaterThanOrEqual(1);
    expect(
      (
        await kube.request(
          'GET',
          `/api/v1/namespaces/${ns.name}/secrets/${secretNameForState('expiring-state-2')}`
        )
      ).status
    ).toBe(404);
  });
});

describe('AIKit build infrastructure applied for real', () => {
  it('setup creates the registry and BuildKit Deployments and Services; status reads them; build answers clearly', async () => {
    const a = replica();
    const before = await a.call('GET', '/aikit/infrastructure/status');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ ready: false, builder: { exists: false } });

    const setup = await a.call('POST', '/aikit/infrastructure/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.success).toBe(true);
    expect(setup.body.registry.url).toBe(`${REGISTRY_NAME}.${ns.name}.svc.cluster.local:5000`);
    for (const path of [
      `/apis/apps/v1/namespaces/${ns.name}/deployments/${REGISTRY_NAME}`,
      `/apis/apps/v1/namespaces/${ns.name}/deployments/${BUILDKIT_NAME}`,
      `/api/v1/namespaces/${ns.name}/services/${REGISTRY_NAME}`,
      `/api/v1/namespaces/${ns.name}/services/${BUILDKIT_NAME}`,
    ]) {
      const res = await kube.request('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body.metadata.labels['app.kubernetes.io/managed-by']).toBe('airunway-proxy');
    }
    const buildkit = await kube.request(
      'GET',
      `/apis/apps/v1/namespaces/${ns.name}/deployments/${BUILDKIT_NAME}`
    );
    expect(buildkit.body.spec.template.spec.containers[0].securityContext.privileged).toBe(true);

    // Applying again is idempotent (server-side apply).
    expect((await a.call('POST', '/aikit/infrastructure/setup')).status).toBe(200);

    const status = await a.call('GET', '/aikit/infrastructure/status');
    expect(status.body.builder.exists).toBe(true);

    // This cluster cannot run a build: either the infrastructure is not ready yet, or the proxy has no buildctl.
    const build = await a.call('POST', '/aikit/build', {
      modelSource: 'huggingface',
      modelId: 'bartowski/gemma-3-1b-it-GGUF',
      ggufFile: 'gemma-3-1b-it-Q8_0.gguf',
    });
    expect(build.status).toBe(503);
    expect(build.body.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(build.body.error).toMatch(/not ready|buildctl/);
  });
});
