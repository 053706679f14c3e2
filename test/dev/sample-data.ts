/**
 * Sample data for the embedded default (`npm start`): ModelDeployments in every phase, brought there by the
 * test-only controller stand-in on the simulated GPU nodes, and a cluster-autoscaler status ConfigMap.
 * Idempotent: running it again leaves what is there.
 */
import {
  GEMMA_CPU,
  LLAMA_8B,
  LLAMA_70B_PD,
  QWEN_DEMO,
} from '@airunway/shared-client/schemas/examples';
import { ControllerStandIn } from '../cluster/controller-standin';
import type { KubeClient } from '../cluster/kube';

export const SAMPLE_NAMESPACE = 'airunway-workloads';
const MD = `/apis/airunway.ai/v1alpha1/namespaces/${SAMPLE_NAMESPACE}/modeldeployments`;

interface Sample {
  name: string;
  spec: any;
  /** What the stand-in drives it to; Pending ones stay unschedulable on their own. */
  target: 'Running' | 'Pending' | 'Failed';
  failure?: string;
}

export const SAMPLES: Sample[] = [
  { name: 'qwen-demo', spec: QWEN_DEMO.spec, target: 'Running' },
  { name: 'llama-8b', spec: LLAMA_8B.spec, target: 'Running' },
  { name: 'gemma-cpu', spec: GEMMA_CPU.spec, target: 'Running' },
  { name: 'llama-70b-pd', spec: LLAMA_70B_PD.spec, target: 'Pending' },
  {
    name: 'llama-405b',
    spec: {
      model: { id: 'meta-llama/Llama-3.1-405B-Instruct' },
      engine: { type: 'vllm' },
      resources: { gpu: { count: 16 } },
    },
    target: 'Pending',
  },
  {
    name: 'mistral-broken',
    spec: {
      model: { id: 'mistralai/Mistral-7B-Instruct-v0.3' },
      engine: { type: 'vllm', image: 'vllm/vllm-openai:does-not-exist' },
      resources: { gpu: { count: 1 } },
    },
    target: 'Failed',
    failure: 'Back-off pulling image "vllm/vllm-openai:does-not-exist"',
  },
];

/** The newer YAML format of cluster-autoscaler's status ConfigMap, as on a managed cluster. */
function autoscalerStatus(now: string): string {
  return [
    `time: "${now}"`,
    'autoscalerStatus: Running',
    'clusterWide:',
    '  health:',
    '    status: Healthy',
    '    nodeCounts:',
    '      registered: { total: 5, ready: 5, notStarted: 0 }',
    '      longUnregistered: 0',
    '      unregistered: 0',
    `    lastProbeTime: "${now}"`,
    `    lastTransitionTime: "${now}"`,
    '  scaleUp: { status: NoActivity }',
    '  scaleDown: { status: NoCandidates }',
    'nodeGroups:',
    '  - name: aks-a100',
    '    health:',
    '      status: Healthy',
    '      nodeCounts: { registered: { total: 2, ready: 2 } }',
    '      cloudProviderTarget: 2',
    '      minSize: 1',
    '      maxSize: 4',
    '  - name: aks-h100',
    '    health:',
    '      status: Healthy',
    '      nodeCounts: { registered: { total: 1, ready: 1 } }',
    '      cloudProviderTarget: 1',
    '      minSize: 0',
    '      maxSize: 2',
  ].join('\n');
}

export async function seedSampleData(kube: KubeClient, log = console.error): Promise<void> {
  const standIn = new ControllerStandIn(kube);
  for (const s of SAMPLES) {
    const res = await kube.request('POST', MD, {
      apiVersion: 'airunway.ai/v1alpha1',
      kind: 'ModelDeployment',
      metadata: { name: s.name, labels: { 'airunway.ai/sample': 'true' } },
      spec: s.spec,
    });
    if (res.status !== 201 && res.status !== 409) {
      throw new Error(`sample ${s.name}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  // Running ones first, so the GPUs they take are gone before the Pending ones are scheduled.
  for (const s of SAMPLES.filter(x => x.target === 'Running')) {
    await standIn.reconcileUntil(SAMPLE_NAMESPACE, s.name, 'Running');
  }
  for (const s of SAMPLES.filter(x => x.target !== 'Running')) {
    await standIn.reconcile(SAMPLE_NAMESPACE, s.name);
    if (s.failure) await standIn.fail(SAMPLE_NAMESPACE, s.name, s.failure);
  }
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await kube.apply('/api/v1/namespaces/kube-system/configmaps/cluster-autoscaler-status', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cluster-autoscaler-status', namespace: 'kube-system' },
    data: { status: autoscalerStatus(now) },
  });
  log(`[sample-data] ${SAMPLES.length} ModelDeployments in ${SAMPLE_NAMESPACE}, autoscaler status`);
}
