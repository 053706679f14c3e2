/**
 * TEST-ONLY stand-in for the AI Runway controller.
 *
 * The real controller (installed from the Runtimes page) reconciles ModelDeployments into provider resources.
 * Tests and the local demo need ModelDeployments in every phase without it, so this stand-in does the part
 * the plugin can observe, the way the controller does it: it writes status through the status subresource
 * (provider and engine with their selectedReason, replicas, endpoint, conditions, phase, message) and creates
 * the pods the provider would run, owned by the ModelDeployment so the real garbage collector removes them.
 * The real scheduler places the pods on the simulated nodes and kwok runs them, so Pending really means
 * "could not be scheduled". It never runs in a product path.
 */
import { providerEndpoint } from '@airunway/shared-client/providers/manifests';
import { selectProvider } from '@airunway/shared-client/providers/selection';
import { resolvedServingMode } from '@airunway/shared-client/schemas/modelDeployment';
import { type KubeClient, waitFor } from './kube';

const API = '/apis/airunway.ai/v1alpha1';
export const DEPLOYMENT_LABEL = 'airunway.ai/model-deployment';

const RESOURCE_KIND: Record<string, string> = {
  dynamo: 'DynamoGraphDeployment',
  kaito: 'Workspace',
  kuberay: 'RayService',
  llmd: 'Deployment',
  vllm: 'Deployment',
};

const ENGINE_IMAGE: Record<string, string> = {
  vllm: 'vllm/vllm-openai:v0.11.0',
  sglang: 'lmsysorg/sglang:v0.5.3',
  trtllm: 'nvcr.io/nvidia/tensorrt-llm/release:1.0.0',
  llamacpp: 'ghcr.io/ggml-org/llama.cpp:server',
};

interface PodPlan {
  role: string;
  replicas: number;
  gpus: number;
  memory?: string | number;
  cpu?: string | number;
}

function podPlans(spec: any): PodPlan[] {
  if (spec.serving?.mode === 'disaggregated') {
    return (['prefill', 'decode'] as const).map(role => ({
      role,
      replicas: spec.scaling?.[role]?.replicas ?? 1,
      gpus: spec.scaling?.[role]?.gpu?.count ?? 1,
      memory: spec.scaling?.[role]?.memory,
      cpu: spec.scaling?.[role]?.cpu,
    }));
  }
  return [
    {
      role: 'worker',
      replicas: spec.scaling?.replicas ?? 1,
      gpus: spec.resources?.gpu?.count ?? 0,
      memory: spec.resources?.memory,
      cpu: spec.resources?.cpu,
    },
  ];
}

function mdPath(ns: string, name: string) {
  return `${API}/namespaces/${ns}/modeldeployments/${name}`;
}

function condition(type: string, ok: boolean, reason: string, message: string, generation: number) {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
    lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    observedGeneration: generation,
  };
}

export class ControllerStandIn {
  constructor(private readonly kube: KubeClient) {}

