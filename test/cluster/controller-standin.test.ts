/** The test-only controller stand-in puts ModelDeployments in every phase the plugin must show. */
import { GEMMA_CPU, QWEN_DEMO } from '@airunway/shared-client/schemas/examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type LocalCluster, TEST_CLUSTER } from './cluster';
import { ControllerStandIn, DEPLOYMENT_LABEL } from './controller-standin';
import { testNamespace } from './fixtures';
import { waitFor } from './kube';

const MD = '/apis/airunway.ai/v1alpha1';
let cluster: LocalCluster;
let ns: Awaited<ReturnType<typeof testNamespace>>;
let standIn: ControllerStandIn;

beforeAll(async () => {
  cluster = connect(TEST_CLUSTER);
  ns = await testNamespace(cluster.kube, 'standin');
  standIn = new ControllerStandIn(cluster.kube);
});
afterAll(async () => {
  await ns?.dispose();
  cluster?.kube.close();
});

async function create(name: string, spec: any) {
  return cluster.kube.post(`${MD}/namespaces/${ns.name}/modeldeployments`, {
    apiVersion: 'airunway.ai/v1alpha1',
    kind: 'ModelDeployment',
    metadata: { name },
    spec,
  });
}

const podsOf = async (name: string) =>
  (
    await cluster.kube.get(`/api/v1/namespaces/${ns.name}/pods`, {
      query: { labelSelector: `${DEPLOYMENT_LABEL}=${name}` },
    })
  ).items as any[];

describe('controller stand-in', () => {
  it('brings a 1-GPU vLLM deployment to Running on a GPU node, with dynamo selected and its reason', async () => {
    await create('qwen', QWEN_DEMO.spec);
    const md = await standIn.reconcileUntil(ns.name, 'qwen', 'Running');
    expect(md.status.provider).toMatchObject({
      name: 'dynamo',
      resourceKind: 'DynamoGraphDeployment',
    });
    expect(md.status.provider.selectedReason).toMatch(/dynamo/);
    expect(md.status.engine.type).toBe('vllm');
    expect(md.status.replicas).toEqual({ desired: 1, ready: 1, available: 1 });
    expect(md.status.endpoint).toEqual({ service: 'qwen-frontend', port: 8000 });
    expect(md.status.conditions.find((c: any) => c.type === 'Ready').status).toBe('True');
    const [pod] = await podsOf('qwen');
    expect(pod.spec.nodeName).toMatch(/^aks-(a100|h100)-/);
  });

  it('routes a CPU-only llama.cpp deployment to kaito, on a CPU node', async () => {
    await create('gemma', GEMMA_CPU.spec);
    const md = await standIn.reconcileUntil(ns.name, 'gemma', 'Running');
    expect(md.status.provider.name).toBe('kaito');
    expect(md.status.endpoint).toEqual({ service: 'gemma', port: 80 });
  });

  it('leaves an oversized deployment Pending, its pod unschedulable for lack of GPUs', async () => {
    await create('huge', {
      model: { id: 'meta-llama/Llama-3.1-405B-Instruct' },
      engine: { type: 'vllm' },
      resources: { gpu: { count: 16 } },
    });
    const md = await standIn.reconcile(ns.name, 'huge');
    expect(md.status.phase).toBe('Pending');
    const event = await waitFor('FailedScheduling for the oversized pod', async () => {
      const events = await cluster.kube.get(`/api/v1/namespaces/${ns.name}/events`, {
        query: { fieldSelector: 'involvedObject.name=huge-worker-0,reason=FailedScheduling' },
      });
      return events.items[0];
    });
    expect(event.message).toMatch(/Insufficient nvidia\.com\/gpu/);
  });

  it('marks a deployment Failed with the message, and the pods go with the deployment', async () => {
    await create('doomed', QWEN_DEMO.spec);
    await standIn.reconcile(ns.name, 'doomed');
    const md = await standIn.fail(ns.name, 'doomed', 'image pull failed: vllm/vllm-openai:nope');
    expect(md.status.phase).toBe('Failed');
    expect(md.status.message).toContain('image pull failed');
    expect(await podsOf('doomed')).toHaveLength(1);
    await cluster.kube.delete(`${MD}/namespaces/${ns.name}/modeldeployments/doomed`);
    // The real garbage collector follows the ownerReferences the stand-in set.
    await waitFor('the pods to be garbage-collected', async () =>
      (await podsOf('doomed')).length === 0 ? true : undefined
    );
  });
});
