import type { ModelDeployment, ProviderName } from './modelDeployment';

// The four ModelDeployments of the reference API document (airunway-api.md), verbatim. They are the
// fixtures for the CRD tests and the provider-selection tests; clone one before changing it.

/** "CRD API (Kubernetes Native)": the quick-start deployment. */
export const QWEN_DEMO: ModelDeployment = {
  apiVersion: 'airunway.ai/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'qwen-demo', namespace: 'default' },
  spec: {
    model: { id: 'Qwen/Qwen3-0.6B', source: 'huggingface' },
    engine: { type: 'vllm' },
    resources: { gpu: { count: 1 } },
    scaling: { replicas: 1 },
  },
};

/** "GPU Deployment → Dynamo (auto-selected)". The reference gives no namespace. */
export const LLAMA_8B: ModelDeployment = {
  apiVersion: 'airunway.ai/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'llama-8b' },
  spec: {
    model: { id: 'meta-llama/Llama-3.1-8B-Instruct', source: 'huggingface' },
    engine: { type: 'vllm', contextLength: 8192 },
    scaling: { replicas: 1 },
    resources: { gpu: { count: 1 }, memory: '32Gi' },
    secrets: { huggingFaceToken: 'hf-token' },
  },
};

/** "CPU Deployment → KAITO (auto-selected)". */
export const GEMMA_CPU: ModelDeployment = {
  apiVersion: 'airunway.ai/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'gemma-cpu' },
  spec: {
    model: { id: 'google/gemma-3-1b-it-qat-q8_0-gguf', source: 'huggingface' },
    engine: { type: 'llamacpp' },
    scaling: { replicas: 1 },
    resources: { gpu: { count: 0 }, memory: '16Gi', cpu: '8' },
    image: 'ghcr.io/sozercan/llama-cpp-runner:latest',
  },
};

/** "Disaggregated P/D → Dynamo (explicit)". */
export const LLAMA_70B_PD: ModelDeployment = {
  apiVersion: 'airunway.ai/v1alpha1',
  kind: 'ModelDeployment',
  metadata: { name: 'llama-70b-pd' },
  spec: {
    model: { id: 'meta-llama/Llama-3.1-70B-Instruct' },
    provider: {
      name: 'dynamo',
      overrides: { routerMode: 'kv', frontend: { replicas: 2 } },
    },
    engine: { type: 'vllm' },
    serving: { mode: 'disaggregated' },
    scaling: {
      prefill: { replicas: 2, gpu: { count: 4 }, memory: '128Gi' },
      decode: { replicas: 4, gpu: { count: 2 }, memory: '64Gi' },
    },
    secrets: { huggingFaceToken: 'hf-token' },
  },
};

export const REFERENCE_EXAMPLES: readonly ModelDeployment[] = [
  QWEN_DEMO,
  LLAMA_8B,
  GEMMA_CPU,
  LLAMA_70B_PD,
];

export interface ReferenceExampleOutcome {
  provider: ProviderName;
  /**
   * status.provider.selectedReason for an auto-selected provider. The reference prints it for
   * llama-8b and gemma-cpu; qwen-demo takes the same rule as llama-8b.
   */
  selectedReason?: string;
  endpoint: { service: string; port: number };
  desiredReplicas: number;
}

/** What the reference says the controller reports for each example. */
export const REFERENCE_EXAMPLE_OUTCOMES: Readonly<Record<string, ReferenceExampleOutcome>> = {
  'qwen-demo': {
    provider: 'dynamo',
    selectedReason: 'default → dynamo (GPU inference default)',
    endpoint: { service: 'qwen-demo-frontend', port: 8000 },
    desiredReplicas: 1,
  },
  'llama-8b': {
    provider: 'dynamo',
    selectedReason: 'default → dynamo (GPU inference default)',
    endpoint: { service: 'llama-8b-frontend', port: 8000 },
    desiredReplicas: 1,
  },
  'gemma-cpu': {
    provider: 'kaito',
    selectedReason: 'no GPU requested → kaito (only CPU provider)',
    endpoint: { service: 'gemma-cpu', port: 80 },
    desiredReplicas: 1,
  },
  'llama-70b-pd': {
    provider: 'dynamo',
    endpoint: { service: 'llama-70b-pd-frontend', port: 8000 },
    desiredReplicas: 6,
  },
};
