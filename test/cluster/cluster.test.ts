/**
 * The foundation everything else is tested on: a real control plane that validates ModelDeployments with the
 * development CRD, schedules GPU pods onto simulated nodes, enforces RBAC and proxies to Services.
 */
import { REFERENCE_EXAMPLES } from '@airunway/shared-client/schemas/examples';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, KUBE_VERSION, type LocalCluster, TEST_CLUSTER } from './cluster';
import { identityWithRules, testNamespace } from './fixtures';
import { KubeError, waitFor } from './kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from './netns';

const MD = '/apis/airunway.ai/v1alpha1';

let cluster: LocalCluster;
let ns: Awaited<ReturnType<typeof testNamespace>>;

beforeAll(async () => {
  cluster = connect(TEST_CLUSTER);
  ns = await testNamespace(cluster.kube, 'foundation');
});
afterAll(async () => {
  await ns?.dispose();
  cluster?.kube.close();
});

function modelDeployment(name: string, spec: unknown) {
  return { apiVersion: 'airunway.ai/v1alpha1', kind: 'ModelDeployment', metadata: { name }, spec };
}

async function createRejected(name: string, spec: unknown): Promise<KubeError> {
  try {
    await cluster.kube.post(
      `${MD}/namespaces/${ns.name}/modeldeployments`,
      modelDeployment(name, spec)
    );
  } catch (e) {
    if (e instanceof KubeError) return e;
    throw e;
  }
  throw new Error(`ModelDeployment ${name} was accepted`);
}

describe('control plane', () => {
  it('reports the pinned Kubernetes version on /version (helm and Headlamp read it)', async () => {
    const v = await cluster.kube.get('/version');
    expect(v.gitVersion).toBe(KUBE_VERSION);
    expect(v.major).toBe('1');
  });

  it('has the simulated GPU pools Ready with GPU allocatable and the product labels', async () => {
    // The simulated pools (label type=kwok); a test-host node may exist beside them.
    const nodes = (
      await cluster.kube.get('/api/v1/nodes', { query: { labelSelector: 'type=kwok' } })
    ).items as any[];
    expect(nodes).toHaveLength(5);
    const byPool = (pool: string) =>
      nodes.filter(n => n.metadata.labels['kubernetes.azure.com/agentpool'] === pool);
    const a100 = byPool('a100');
    expect(a100).toHaveLength(2);
    for (const n of a100) {
      expect(n.status.allocatable['nvidia.com/gpu']).toBe('4');
      expect(n.metadata.labels['nvidia.com/gpu.product']).toBe('NVIDIA-A100-SXM4-80GB');
      expect(n.metadata.labels['nvidia.com/gpu.memory']).toBe('81920');
      expect(n.metadata.labels['node.kubernetes.io/instance-type']).toBe(
        'Standard_NC24ads_A100_v4'
      );
    }
    expect(byPool('h100').map(n => n.status.allocatable['nvidia.com/gpu'])).toEqual(['8']);
    expect(byPool('cpu').every(n => !n.status.allocatable['nvidia.com/gpu'])).toBe(true);
    for (const n of nodes) {
      expect(n.status.conditions.find((c: any) => c.type === 'Ready')?.status).toBe('True');
      expect(n.spec.taints ?? []).toEqual([]);
    }
  });
});

describe('ModelDeployment CRD', () => {
  it.each(REFERENCE_EXAMPLES.map(e => [e.metadata.name, e] as const))(
    'accepts the reference example %s',
    async (_name, example) => {
      const created = await cluster.kube.post(`${MD}/namespaces/${ns.name}/modeldeployments`, {
        ...example,
        metadata: { ...example.metadata, namespace: ns.name },
      });
      expect(created.metadata.uid).toBeTruthy();
      // Defaults from the schema are applied by the API server.
      expect(created.spec.model.source ?? 'huggingface').toMatch(/huggingface|custom/);
      expect(created.spec.model.id).toBe(example.spec.model.id);
    }
  );

  it('applies the schema defaults (source huggingface, serving aggregated, one replica)', async () => {
    const created = await cluster.kube.post(
      `${MD}/namespaces/${ns.name}/modeldeployments`,
      modelDeployment('defaults', { model: { id: 'Qwen/Qwen3-0.6B' }, serving: {}, scaling: {} })
    );
    expect(created.spec.model.source).toBe('huggingface');
    expect(created.spec.serving.mode).toBe('aggregated');
    expect(created.spec.scaling.replicas).toBe(1);
  });

  it('rejects a bad engine enum with the field path', async () => {
    const err = await createRejected('bad-engine', {
      model: { id: 'Qwen/Qwen3-0.6B' },
      engine: { type: 'ollama' },
    });
    expect(err.status).toBe(422);
    expect(err.body.details.causes.map((c: any) => c.field)).toContain('spec.engine.type');
  });

  it('rejects negative replicas with the field path', async () => {
    const err = await createRejected('neg-replicas', {
      model: { id: 'Qwen/Qwen3-0.6B' },
      scaling: { replicas: -1 },
    });
    expect(err.status).toBe(422);
    expect(err.body.details.causes.map((c: any) => c.field)).toContain('spec.scaling.replicas');
  });

  it('rejects a huggingface model without model.id, pointing at spec.model.id', async () => {
    const err = await createRejected('no-id', { model: { source: 'huggingface' } });
    expect(err.status).toBe(422);
    const cause = err.body.details.causes.find((c: any) => c.field === 'spec.model.id');
    expect(cause?.message).toMatch(/model.id is required/);
  });

  it('accepts a custom-source model without model.id', async () => {
    const created = await cluster.kube.post(
      `${MD}/namespaces/${ns.name}/modeldeployments`,
      modelDeployment('custom-src', { model: { source: 'custom' }, image: 'example/engine:1' })
    );
    expect(created.spec.model.source).toBe('custom');
  });

  it('rejects disaggregated serving without prefill and decode, pointing at spec.scaling', async () => {
    const err = await createRejected('pd-missing', {
      model: { id: 'meta-llama/Llama-3.1-70B-Instruct' },
      serving: { mode: 'disaggregated' },
      scaling: { prefill: { replicas: 1 } },
    });
    expect(err.status).toBe(422);
    const cause = err.body.details.causes.find((c: any) => c.field === 'spec.scaling');
    expect(cause?.message).toMatch(/prefill and scaling.decode are required/);
  });

  it('keeps status behind the status subresource and prints the Phase column', async () => {
    const path = `${MD}/namespaces/${ns.name}/modeldeployments/status-check`;
    await cluster.kube.post(
      `${MD}/namespaces/${ns.name}/modeldeployments`,
      modelDeployment('status-check', { model: { id: 'Qwen/Qwen3-0.6B' } })
    );
    // A status sent to the main resource is ignored…
    await cluster.kube.mergePatch(path, { status: { phase: 'Running' } });
    expect((await cluster.kube.get(path)).status?.phase).toBeUndefined();
    // …and accepted through /status, where the phase enum is enforced.
    await cluster.kube.mergePatch(`${path}/status`, { status: { phase: 'Deploying' } });
    const table = await cluster.kube.request('GET', path, undefined, {});
    expect(table.body.status.phase).toBe('Deploying');
    await expect(
      cluster.kube.mergePatch(`${path}/status`, { status: { phase: 'Exploded' } })
    ).rejects.toMatchObject({ status: 422 });
  });
});

