/**
 * The Performance tab's data path and the optimisation workflow against the real control plane: a vLLM
 * stand-in in a test host behind a real Service, its /metrics read through the API server's service proxy
 * with a user's own token, the shared-client advisor finding the bottleneck, and the workflow changing the
 * real ModelDeployment and its history ConfigMap (and refusing a lost update).
 */
import { detectBottlenecks, recommend } from '@airunway/shared-client/advisor';
import { HISTORY_KEY, historyConfigMapName } from '@airunway/shared-client/optimization/record';
import {
  applyOptimization,
  decide,
  type KubeRequest,
  propose,
  readHistory,
  rollbackOptimization,
  whoAmI,
  WorkflowError,
  workflowPermissions,
} from '@airunway/shared-client/optimization/workflow';
import { snapshotFromText } from '@airunway/shared-client/prometheus/rates';
import { appendScrape, EMPTY_WINDOW } from '@airunway/shared-client/prometheus/window';
import { once } from 'node:events';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type LocalCluster, TEST_CLUSTER } from '../cluster/cluster';
import { identityWithRules, type TestIdentity, testNamespace } from '../cluster/fixtures';
import { type KubeClient, waitFor } from '../cluster/kube';
import { createTestHost, registerServiceEndpoint, type TestHost } from '../cluster/netns';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../..');
const MD_API = '/apis/airunway.ai/v1alpha1';
const PORT = 8000;
const SPEC = {
  model: { id: 'Qwen/Qwen3-0.6B', source: 'huggingface' },
  engine: { type: 'vllm' },
  resources: { gpu: { count: 1 } },
  scaling: { replicas: 1 },
};

let cluster: LocalCluster;
let ns: Awaited<ReturnType<typeof testNamespace>>;
let host: TestHost;
let operator: TestIdentity;
let viewer: TestIdentity;

/** The workflow's request function over a user's client: what the plugin does through ApiProxy. */
function asRequest(kube: KubeClient): KubeRequest {
  return async (path, init) => {
    const res = await kube.request(init.method, path, init.body, {
      ...(init.contentType ? { contentType: init.contentType } : {}),
    });
    return { status: res.status, body: res.body };
  };
}

beforeAll(async () => {
  cluster = connect(TEST_CLUSTER);
  ns = await testNamespace(cluster.kube, 'perf');
  host = createTestHost();
  const server = host.spawn(
    process.execPath,
    ['--import', 'tsx', 'test/fixtures/upstreams/model-server.ts', host.ip, String(PORT)],
    {
      cwd: repoRoot,
      env: { ...process.env, MODEL_NAME: 'Qwen/Qwen3-0.6B', MODEL_REPLICA: 'qwen-0' },
    }
  );
  await once(server.stdout!, 'data');
  await registerServiceEndpoint(cluster.kube, {
    namespace: ns.name,
    name: 'qwen-server',
    ip: host.ip,
    port: PORT,
  });
  operator = await identityWithRules(cluster.kube, ns.name, 'operator', [
    {
      apiGroups: ['airunway.ai'],
      resources: ['modeldeployments'],
      verbs: ['get', 'list', 'watch', 'patch'],
    },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'create', 'update'] },
    { apiGroups: [''], resources: ['services/proxy'], verbs: ['get', 'create'] },
    { apiGroups: [''], resources: ['pods/proxy'], verbs: ['get', 'create'] },
  ]);
  viewer = await identityWithRules(cluster.kube, ns.name, 'viewer', [
    {
      apiGroups: ['airunway.ai'],
      resources: ['modeldeployments'],
      verbs: ['get', 'list', 'watch'],
    },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['get'] },
    { apiGroups: [''], resources: ['services/proxy'], verbs: ['get'] },
  ]);
}, 180_000);

afterAll(async () => {
  host?.destroy();
  await ns?.dispose();
  operator?.kube.close();
  viewer?.kube.close();
  cluster?.kube.close();
});