  /** Creates the pods the provider would run (idempotent), without touching status. */
  async createPods(md: any): Promise<void> {
    const { namespace, name, uid } = md.metadata;
    const spec = md.spec;
    const selection = selectProvider(spec);
    const engine = selection.engine ?? 'vllm';
    const gpuResource = spec.resources?.gpu?.type ?? 'nvidia.com/gpu';
    for (const plan of podPlans(spec)) {
      for (let i = 0; i < plan.replicas; i++) {
        const podName = `${name}-${plan.role}-${i}`;
        const resources: Record<string, string> = {};
        if (plan.gpus > 0) resources[gpuResource] = String(plan.gpus);
        if (plan.memory !== undefined) resources.memory = String(plan.memory);
        if (plan.cpu !== undefined) resources.cpu = String(plan.cpu);
        const res = await this.kube.request('POST', `/api/v1/namespaces/${namespace}/pods`, {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: podName,
            labels: {
              [DEPLOYMENT_LABEL]: name,
              'airunway.ai/role': plan.role,
              'app.kubernetes.io/managed-by': 'airunway-controller-standin',
            },
            ownerReferences: [
              {
                apiVersion: 'airunway.ai/v1alpha1',
                kind: 'ModelDeployment',
                name,
                uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: {
            nodeSelector: spec.nodeSelector,
            tolerations: spec.tolerations,
            containers: [
              {
                name: 'engine',
                image:
                  spec.engine?.image ?? spec.image ?? ENGINE_IMAGE[engine] ?? ENGINE_IMAGE.vllm,
                args: ['--model', spec.model?.id ?? 'custom'],
                ports: [{ name: 'http', containerPort: 8000 }],
                resources: {
                  requests: resources,
                  limits: plan.gpus > 0 ? { [gpuResource]: String(plan.gpus) } : {},
                },
              },
            ],
          },
        });
        if (res.status !== 201 && res.status !== 409) {
          throw new Error(`creating pod ${podName}: ${res.status} ${JSON.stringify(res.body)}`);
        }
      }
    }
  }

  /**
   * One reconcile pass: selection, pods, and a status derived from the pods as they really are
   * (none scheduled → Pending, some not ready → Deploying, all ready → Running).
   */
  async reconcile(namespace: string, name: string): Promise<any> {
    const md = await this.kube.get(mdPath(namespace, name));
    await this.createPods(md);
    const pods = (
      await this.kube.get(`/api/v1/namespaces/${namespace}/pods`, {
        query: { labelSelector: `${DEPLOYMENT_LABEL}=${name}` },
      })
    ).items as any[];
    const desired = podPlans(md.spec).reduce((n, p) => n + p.replicas, 0);
    const ready = pods.filter(p =>
      p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')
    ).length;
    const scheduled = pods.filter(p => p.spec.nodeName).length;
    const phase = ready >= desired ? 'Running' : scheduled === 0 ? 'Pending' : 'Deploying';
    const message =
      phase === 'Running'
        ? `${ready}/${desired} replicas ready`
        : phase === 'Pending'
        ? 'Waiting for pods to be scheduled'
        : `${ready}/${desired} replicas ready; waiting for the rest`;
    return this.writeStatus(md, { phase, message, ready, desired });
  }

  /** Marks the deployment Failed with a message, as the controller does on an unrecoverable error. */
  async fail(namespace: string, name: string, message: string): Promise<any> {
    const md = await this.kube.get(mdPath(namespace, name));
    const desired = podPlans(md.spec).reduce((n, p) => n + p.replicas, 0);
    return this.writeStatus(md, { phase: 'Failed', message, ready: 0, desired });
  }

  /** Reconciles until the deployment reaches `phase` (e.g. Running once kwok has started the pods). */
  async reconcileUntil(namespace: string, name: string, phase: string, timeoutMs = 60_000) {
    return waitFor(
      `${namespace}/${name} to be ${phase}`,
      async () => {
        const md = await this.reconcile(namespace, name);
        return md.status.phase === phase ? md : undefined;
      },
      timeoutMs,
      500
    );
  }

  private async writeStatus(
    md: any,
    observed: { phase: string; message: string; ready: number; desired: number }
  ): Promise<any> {
    let s = observed;
    const { namespace, name, generation } = md.metadata;
    const selection = selectProvider(md.spec);
    if (!selection.ok) {
      // What the controller does with a spec no provider can run: Failed, with the reason, nothing created.
      s = { ...s, phase: 'Failed', message: selection.reason };
    }
    const provider = selection.ok ? selection.provider : undefined;
    const endpoint = provider
      ? providerEndpoint(provider, name, resolvedServingMode(md.spec))
      : undefined;
    const running = s.phase === 'Running';
    const status = {
      phase: s.phase,
      message: s.message,
      observedGeneration: generation,
      provider: provider && {
        name: provider,
        resourceName: name,
        resourceKind: RESOURCE_KIND[provider],
        selectedReason: selection.reason,
      },
      engine: selection.ok
        ? { type: selection.engine, selectedReason: selection.engineReason }
        : undefined,
      replicas: { desired: s.desired, ready: s.ready, available: s.ready },
      endpoint,
      conditions: [
        condition('Validated', true, 'Valid', 'Spec is valid', generation),
        condition(
          'EngineSelected',
          selection.ok,
          selection.ok ? 'Selected' : 'Unsupported',
          selection.ok ? selection.engineReason : selection.reason,
          generation
        ),
        condition(
          'ProviderSelected',
          selection.ok,
          selection.ok ? 'Selected' : 'Unsupported',
          selection.reason,
          generation
        ),
        condition(
          'ResourceCreated',
          s.phase !== 'Failed',
          s.phase === 'Failed' ? 'Failed' : 'Created',
          s.message,
          generation
        ),
        condition('Ready', running, running ? 'AllReplicasReady' : s.phase, s.message, generation),
      ],
    };
    return this.kube.mergePatch(`${mdPath(namespace, name)}/status`, { status });
  }
}