describe('GPU scheduling on simulated nodes', () => {
  const gpuPod = (name: string, gpus: number) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      nodeSelector: { 'kubernetes.azure.com/agentpool': 'a100' },
      containers: [
        {
          name: 'engine',
          image: 'vllm/vllm-openai:latest',
          resources: { limits: { 'nvidia.com/gpu': String(gpus) } },
        },
      ],
    },
  });

  it('runs a 4-GPU pod on an A100 node', async () => {
    await cluster.kube.post(`/api/v1/namespaces/${ns.name}/pods`, gpuPod('four-gpus', 4));
    const pod = await waitFor('the 4-GPU pod to run', async () => {
      const p = await cluster.kube.get(`/api/v1/namespaces/${ns.name}/pods/four-gpus`);
      return p.status.phase === 'Running' ? p : undefined;
    });
    expect(pod.spec.nodeName).toMatch(/^aks-a100-/);
  });

  it('keeps a 5-GPU pod Pending with a real FailedScheduling event naming nvidia.com/gpu', async () => {
    await cluster.kube.post(`/api/v1/namespaces/${ns.name}/pods`, gpuPod('five-gpus', 5));
    const event = await waitFor('a FailedScheduling event', async () => {
      const events = await cluster.kube.get(`/api/v1/namespaces/${ns.name}/events`, {
        query: { fieldSelector: 'involvedObject.name=five-gpus,reason=FailedScheduling' },
      });
      return events.items[0];
    });
    expect(event.message).toMatch(/Insufficient nvidia\.com\/gpu/);
    const pod = await cluster.kube.get(`/api/v1/namespaces/${ns.name}/pods/five-gpus`);
    expect(pod.status.phase).toBe('Pending');
    expect(pod.spec.nodeName).toBeUndefined();
  });
});

describe('authentication and RBAC', () => {
  it('refuses a ServiceAccount without rights to list nodes (403)', async () => {
    const nobody = await identityWithRules(cluster.kube, ns.name, 'nobody', []);
    const res = await nobody.kube.request('GET', '/api/v1/nodes');
    expect(res.status).toBe(403);
    expect(res.body.message).toContain(nobody.username);
    nobody.kube.close();
  });

  it('authenticates a minted token through TokenReview', async () => {
    const someone = await identityWithRules(cluster.kube, ns.name, 'someone', []);
    const review = await cluster.kube.post('/apis/authentication.k8s.io/v1/tokenreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token: someone.token },
    });
    expect(review.status.authenticated).toBe(true);
    expect(review.status.user.username).toBe(someone.username);
    someone.kube.close();
  });
});

describe('test hosts behind the API server service proxy', () => {
  let host: TestHost;
  afterAll(() => host?.destroy());

  it('reaches a process in a test network namespace through services/<name>:<port>/proxy/', async () => {
    host = createTestHost();
    const server = host.spawn(process.execPath, [
      '-e',
      `require('http').createServer((q,s)=>{s.setHeader('content-type','text/plain');s.end('hello from '+q.url)}).listen(8080,'${host.ip}',()=>console.log('listening'))`,
    ]);
    await once(server.stdout!, 'data');
    await registerServiceEndpoint(cluster.kube, {
      namespace: ns.name,
      name: 'echo',
      ip: host.ip,
      port: 8080,
    });
    let last: unknown;
    const body = await waitFor(
      'the service proxy to reach the test host',
      async () => {
        const res = await cluster.kube.request(
          'GET',
          `/api/v1/namespaces/${ns.name}/services/echo:http/proxy/metrics?x=1`,
          undefined,
          { raw: true }
        );
        last = { status: res.status, body: res.body };
        return res.status === 200 ? (res.body as string) : undefined;
      },
      30_000
    ).catch(e => {
      throw new Error(`${e.message}; last answer: ${JSON.stringify(last)}`);
    });
    expect(body).toBe('hello from /metrics?x=1');
  });
});
