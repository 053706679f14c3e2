/**
 * The prompt playground's paths to a model through the real API server: OpenAI-compatible chat streamed
 * through `services/<svc>:<port>/proxy` and through one pod's `pods/<pod>:<port>/proxy`, decoded by the
 * shared-client stream decoder the plugin uses; the chat-template refusal that makes the plugin fall back
 * to /v1/completions; and RBAC: without `create` on services/proxy the API server refuses the request.
 */
import {
  chatRequestBody,
  completionRequestBody,
  decodeStream,
  isChatTemplateError,
} from '@airunway/shared-client/openaiStream';
import { snapshotFromReplicas } from '@airunway/shared-client/prometheus/replicas';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type LocalCluster, TEST_CLUSTER } from '../cluster/cluster';
import { identityWithRules, type TestIdentity, testNamespace } from '../cluster/fixtures';
import { waitFor } from '../cluster/kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from '../cluster/netns';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PORT = 8000;
const MODEL = 'Qwen/Qwen3-0.6B';
const settings = { maxTokens: 64, temperature: 0.2 };

let cluster: LocalCluster;
let ns: Awaited<ReturnType<typeof testNamespace>>;
const hosts: TestHost[] = [];
let user: TestIdentity;
let viewer: TestIdentity;

async function modelServer(service: string, replica: string, env: Record<string, string> = {}) {
  const host = createTestHost();
  hosts.push(host);
  const server = host.spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/upstreams/model-server.ts', host.ip, String(PORT)],
    { cwd: repoRoot, env: { ...process.env, MODEL_NAME: MODEL, MODEL_REPLICA: replica, ...env } }
  );
  await once(server.stdout!, 'data');
  await registerServiceEndpoint(cluster.kube, {
    namespace: ns.name,
    name: service,
    ip: host.ip,
    port: PORT,
  });
  return host;
}

beforeAll(async () => {
  cluster = connect(TEST_CLUSTER);
  ns = await testNamespace(cluster.kube, 'chat');
  await modelServer('chat-model', 'replica-a');
  await modelServer('base-model', 'replica-b', { MODEL_NO_CHAT_TEMPLATE: '1' });
  user = await identityWithRules(cluster.kube, ns.name, 'user', [
    { apiGroups: [''], resources: ['services/proxy', 'pods/proxy'], verbs: ['get', 'create'] },
  ]);
  viewer = await identityWithRules(cluster.kube, ns.name, 'viewer', [
    { apiGroups: [''], resources: ['services/proxy'], verbs: ['get'] },
  ]);
}, 180_000);

afterAll(async () => {
  for (const host of hosts) host.destroy();
  await ns?.dispose();
  user?.kube.close();
  viewer?.kube.close();
  cluster?.kube.close();
});

async function post(kube: TestIdentity['kube'], path: string, body: unknown) {
  return waitFor(`an answer from ${path}`, async () => {
    const res = await kube.request('POST', path, body, { raw: true });
    // 503 until the endpoint is wired; anything else is the answer under test.
    return res.status === 503 ? undefined : res;
  });
}

const text = (events: ReturnType<typeof decodeStream>) =>
  events
    .filter(e => e.type === 'delta')
    .map(e => (e as { content: string }).content)
    .join('');

describe('per-replica metrics through pods/proxy', () => {
  it('reads each replica on its own and sums them, as the Performance tab does for several replicas', async () => {
    const scrapes = await Promise.all(
      ['chat-model', 'base-model'].map(async service => {
        const pod = `${service}-test-host`;
        const res = await waitFor(`metrics of ${pod}`, async () => {
          const r = await user.kube.request(
            'GET',
            `/api/v1/namespaces/${ns.name}/pods/${pod}:${PORT}/proxy/metrics`,
            undefined,
            { raw: true }
          );
          return r.status === 200 ? r : undefined;
        });
        return { replica: pod, text: res.body as string };
      })
    );
    const { snapshot, errors } = snapshotFromReplicas(scrapes, Date.now());
    expect(errors).toEqual([]);
    expect(snapshot.sources).toEqual(['base-model-test-host', 'chat-model-test-host']);
    // Each stand-in reports 12 running and 3 waiting requests.
    expect(snapshot.metrics.requestsRunning).toBe(24);
    expect(snapshot.metrics.requestsWaiting).toBe(6);
  });
});

describe('playground through the API server', () => {
  it('streams a chat answer through the Service, in order, ending with [DONE]', async () => {
    const res = await post(
      user.kube,
      `/api/v1/namespaces/${ns.name}/services/chat-model:${PORT}/proxy/v1/chat/completions`,
      chatRequestBody(MODEL, [{ role: 'user', content: 'Say hello' }], settings)
    );
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toContain('text/event-stream');
    const events = decodeStream(res.body as string);
    expect(text(events)).toBe('Hello from replica-a about "Say hello".');
    expect(events.filter(e => e.type === 'finish')).toEqual([
      { type: 'finish', index: 0, reason: 'stop' },
    ]);
    expect(events.at(-1)).toEqual({ type: 'done' });
  });

  it('asks one replica through pods/proxy, and that replica answers', async () => {
    const res = await post(
      user.kube,
      `/api/v1/namespaces/${ns.name}/pods/chat-model-test-host:${PORT}/proxy/v1/chat/completions`,
      chatRequestBody(MODEL, [{ role: 'user', content: 'Who are you?' }], settings)
    );
    expect(res.status).toBe(200);
    expect(text(decodeStream(res.body as string))).toContain('replica-a');
  });

  it('a model without a chat template is refused in a way the fallback recognises; completions answer', async () => {
    const base = `/api/v1/namespaces/${ns.name}/services/base-model:${PORT}/proxy/v1`;
    const messages = [{ role: 'user' as const, content: 'Once upon a time' }];
    const refused = await post(
      user.kube,
      `${base}/chat/completions`,
      chatRequestBody(MODEL, messages, settings)
    );
    expect(refused.status).toBe(400);
    expect(isChatTemplateError(refused.status, refused.body as string)).toBe(true);
    const res = await post(
      user.kube,
      `${base}/completions`,
      completionRequestBody(MODEL, messages, settings)
    );
    expect(res.status).toBe(200);
    expect(text(decodeStream(res.body as string))).toBe(
      'Hello from replica-b about "Once upon a time".'
    );
  });

  it('without create on services/proxy, the API server refuses the chat before it reaches the model', async () => {
    const res = await viewer.kube.request(
      'POST',
      `/api/v1/namespaces/${ns.name}/services/chat-model:${PORT}/proxy/v1/chat/completions`,
      chatRequestBody(MODEL, [{ role: 'user', content: 'hi' }], settings)
    );
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/cannot create resource "services\/proxy"/);
  });
});