async function createDeployment(name: string) {
  const path = `${MD_API}/namespaces/${ns.name}/modeldeployments`;
  await cluster.kube.post(path, {
    apiVersion: 'airunway.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name },
    spec: SPEC,
  });
  // What the provider publishes: the Service in front of the model server.
  await cluster.kube.mergePatch(`${path}/${name}/status`, {
    status: { phase: 'Running', endpoint: { service: 'qwen-server', port: PORT } },
  });
  return { namespace: ns.name, name };
}

/** The spec as the API server stores it (CRD defaults applied), which is what the plugin reads. */
async function spec(name: string) {
  return (await cluster.kube.get(`${MD_API}/namespaces/${ns.name}/modeldeployments/${name}`)).spec;
}

/** Scrapes as the Performance tab does (services/<svc>:<port>/proxy/metrics with the user's token). */
async function scrapeWindow(kube: KubeClient, count: number) {
  let window = EMPTY_WINDOW;
  const path = `/api/v1/namespaces/${ns.name}/services/qwen-server:${PORT}/proxy/metrics`;
  await waitFor('the model server behind the service proxy', async () => {
    const res = await kube.request('GET', path, undefined, { raw: true });
    return res.status === 200 ? true : undefined;
  });
  for (let i = 0; i < count; i++) {
    const res = await kube.request('GET', path, undefined, { raw: true });
    expect(res.status).toBe(200);
    const { snapshot, errors } = snapshotFromText(res.body as string, Date.now());
    expect(errors).toEqual([]);
    window = appendScrape(window, snapshot);
    await new Promise(r => setTimeout(r, 50));
  }
  return window;
}

describe('Performance tab data path', () => {
  it('reads vLLM metrics through the service proxy and finds the memory pressure', async () => {
    const window = await scrapeWindow(operator.kube, 4);
    const last = window.points.at(-1)!;
    expect(last.engine).toBe('vllm');
    expect(last.kvCacheUsage).toBeCloseTo(0.97);
    expect(last.requestsRunning).toBe(12);
    // Counters grew between scrapes: rates and interval quantiles exist from the second point on.
    expect(last.generationTokensPerSecond).toBeGreaterThan(0);
    expect(last.ttftP95).toBeGreaterThan(0);
    const bottlenecks = detectBottlenecks(window.points);
    expect(bottlenecks.map(b => b.type)).toContain('MEMORY_PRESSURE');
    const recs = recommend(bottlenecks, SPEC, { engine: 'vllm' });
    expect(recs.map(r => r.type)).toContain('KV_CACHE');
  });
});

describe('optimisation workflow on the cluster', () => {
  it('proposes, approves and applies a change to the real object, then rolls it back', async () => {
    const ref = await createDeployment('qwen');
    const request = asRequest(operator.kube);
    const by = await whoAmI(request);
    expect(by).toBe(operator.username);
    expect(await workflowPermissions(request, ref)).toEqual({
      patchDeployment: true,
      writeHistory: true,
    });

    const before = await spec('qwen');
    const window = await scrapeWindow(operator.kube, 4);
    const [rec] = recommend(detectBottlenecks(window.points), before, { engine: 'vllm' }).filter(
      r => r.type === 'KV_CACHE'
    );
    const record = await propose(request, ref, before, rec!, { by, at: new Date().toISOString() });

    // The history ConfigMap, owned by the deployment.
    const md = await cluster.kube.get(`${MD_API}/namespaces/${ns.name}/modeldeployments/qwen`);
    const cm = await cluster.kube.get(
      `/api/v1/namespaces/${ns.name}/configmaps/${historyConfigMapName('qwen')}`
    );
    expect(cm.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'ModelDeployment', name: 'qwen', uid: md.metadata.uid }),
    ]);
    expect(JSON.parse(cm.data[HISTORY_KEY])[0]).toMatchObject({
      id: record.id,
      state: 'PENDING_APPROVAL',
    });

    await decide(request, ref, record.id, 'APPROVED', {
      by,
      at: new Date().toISOString(),
      note: 'go',
    });
    await applyOptimization(request, ref, record.id, { by, at: new Date().toISOString() });
    expect(await spec('qwen')).toEqual(record.specAfter);
    expect((await spec('qwen')).engine.args).toBeDefined();
    // The status the provider wrote is left alone.
    const after = await cluster.kube.get(`${MD_API}/namespaces/${ns.name}/modeldeployments/qwen`);
    expect(after.status.endpoint).toEqual({ service: 'qwen-server', port: PORT });

    await rollbackOptimization(request, ref, record.id, { by, at: new Date().toISOString() });
    expect(await spec('qwen')).toEqual(before);
    const { records } = await readHistory(request, ref);
    expect(records[0]!.history.map(h => [h.state, h.by])).toEqual([
      ['PENDING_APPROVAL', by],
      ['APPROVED', by],
      ['IN_PROGRESS', by],
      ['ROLLED_BACK', by],
    ]);
  });

  it('a concurrent edit is a conflict: the edit survives and the record says FAILED', async () => {
    const ref = await createDeployment('qwen-race');
    const request = asRequest(operator.kube);
    const by = await whoAmI(request);
    const before = await spec('qwen-race');
    const window = await scrapeWindow(operator.kube, 4);
    const [rec] = recommend(detectBottlenecks(window.points), before, { engine: 'vllm' });
    const record = await propose(request, ref, before, rec!, { by, at: new Date().toISOString() });
    await decide(request, ref, record.id, 'APPROVED', { by, at: new Date().toISOString() });

    // Someone scales the deployment between approval and apply.
    await cluster.kube.mergePatch(`${MD_API}/namespaces/${ns.name}/modeldeployments/qwen-race`, {
      spec: { scaling: { replicas: 3 } },
    });
    const error = await applyOptimization(request, ref, record.id, {
      by,
      at: new Date().toISOString(),
    }).catch(e => e);
    expect(error).toBeInstanceOf(WorkflowError);
    expect(error.code).toBe('SPEC_CHANGED');
    expect(await spec('qwen-race')).toEqual({ ...before, scaling: { replicas: 3 } });
    const { records } = await readHistory(request, ref);
    expect(records[0]!.state).toBe('FAILED');
  });

  it('a viewer sees the history but cannot decide: RBAC refuses, nothing changes', async () => {
    const ref = { namespace: ns.name, name: 'qwen' };
    const request = asRequest(viewer.kube);
    expect(await workflowPermissions(request, ref)).toEqual({
      patchDeployment: false,
      writeHistory: false,
    });
    const operatorRequest = asRequest(operator.kube);
    const by = await whoAmI(operatorRequest);
    const window = await scrapeWindow(operator.kube, 4);
    const current = await spec('qwen');
    const [rec] = recommend(detectBottlenecks(window.points), current, { engine: 'vllm' });
    const record = await propose(operatorRequest, ref, current, rec!, {
      by,
      at: new Date().toISOString(),
    });
    const before = await cluster.kube.get(
      `/api/v1/namespaces/${ns.name}/configmaps/${historyConfigMapName('qwen')}`
    );
    const error = await decide(request, ref, record.id, 'APPROVED', {
      by: viewer.username,
      at: new Date().toISOString(),
    }).catch(e => e);
    expect(error.code).toBe('FORBIDDEN');
    const after = await cluster.kube.get(
      `/api/v1/namespaces/${ns.name}/configmaps/${historyConfigMapName('qwen')}`
    );
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect((await readHistory(request, ref)).records.at(-1)!.state).toBe('PENDING_APPROVAL');
  });

  it('deleting the deployment deletes its history (garbage collection through the ownerReference)', async () => {
    const cm = await cluster.kube.get(
      `/api/v1/namespaces/${ns.name}/configmaps/${historyConfigMapName('qwen-race')}`
    );
    expect(cm.metadata.ownerReferences[0].name).toBe('qwen-race');
    await cluster.kube.delete(`${MD_API}/namespaces/${ns.name}/modeldeployments/qwen-race`);
    await waitFor(
      'the history ConfigMap to be garbage-collected',
      async () => {
        const res = await cluster.kube.request(
          'GET',
          `/api/v1/namespaces/${ns.name}/configmaps/${historyConfigMapName('qwen-race')}`
        );
        return res.status === 404 ? true : undefined;
      },
      90_000
    );
  }, 120_000);
});
